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
    /// with z filled up front (z 40: block boundaries inside a chunk), one block for G but
    /// two for D's doubled batch (64), and two blocks for both whose halves of D's batch
    /// are not the samples' halves (129: D's batch stays `[x; G(z)]`, G's forward gets its
    /// own fork).
    static func settings(_ o: GANObjective, batch: Int, numZ: Int) -> TrainingSettings {
        var s = TrainingSettings()
        s.numZ = numZ; s.hiddenSize = 24; s.batchSize = batch; s.learningRate = 2e-3
        s.objective = o; s.randomSeed = 41
        return s
    }

    static let shapes: [(batch: Int, numZ: Int)] = [(256, 64), (256, 40), (64, 8), (129, 8)]

    /// Runs `steps` steps of a fused and a plain trainer built alike, on `runner`, and
    /// checks every loss and, at the end, every parameter and optimizer moment.
    static func compare(_ s: TrainingSettings, steps: Int = 12, runner: ParallelRunner?) {
        let fused = ParallelRunner.withShared(runner) { Trainer(settings: s, data: GaussianMixture.seed) }
        let plain = ParallelRunner.withShared(runner) { Trainer(settings: s, data: GaussianMixture.seed) }
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
        let start = Trainer(settings: s, data: GaussianMixture.seed)
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
        #expect(!Trainer(settings: s, data: GaussianMixture.seed).fusedStep)
        let d2 = Self.settings(.d2gan, batch: 256, numZ: 8)
        #expect(!Trainer(settings: d2, data: GaussianMixture.seed).fusedStep)
    }

    /// The per-row loss functions give the whole-batch ones' gradients and, summed, their
    /// loss, for every objective and head, on logits of both signs and large magnitude, for
    /// D's batch as `[x; G(z)]` and arranged in 2 and 3 row blocks, with the rows handed
    /// over in ranges that cut through the blocks.
    @Test(arguments: GANObjective.allCases)
    func rowwiseLossesMatchWholeBatch(_ o: GANObjective) {
        var rng = RNG(seed: 12)
        let n = 33
        let logits = FloatBuffer(count: 2 * n)             // real samples, then fake ones
        rng.fillNormal(logits.base, count: logits.count, std: 6)
        logits[3] = -40; logits[n + 2] = 30
        for head in 0..<o.discriminatorCount {
            let g1 = FloatBuffer(count: 2 * n)
            let whole = o.discriminatorLoss(head: head, logits: logits.base, realCount: n, fakeCount: n,
                                            grad: g1.base, alpha: 0.7, beta: 1.3)
            for blocks in [1, 2, 3] {
                let layout = DiscriminatorBatchLayout(count: n, blocks: blocks)
                let arranged = FloatBuffer(count: 2 * n), g2 = FloatBuffer(count: 2 * n), terms = FloatBuffer(count: 2 * n)
                layout.arrange(real: logits.base, fake: logits.base + n, width: 1, into: arranged.base, rows: 0 ..< 2 * n)
                for r in [0..<20, 20..<41, 41..<(2 * n)] {
                    o.discriminatorGradient(head: head, logits: arranged.base, rows: r, layout: layout,
                                            grad: g2.base, terms: terms.base, alpha: 0.7, beta: 1.3)
                }
                // Row by row, the gradient of the sample that row holds.
                var seen = 0
                layout.forEachRun(in: 0 ..< 2 * n) { run, real, first in
                    for i in run {
                        let sample = (real ? 0 : n) + first + i - run.lowerBound
                        #expect(g2[i].bitPattern == g1[sample].bitPattern, "\(o) head \(head) blocks \(blocks) row \(i)")
                        seen += 1
                    }
                }
                #expect(seen == 2 * n)
                #expect(o.discriminatorLoss(terms: terms.base, layout: layout).bitPattern == whole.bitPattern)
            }

            let g2 = FloatBuffer(count: 2 * n), terms = FloatBuffer(count: 2 * n)
            let wholeG = o.generatorLoss(head: head, logits: logits.base, count: 2 * n, grad: g1.base, beta: 1.3)
            for r in [0..<11, 11..<(2 * n)] {
                o.generatorGradient(head: head, logits: logits.base, rows: r, count: 2 * n, grad: g2.base,
                                    terms: terms.base, beta: 1.3)
            }
            #expect(g1.array == g2.array)
            #expect(o.generatorLoss(terms: terms.base, count: 2 * n).bitPattern == wholeG.bitPattern)
            #expect(whole.isFinite && wholeG.isFinite)
        }
    }

    /// The arrangement: each block holds its real samples, then its fake ones; every sample
    /// has one row; the blocks are D's own where they fall on sample boundaries.
    @Test func discriminatorBatchLayout() {
        let l = DiscriminatorBatchLayout(count: 7, blocks: 2)       // samples 0..<3 and 3..<7
        #expect(l.realRows(0) == 0..<3 && l.fakeRows(0) == 3..<6)
        #expect(l.realRows(1) == 6..<10 && l.fakeRows(1) == 10..<14)
        let real: [Float] = (0..<7).map { Float($0) }, fake: [Float] = (0..<7).map { Float(100 + $0) }
        var batch = [Float](repeating: -1, count: 14)
        batch.withUnsafeMutableBufferPointer { b in
            l.arrange(real: real, fake: fake, width: 1, into: b.baseAddress!, rows: 0..<5)
            l.arrange(real: real, fake: fake, width: 1, into: b.baseAddress!, rows: 5..<14)
        }
        #expect(batch == [0, 1, 2, 100, 101, 102, 3, 4, 5, 6, 103, 104, 105, 106])
        let one = DiscriminatorBatchLayout(count: 4)
        #expect(one.realRows(0) == 0..<4 && one.fakeRows(0) == 4..<8)

        #expect(DiscriminatorBatchLayout.matching(count: 128, rowBlocks: 2) == DiscriminatorBatchLayout(count: 128, blocks: 2))
        // 2·129 rows split in two are 0..<129 and 129..<258, not on the samples' boundaries.
        #expect(DiscriminatorBatchLayout.matching(count: 129, rowBlocks: 2) == DiscriminatorBatchLayout(count: 129))
        #expect(DiscriminatorBatchLayout.matching(count: 128, rowBlocks: 1) == DiscriminatorBatchLayout(count: 128))
        // The trainer arranges D's batch by D's blocks where it can (one D, no packing).
        var s = Self.settings(.nsgan, batch: 256, numZ: 8)
        let blocked = Trainer(settings: s, data: GaussianMixture.seed).dRows
        #expect(blocked == DiscriminatorBatchLayout(count: 256, blocks: MLP.rowBlocks))
        s.pack = 2
        #expect(Trainer(settings: s, data: GaussianMixture.seed).dRows == DiscriminatorBatchLayout(count: 128))
    }
}
