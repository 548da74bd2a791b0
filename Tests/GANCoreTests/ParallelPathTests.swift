import Foundation
import Testing
@testable import GANCore

/// The optimised parallel paths give the numbers of the plain serial ones.
@Suite("Parallel paths agree with serial ones")
struct ParallelPathTests {
    static let runner = ParallelRunner(workers: 2)

    @Test func runnerCallsEveryWorkerOnceAndSplitsRanges() {
        let r = Self.runner
        let hits = FloatBuffer(count: 2)
        for _ in 0..<100 { r.run { w in hits[w] += 1 } }
        #expect(hits.array == [100, 100])
        #expect(r.range(0, of: 11) == 0..<5 && r.range(1, of: 11) == 5..<11)
        #expect(r.range(0, of: 0).isEmpty && r.range(1, of: 0).isEmpty)
    }

    /// Two networks with the same weights, one serial and one on two workers: outputs are
    /// equal; parameter and input gradients agree to float rounding (the parallel one adds
    /// two partial sums, so the last bits may differ).
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
        for i in 0..<ys.count { #expect(abs(ys[i] - yp[i]) <= 1e-5 * (1 + abs(ys[i]))) }
        let gs = try #require(serial.backward(dy.matrix(rows: batch, cols: 3), inputGradient: true))
        let gp = try #require(parallel.backward(dy.matrix(rows: batch, cols: 3), inputGradient: true))
        for i in 0..<(batch * 6) { #expect(abs(gs.data[i] - gp.data[i]) <= 1e-5 * (1 + abs(gs.data[i]))) }
        let a = serial.gradients.array, b = parallel.gradients.array
        let scale = a.map(abs).max() ?? 1
        var worst: Float = 0
        for i in 0..<a.count { worst = max(worst, abs(a[i] - b[i])) }
        #expect(worst <= 1e-5 * scale, "largest difference \(worst) of \(scale)")
        #expect(scale > 0)
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
}
