/// Where each sample of a D update sits in D's batch: `count` real samples x and `count`
/// fake ones G(z), by row block. Block k holds real samples r_k = range(k, of: count, blocks)
/// then fake ones r_k (one block is `[x; G(z)]`), so the fused step runs a block's G forward
/// and D pass in one fork. Each half's loss terms are summed in sample order, so L_D does not
/// depend on the arrangement.
public struct DiscriminatorBatchLayout: Sendable, Equatable {
    /// Real samples, and fake samples (as many).
    public let count: Int
    /// Row blocks of the arrangement (1: `[x; G(z)]`).
    public let blocks: Int

    /// `count` real and `count` fake samples in `blocks` row blocks.
    public init(count: Int, blocks: Int = 1) {
        precondition(count > 0 && blocks >= 1 && blocks <= count)
        self.count = count
        self.blocks = blocks
    }

    /// The arrangement whose blocks are D's own `rowBlocks` row blocks of `2·count` rows when
    /// they fall on its boundaries; `[x; G(z)]` otherwise (e.g. an odd `count` split in two).
    public static func matching(count: Int, rowBlocks: Int) -> DiscriminatorBatchLayout {
        guard rowBlocks > 1, rowBlocks <= count else { return DiscriminatorBatchLayout(count: count) }
        let layout = DiscriminatorBatchLayout(count: count, blocks: rowBlocks)
        let aligned = (0..<rowBlocks).allSatisfy {
            let r = ParallelRunner.range($0, of: 2 * count, blocks: rowBlocks)
            return r.lowerBound == layout.realRows($0).lowerBound && r.upperBound == layout.fakeRows($0).upperBound
        }
        return aligned ? layout : DiscriminatorBatchLayout(count: count)
    }

    /// The samples r_k of block `k` (indices into x and into G(z)).
    public func samples(_ k: Int) -> Range<Int> { ParallelRunner.range(k, of: count, blocks: blocks) }

    /// The rows of block `k` that hold the real samples r_k.
    public func realRows(_ k: Int) -> Range<Int> {
        let s = samples(k)
        return (2 * s.lowerBound) ..< (s.lowerBound + s.upperBound)
    }

    /// The rows of block `k` that hold the fake samples r_k.
    public func fakeRows(_ k: Int) -> Range<Int> {
        let s = samples(k)
        return (s.lowerBound + s.upperBound) ..< (2 * s.upperBound)
    }

    /// Calls `body(run, isReal, firstSample)` for each run of one kind of sample within `rows`,
    /// in row order (firstSample: the sample index of the run's first row).
    @inline(__always)
    public func forEachRun(in rows: Range<Int>, _ body: (Range<Int>, Bool, Int) -> Void) {
        for k in 0..<blocks {
            let start = samples(k).lowerBound
            let real = realRows(k), fake = fakeRows(k)
            let realRun = real.clamped(to: rows), fakeRun = fake.clamped(to: rows)
            if !realRun.isEmpty { body(realRun, true, start + realRun.lowerBound - real.lowerBound) }
            if !fakeRun.isEmpty { body(fakeRun, false, start + fakeRun.lowerBound - fake.lowerBound) }
        }
    }

    /// Copies the samples of `real` and `fake` (`[count, width]`) in `rows` into `batch` `[2·count, width]`.
    public func arrange(real: UnsafePointer<Float>, fake: UnsafePointer<Float>, width: Int,
                        into batch: UnsafeMutablePointer<Float>, rows: Range<Int>) {
        forEachRun(in: rows) { run, isReal, first in
            (batch + width * run.lowerBound).update(from: (isReal ? real : fake) + width * first, count: width * run.count)
        }
    }
}
