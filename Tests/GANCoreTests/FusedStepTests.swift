import Foundation
import Testing
@testable import GANCore

/// The fused step (Trainer+FusedStep.swift) against the plain one: same seed, same
/// settings, and the losses and every parameter must agree bit for bit — the fused step
/// only regroups the same arithmetic into fewer forks.
@Suite("Fused step agrees with the plain step")
struct FusedStepTests {
    static let runner = ParallelRunner(workers: 2)

    /// Settings that exercise one path of the fused step each: two row blocks whose noise
    /// chunks are filled by the blocks (z 64 × 128 rows = one chunk per block), two blocks
    /// with z filled up front (z 40: block boundaries inside a chunk), and one block.
    static func settings(_ o: GANObjective, batch: Int, numZ: Int) -> TrainingSettings {
        var s = TrainingSettings()
        s.numZ = numZ; s.hiddenSize = 24; s.batchSize = batch; s.learningRate = 2e-3
        s.objective = o; s.randomSeed = 41
        return s
    }

    static let shapes: [(batch: Int, numZ: Int)] = [(256, 64), (256, 40), (64, 8)]

    /// Runs `steps` steps of a fused and a plain trainer built alike, on `runner`, and
    /// checks every loss and, at the end, every parameter and optimizer moment.
    static func compare(_ s: TrainingSettings, steps: Int = 12, runner: ParallelRunner?) {
        let fused = ParallelRunner.withShared(runner) { Trainer(settings: s, data: .seed) }
        let plain = ParallelRunner.withShared(runner) { Trainer(settings: s, data: .seed) }
        #expect(fused.fusedStep)
        plain.fusedStep = false
        for step in 0..<steps {
            let a = ParallelRunner.withShared(runner) { fused.step() }
            let b = ParallelRunner.withShared(runner) { plain.step() }
            #expect(a.dLoss.bitPattern == b.dLoss.bitPattern && a.gLoss.bitPattern == b.gLoss.bitPattern,
                    "\(s.objective) batch \(s.batchSize) z \(s.numZ) step \(step): \(a) vs \(b)")
        }
        #expect(fused.rng == plain.rng)
        #expect(fused.generator.parameters.array == plain.generator.parameters.array)
        #expect(fused.discriminator.parameters.array == plain.discriminator.parameters.array)
        #expect(fused.discriminator.gradients.array == plain.discriminator.gradients.array)
        if let fa = fused.generatorOptimizer as? Adam, let pa = plain.generatorOptimizer as? Adam {
            #expect(fa.t == pa.t && fa.m.array == pa.m.array && fa.v.array == pa.v.array)
        }
        // The networks moved: the comparison is not between two idle trainers.
        let start = Trainer(settings: s, data: .seed)
        #expect(start.generator.parameters.array != fused.generator.parameters.array)
    }

    @Test("every single-D objective, serial and on two workers", arguments: [GANObjective.gan, .nsgan, .wgan, .wganGP, .lsgan, .hinge])
    func objectives(_ o: GANObjective) {
        for shape in Self.shapes {
            let s = Self.settings(o, batch: shape.batch, numZ: shape.numZ)
            Self.compare(s, runner: nil)
            Self.compare(s, runner: Self.runner)
        }
    }

    /// Penalties (summed gradients, then the penalty, then the update), several critic
    /// updates, the other optimizers and a uniform latent.
    @Test func penaltiesOptimizersAndLatent() {
        var s = Self.settings(.nsgan, batch: 256, numZ: 64)
        s.r1 = 0.5; s.r2 = 0.25; s.nCritic = 2
        Self.compare(s, runner: Self.runner)
        for kind in [OptimizerKind.rmsprop, .sgd] {
            var t = Self.settings(.lsgan, batch: 256, numZ: 64)
            t.optimizer = kind; t.learningRate = 1e-3
            Self.compare(t, runner: Self.runner)
        }
        var u = Self.settings(.hinge, batch: 256, numZ: 64)
        u.latent = .uniform
        Self.compare(u, runner: Self.runner)
    }

    /// Packing and D2GAN keep the plain step.
    @Test func plainStepWhereFusingDoesNotApply() {
        var s = Self.settings(.nsgan, batch: 256, numZ: 8)
        s.pack = 2
        #expect(!Trainer(settings: s, data: .seed).fusedStep)
        let d2 = Self.settings(.d2gan, batch: 256, numZ: 8)
        #expect(!Trainer(settings: d2, data: .seed).fusedStep)
    }

    /// The per-row loss functions give the whole-batch ones' gradients and, summed, their
    /// loss, for every objective and head, on logits of both signs and large magnitude.
    @Test(arguments: GANObjective.allCases)
    func rowwiseLossesMatchWholeBatch(_ o: GANObjective) {
        var rng = RNG(seed: 12)
        let n = 37, m = 29
        let logits = FloatBuffer(count: n + m)
        rng.fillNormal(logits.base, count: logits.count, std: 6)
        logits[3] = -40; logits[n + 2] = 30
        for head in 0..<o.discriminatorCount {
            let g1 = FloatBuffer(count: n + m), g2 = FloatBuffer(count: n + m), terms = FloatBuffer(count: n + m)
            let whole = o.discriminatorLoss(head: head, logits: logits.base, realCount: n, fakeCount: m,
                                            grad: g1.base, alpha: 0.7, beta: 1.3)
            for r in [0..<20, 20..<(n + m)] {
                o.discriminatorGradient(head: head, logits: logits.base, rows: r, realCount: n, fakeCount: m,
                                        grad: g2.base, terms: terms.base, alpha: 0.7, beta: 1.3)
            }
            #expect(g1.array == g2.array)
            #expect(o.discriminatorLoss(terms: terms.base, realCount: n, fakeCount: m).bitPattern == whole.bitPattern)

            let wholeG = o.generatorLoss(head: head, logits: logits.base, count: n + m, grad: g1.base, beta: 1.3)
            for r in [0..<11, 11..<(n + m)] {
                o.generatorGradient(head: head, logits: logits.base, rows: r, count: n + m, grad: g2.base,
                                    terms: terms.base, beta: 1.3)
            }
            #expect(g1.array == g2.array)
            #expect(o.generatorLoss(terms: terms.base, count: n + m).bitPattern == wholeG.bitPattern)
            #expect(whole.isFinite && wholeG.isFinite)
        }
    }
}
