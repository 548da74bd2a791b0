import Foundation
import Testing
@testable import GANCore

/// The optimised parallel paths give the numbers of the plain serial ones.
@Suite("Parallel paths agree with serial ones")
struct ParallelPathTests {
    static let runner = ParallelRunner(workers: 2)

    @Test func runnerRunsEveryBlockOnceAndSplitsRanges() {
        let r = Self.runner
        let hits = FloatBuffer(count: 7)
        for _ in 0..<200 { r.run(blocks: 7) { b in hits[b] += 1 } }
        #expect(hits.array == Array(repeating: 200, count: 7))
        #expect(ParallelRunner.range(0, of: 11, blocks: 2) == 0..<5 && ParallelRunner.range(1, of: 11, blocks: 2) == 5..<11)
        #expect(ParallelRunner.range(0, of: 0, blocks: 2).isEmpty && ParallelRunner.range(1, of: 0, blocks: 2).isEmpty)
    }

    /// Two networks with the same weights, one on the calling thread and one on two worker
    /// threads: the blocks are fixed by the batch size, so outputs and gradients are
    /// bit-identical.
    @Test(arguments: [Activation.relu, .tanh, .leakyRelu])
    func mlpForwardAndBackward(_ act: Activation) throws {
        var r1 = RNG(seed: 5), r2 = RNG(seed: 5)
        let serial = MLP(sizes: [6, 32, 32, 3], hiddenActivation: act, maxBatch: 300, initStd: 0.3, rng: &r1, runner: nil)
        let parallel = MLP(sizes: [6, 32, 32, 3], hiddenActivation: act, maxBatch: 300, initStd: 0.3, rng: &r2, runner: Self.runner)
        #expect(serial.parameters.array == parallel.parameters.array)
        let batch = 257  // odd, above the parallel threshold
        #expect(batch >= MLP.parallelMinimumRows)
        var rng = RNG(seed: 9)
        let x = FloatBuffer(count: batch * 6), dy = FloatBuffer(count: batch * 3)
        rng.fillNormal(x.base, count: x.count)
        rng.fillNormal(dy.base, count: dy.count)
        let ys = Array(UnsafeBufferPointer(start: serial.forward(x.matrix(rows: batch, cols: 6)).data, count: batch * 3))
        let yp = Array(UnsafeBufferPointer(start: parallel.forward(x.matrix(rows: batch, cols: 6)).data, count: batch * 3))
        #expect(ys == yp)
        let gs = try #require(serial.backward(dy.matrix(rows: batch, cols: 3), inputGradient: true))
        let gp = try #require(parallel.backward(dy.matrix(rows: batch, cols: 3), inputGradient: true))
        #expect(Array(UnsafeBufferPointer(start: gs.data, count: batch * 6))
                == Array(UnsafeBufferPointer(start: gp.data, count: batch * 6)))
        #expect(serial.gradients.array == parallel.gradients.array)
        #expect(serial.gradients.array.contains { $0 != 0 })
    }

    /// The chunked normal fill does not depend on the worker count.
    @Test func fillNormalIsIndependentOfWorkers() {
        let n = 3 * RNG.normalChunk + 17
        let a = FloatBuffer(count: n), b = FloatBuffer(count: n)
        var ra = RNG(seed: 3), rb = RNG(seed: 3)
        ParallelRunner.withShared(nil) { ra.fillNormal(a.base, count: n) }
        ParallelRunner.withShared(Self.runner) { rb.fillNormal(b.base, count: n) }
        #expect(a.array == b.array)
        #expect(ra == rb)
    }

    /// A whole trainer on two worker threads matches one on the calling thread bit for bit.
    @Test func trainerIsIdenticalWithAndWithoutWorkers() {
        var s = TrainingSettings()
        s.numZ = 16; s.hiddenSize = 32; s.batchSize = 256; s.learningRate = 1e-3
        let serial = ParallelRunner.withShared(nil) { Trainer(settings: s, data: GaussianMixture.seed) }
        let parallel = ParallelRunner.withShared(Self.runner) { Trainer(settings: s, data: GaussianMixture.seed) }
        for step in 0..<30 {
            let a = ParallelRunner.withShared(nil) { serial.step() }
            let b = ParallelRunner.withShared(Self.runner) { parallel.step() }
            #expect(a.dLoss.bitPattern == b.dLoss.bitPattern && a.gLoss.bitPattern == b.gLoss.bitPattern, "step \(step)")
        }
        #expect(serial.generator.parameters.array == parallel.generator.parameters.array)
        #expect(serial.discriminator.parameters.array == parallel.discriminator.parameters.array)
    }
}
