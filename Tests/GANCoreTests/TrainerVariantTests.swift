import Foundation
import Testing
@testable import GANCore

/// The trainer's handling of the variants: clipping bounds, packing shapes, separate
/// learning rates and architectures, two discriminators, and short runs that stay finite.
@Suite("Trainer variants")
struct TrainerVariantTests {
    static func small(_ o: GANObjective) -> TrainingSettings {
        var s = TrainingSettings()
        s.numZ = 4; s.hiddenSize = 16; s.batchSize = 32; s.learningRate = 1e-3; s.objective = o
        return s
    }

    /// After every critic update, every critic parameter (weights and biases) is in [−c, c];
    /// with init std 0.5 and lr 1e-3 most of them start far outside, so clipping is active.
    @Test func wganClipsEveryCriticParameter() {
        var s = Self.small(.wgan)
        s.initStd = 0.5; s.clip = 0.05; s.nCritic = 3
        let t = Trainer(settings: s, data: GaussianMixture.seed)
        for _ in 0..<5 {
            t.step()
            let p = t.discriminator.parameters.array
            #expect(p.allSatisfy { abs($0) <= 0.05 })
            #expect(p.filter { abs($0) == 0.05 }.count > p.count / 4, "clipping should bind for many parameters")
        }
        // G is never clipped.
        #expect(t.generator.parameters.array.contains { abs($0) > 0.05 })
    }

    @Test func architecturePackingAndLearningRates() {
        var s = Self.small(.d2gan)
        s.pack = 4; s.generatorHiddenSize = 8; s.generatorHiddenLayers = 3; s.discriminatorHiddenLayers = 1
        s.generatorActivation = .tanh; s.discriminatorActivation = .leakyRelu
        s.generatorLearningRate = 1e-4; s.discriminatorLearningRate = 3e-3; s.optimizer = .rmsprop
        let t = Trainer(settings: s, data: GaussianMixture.seed)
        #expect(t.generator.sizes == [4, 8, 8, 8, 2] && t.generator.hiddenActivation == .tanh)
        #expect(t.discriminators.count == 2)
        #expect(t.discriminators.allSatisfy { $0.sizes == [8, 16, 1] && $0.hiddenActivation == .leakyRelu })
        #expect(t.generatorOptimizer.learningRate == 1e-4 && t.discriminatorOptimizers.allSatisfy { $0.learningRate == 3e-3 })
        #expect(t.discriminatorOptimizers.allSatisfy { $0 is RMSProp })
        let d1 = t.discriminators[1].parameters.array
        t.step()
        #expect(t.discriminators[1].parameters.array != d1, "D2 is trained too")
    }

    struct Variant: CustomTestStringConvertible, Sendable {
        let objective: GANObjective, r1: Float, r2: Float, pack: Int, latent: LatentDistribution
        var testDescription: String { "\(objective.rawValue) r1 \(r1) r2 \(r2) pack \(pack) \(latent)" }
    }
    static let variants: [Variant] = GANObjective.allCases.map { Variant(objective: $0, r1: 0, r2: 0, pack: 1, latent: .normal) } + [
        Variant(objective: .nsgan, r1: 1, r2: 0, pack: 2, latent: .uniform),
        Variant(objective: .hinge, r1: 0, r2: 0.5, pack: 4, latent: .normal),
        Variant(objective: .d2gan, r1: 0.5, r2: 0.5, pack: 2, latent: .normal),
        Variant(objective: .wganGP, r1: 0, r2: 0, pack: 2, latent: .uniform),
    ]

    /// 300 steps of each variant on ring8 keep both losses and all parameters finite, and
    /// the same seed reproduces the run bit for bit.
    @Test("finite and deterministic", arguments: variants)
    func finiteRun(_ v: Variant) {
        var s = Self.small(v.objective)
        s.r1 = v.r1; s.r2 = v.r2; s.pack = v.pack; s.latent = v.latent; s.nCritic = 2
        let a = Trainer(settings: s, data: GaussianMixture.ring8), b = Trainer(settings: s, data: GaussianMixture.ring8)
        for _ in 0..<300 {
            let la = a.step(), lb = b.step()
            #expect(la.dLoss.isFinite && la.gLoss.isFinite)
            #expect(la == lb)
            if !(la.dLoss.isFinite && la.gLoss.isFinite) { break }
        }
        for net in [a.generator] + a.discriminators {
            let finite = net.parameters.array.allSatisfy { $0.isFinite }
            #expect(finite)
        }
        #expect(a.generator.parameters.array == b.generator.parameters.array)
    }

    /// The WGAN-GP penalty pulls the critic's input-gradient norm towards 1: with a large λ
    /// and no adversarial signal worth speaking of, ‖∇ₓD‖ on interpolates ends near 1.
    @Test func gradientPenaltyDrivesNormTowardsOne() {
        var s = Self.small(.wganGP)
        s.gpWeight = 10; s.initStd = 0.3; s.discriminatorLearningRate = 1e-2; s.generatorLearningRate = 1e-6
        let t = Trainer(settings: s, data: GaussianMixture.seed)
        let x = FloatBuffer(count: 64 * 2)
        var rng = RNG(seed: 5)
        rng.fillNormal(x.base, count: x.count)
        func meanNorm() -> Double {
            let p = InputGradientPenalty(network: t.discriminator, maxBatch: 64)
            let saved = t.discriminator.gradients.array
            p.penalize(x.matrix(rows: 64, cols: 2), kind: .squaredNorm, weight: 0)
            for i in saved.indices { t.discriminator.gradients[i] = saved[i] }
            let g = p.inputGradient.array
            return (0..<64).map { Double(hypot(g[2 * $0], g[2 * $0 + 1])) }.reduce(0, +) / 64
        }
        let before = meanNorm()
        for _ in 0..<400 { t.step() }
        let after = meanNorm()
        #expect(abs(after - 1) < 0.3 && abs(after - 1) < abs(before - 1), "‖∇D‖ \(before) → \(after)")
    }
}
