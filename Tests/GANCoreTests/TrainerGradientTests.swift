import Testing
@testable import GANCore

/// The gradients one `Trainer.step()` actually feeds to Adam, against central differences
/// of the adversarial losses composed through the trainer's own networks:
///
/// - D: L_D(θ_D) on D([x; G(z₁)]) with G fixed → `discriminator.gradients` after the step;
/// - G: L_G(θ_G) on D'(G(z₂)) with the *updated* D' fixed → `generator.gradients`.
///
/// The batches are replayed from a copy of the trainer's RNG (sample x, then z₁, then z₂, the
/// order of `step()`), and the replayed losses must equal the ones `step()` returned bit for
/// bit, which proves the replay is the same computation.
///
/// Small nets (num_z 3, hidden 5, batch 4, init std 0.5) keep the gradients well above round-off.
/// Both networks use ReLU, so a difference step must not carry any hidden pre-activation across
/// 0: with h = 2e-4 one step moves a pre-activation by ≲ 6e-4, and only runs whose hidden
/// pre-activations all stay ≥ 3e-3 from the kink are used (the first such seed from 1).
/// Error budget: the Float loss (≈ 1.4) and the Float logits each carry ≈ 1e-7 of round-off,
/// ≈ 2.5e-4 after dividing by 2h (observed ≤ 3e-4 over 60 seeds); truncation is negligible on
/// the piecewise-linear-then-softplus path. The selected runs have a largest gradient ≥ 0.1, so
/// the allowance 1e-2·|g| + 1e-2·max|g| ≥ 1e-3 is several times the noise, and a sign error,
/// a missed half of the batch or a gradient taken against the un-updated D is O(1) relative.
@Suite("Trainer step gradients")
struct TrainerGradientTests {
    static let b = 4, numZ = 3

    struct Replay {
        let trainer: Trainer
        let x: [Float], z1: [Float], z2: [Float]
        let g0: [Float], d0: [Float], d1: [Float]
        let gradD: [Float], gradG: [Float]
        let dLoss: Float, gLoss: Float
    }

    static func settings(_ o: GANObjective, seed: UInt64) -> TrainingSettings {
        var s = TrainingSettings()
        s.numZ = numZ; s.hiddenSize = 5; s.hiddenLayers = 2; s.batchSize = b
        s.initStd = 0.5; s.learningRate = 0.01; s.objective = o; s.randomSeed = seed
        return s
    }

    static func replay(_ o: GANObjective, seed: UInt64) -> Replay {
        let t = Trainer(settings: settings(o, seed: seed), data: GaussianMixture.seed)
        // Biases start at zero, which puts a hidden unit exactly on its kink whenever every
        // unit feeding it is inactive; random biases make the step a generic point.
        var biasRNG = RNG(seed: seed).derived(99)
        for layer in t.generator.layers + t.discriminator.layers {
            for j in 0..<layer.outFeatures { layer.b[j] = 0.3 * biasRNG.normal() }
        }
        var r = t.rng
        let x = t.data.sample(count: b, rng: &r)
        var z1 = [Float](repeating: 0, count: b * numZ), z2 = z1
        r.fillNormal(&z1, count: z1.count)
        r.fillNormal(&z2, count: z2.count)
        let g0 = t.generator.parameters.array, d0 = t.discriminator.parameters.array
        let (dLoss, gLoss) = t.step()
        return Replay(trainer: t, x: x, z1: z1, z2: z2, g0: g0, d0: d0,
                      d1: t.discriminator.parameters.array,
                      gradD: t.discriminator.gradients.array, gradG: t.generator.gradients.array,
                      dLoss: dLoss, gLoss: gLoss)
    }

    static func set(_ buffer: FloatBuffer, _ values: [Float]) {
        for i in values.indices { buffer[i] = values[i] }
    }

    /// D's input [x; G(z₁)] with G at θ_G⁰.
    static func discriminatorInput(_ r: Replay) -> FloatBuffer {
        set(r.trainer.generator.parameters, r.g0)
        let z = FloatBuffer(r.z1)
        let fake = r.trainer.generator.forward(z.matrix(rows: b, cols: numZ))
        return FloatBuffer(r.x + (0..<(2 * b)).map { fake.data[$0] })
    }

    static func dLoss(_ r: Replay, input: FloatBuffer) -> Double {
        let logits = r.trainer.discriminator.forward(input.matrix(rows: 2 * b, cols: 2))
        var grad = [Float](repeating: 0, count: 2 * b)
        return Double(r.trainer.settings.objective.discriminatorLoss(
            logits: logits.data, realCount: b, fakeCount: b, grad: &grad))
    }

    static func gLoss(_ r: Replay, z: FloatBuffer) -> Double {
        let fake = r.trainer.generator.forward(z.matrix(rows: b, cols: numZ))
        let logits = r.trainer.discriminator.forward(fake)
        var grad = [Float](repeating: 0, count: b)
        return Double(r.trainer.settings.objective.generatorLoss(logits: logits.data, count: b, grad: &grad))
    }

    /// The smallest distance of any hidden ReLU input from its kink, over every forward pass
    /// the two checks differentiate through.
    static func kinkMargin(_ r: Replay) -> Float {
        let t = r.trainer
        let dIn = discriminatorInput(r)
        set(t.discriminator.parameters, r.d0)
        let m1 = GradientCheck.minimumHiddenPreactivation(t.discriminator, dIn.matrix(rows: 2 * b, cols: 2))
        let z = FloatBuffer(r.z2)
        let m2 = GradientCheck.minimumHiddenPreactivation(t.generator, z.matrix(rows: b, cols: numZ))
        let fake = FloatBuffer((0..<(2 * b)).map { t.generator.forward(z.matrix(rows: b, cols: numZ)).data[$0] })
        set(t.discriminator.parameters, r.d1)
        let m3 = GradientCheck.minimumHiddenPreactivation(t.discriminator, fake.matrix(rows: b, cols: 2))
        return min(m1, m2, m3)
    }

    /// The first seed from 1 whose step stays clear of every ReLU kink and has gradients ≥ 0.1.
    static func cleanReplay(_ o: GANObjective) -> Replay? {
        for seed in UInt64(1)...300 {
            let r = replay(o, seed: seed)
            if kinkMargin(r) >= 3e-3, r.gradD.map(abs).max()! >= 0.1, r.gradG.map(abs).max()! >= 0.1 { return r }
        }
        return nil
    }

    @Test("discriminator.gradients = ∂L_D/∂θ_D", arguments: [GANObjective.gan, .nsgan])
    func discriminatorGradient(_ o: GANObjective) throws {
        let r = try #require(Self.cleanReplay(o), "no seed keeps the step away from the ReLU kinks")
        let t = r.trainer
        let input = Self.discriminatorInput(r)
        Self.set(t.discriminator.parameters, r.d0)
        #expect(Float(Self.dLoss(r, input: input)) == r.dLoss, "replay differs from step()")
        let numeric = GradientCheck.numeric(t.discriminator.parameters.base, count: t.discriminator.parameterCount,
                                            h: 2e-4) { Self.dLoss(r, input: input) }
        GradientCheck.expectMatch(r.gradD, numeric, relTol: 1e-2, absTol: 1e-2, "D \(o)")
    }

    @Test("generator.gradients = ∂L_G/∂θ_G through the updated D", arguments: [GANObjective.gan, .nsgan])
    func generatorGradient(_ o: GANObjective) throws {
        let r = try #require(Self.cleanReplay(o), "no seed keeps the step away from the ReLU kinks")
        let t = r.trainer
        #expect(r.d1 != r.d0, "D must have been updated before the G step")
        Self.set(t.discriminator.parameters, r.d1)
        Self.set(t.generator.parameters, r.g0)
        let z = FloatBuffer(r.z2)
        #expect(Float(Self.gLoss(r, z: z)) == r.gLoss, "replay differs from step()")
        let numeric = GradientCheck.numeric(t.generator.parameters.base, count: t.generator.parameterCount,
                                            h: 2e-4) { Self.gLoss(r, z: z) }
        GradientCheck.expectMatch(r.gradG, numeric, relTol: 1e-2, absTol: 1e-2, "G \(o)")
    }
}
