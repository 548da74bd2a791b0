import Testing
@testable import GANCore

/// Unrolled GAN (first order): G's update is taken against D after k further updates, and
/// those updates are undone.
///
/// The RNG draws of an unrolled step (D: x, z; k × look-ahead D: x, z; G: z) are exactly
/// those of a plain step with 1 + k D updates, so that plain step is the reference: G must
/// come out bit for bit the same, while D (and its optimizer) must end as after a plain step
/// with one D update. G's gradient is then checked against central differences of L_G
/// through the look-ahead D. Tanh networks keep the differences away from kinks.
@Suite("Unrolled GAN")
struct UnrolledGANTests {
    static let b = 4, numZ = 3, k = 3

    static func settings(unrolled: Int, nCritic: Int, _ o: GANObjective = .nsgan) -> TrainingSettings {
        var s = TrainingSettings()
        s.numZ = numZ; s.hiddenSize = 5; s.hiddenLayers = 2; s.batchSize = b
        s.generatorActivation = .tanh; s.discriminatorActivation = .tanh
        s.initStd = 0.5; s.learningRate = 0.01; s.objective = o; s.randomSeed = 11
        s.unrolledSteps = unrolled; s.nCritic = nCritic
        return s
    }

    static func adamState(_ t: Trainer) -> [Float] {
        let a = t.discriminatorOptimizers[0] as! Adam
        return a.m.array + a.v.array + [Float(a.t)]
    }

    @Test("G steps against D k updates ahead; D keeps only its own update", arguments: [GANObjective.nsgan, .wganGP])
    func unrolledStepMatchesLookAhead(_ o: GANObjective) {
        let unrolled = Trainer(settings: Self.settings(unrolled: Self.k, nCritic: 1, o), data: GaussianMixture.seed)
        let ahead = Trainer(settings: Self.settings(unrolled: 0, nCritic: 1 + Self.k, o), data: GaussianMixture.seed)
        let plain = Trainer(settings: Self.settings(unrolled: 0, nCritic: 1, o), data: GaussianMixture.seed)
        for _ in 0..<3 {
            // Same start: G, D and the D optimizer of `unrolled` are copied into the others.
            for t in [ahead, plain] {
                t.generator.parameters.copy(from: unrolled.generator.parameters)
                t.generatorOptimizer.copyState(from: unrolled.generatorOptimizer)
                t.discriminator.parameters.copy(from: unrolled.discriminator.parameters)
                t.discriminatorOptimizers[0].copyState(from: unrolled.discriminatorOptimizers[0])
                t.rng = unrolled.rng
            }
            let u = unrolled.step(), a = ahead.step(), p = plain.step()
            #expect(u.gLoss == a.gLoss && u.dLoss == p.dLoss)
            #expect(unrolled.generator.parameters.array == ahead.generator.parameters.array)
            #expect(unrolled.generator.gradients.array == ahead.generator.gradients.array)
            #expect(unrolled.discriminator.parameters.array == plain.discriminator.parameters.array)
            #expect(Self.adamState(unrolled) == Self.adamState(plain))
            #expect(unrolled.discriminator.parameters.array != ahead.discriminator.parameters.array)
            #expect(unrolled.rng == ahead.rng)
        }
    }

    @Test("G's gradient = ∂L_G/∂θ_G through the look-ahead D (finite differences)")
    func generatorGradientThroughLookAhead() {
        let unrolled = Trainer(settings: Self.settings(unrolled: Self.k, nCritic: 1), data: GaussianMixture.seed)
        let ahead = Trainer(settings: Self.settings(unrolled: 0, nCritic: 1 + Self.k), data: GaussianMixture.seed)
        let g0 = unrolled.generator.parameters.array
        ahead.generator.parameters.copy(from: unrolled.generator.parameters)
        ahead.discriminator.parameters.copy(from: unrolled.discriminator.parameters)
        ahead.rng = unrolled.rng
        unrolled.step()
        ahead.step()
        // `ahead`'s D is the look-ahead D; z holds the noise of G's update.
        let t = ahead, z = FloatBuffer(unrolled.z.array)
        for i in g0.indices { t.generator.parameters[i] = g0[i] }
        func loss() -> Double {
            let logits = t.discriminator.forward(t.generator.forward(z.matrix(rows: Self.b, cols: Self.numZ)))
            var grad = [Float](repeating: 0, count: Self.b)
            return Double(t.settings.objective.generatorLoss(logits: logits.data, count: Self.b, grad: &grad))
        }
        let numeric = GradientCheck.numeric(t.generator.parameters.base, count: t.generator.parameterCount, h: 2e-3, loss: loss)
        GradientCheck.expectMatch(unrolled.generator.gradients.array, numeric, relTol: 1e-2, absTol: 1e-2, "G unrolled")
    }

    @Test("a trial update is undone exactly for every optimizer", arguments: OptimizerKind.allCases)
    func copyStateRestoresEveryOptimizer(_ kind: OptimizerKind) {
        var s = Self.settings(unrolled: 2, nCritic: 1)
        s.optimizer = kind
        let unrolled = Trainer(settings: s, data: GaussianMixture.seed)
        s.unrolledSteps = 0
        let plain = Trainer(settings: s, data: GaussianMixture.seed)
        for _ in 0..<2 {
            plain.discriminator.parameters.copy(from: unrolled.discriminator.parameters)
            plain.discriminatorOptimizers[0].copyState(from: unrolled.discriminatorOptimizers[0])
            plain.generator.parameters.copy(from: unrolled.generator.parameters)
            plain.rng = unrolled.rng
            unrolled.step(); plain.step()
            #expect(unrolled.discriminator.parameters.array == plain.discriminator.parameters.array, "\(kind)")
        }
    }
}
