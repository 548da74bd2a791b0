import Dispatch

/// Runs a fixed number of blocks of work with `DispatchQueue.concurrentPerform`, or serially
/// with one worker. The caller fixes the blocks (from the data's size, never the thread count)
/// and each writes only its own part, so results do not depend on the number of workers.
public struct ParallelRunner: Sendable {
    /// Number of threads that may work on a run, the caller included.
    public let workers: Int

    /// A runner with `workers` threads (1: every block on the caller's thread).
    public init(workers: Int) {
        precondition(workers >= 1)
        self.workers = workers
    }

    /// The runner `MLP`, `Adam` and `RNG.fillNormal` use by default (`nil`: the calling
    /// thread). GANRun sets it from its thread policy.
    nonisolated(unsafe) public static var shared: ParallelRunner?

    /// Runs `body(block)` for every block in 0 ..< blocks; returns when all are done. Blocks
    /// must touch disjoint data: the caller's contract, since the numeric code's pointers and
    /// networks are not `Sendable` as Dispatch asks.
    public func run(blocks: Int, _ body: (Int) -> Void) {
        if workers == 1 || blocks <= 1 {
            for b in 0..<blocks { body(b) }
            return
        }
        withoutActuallyEscaping(body) { body in
            nonisolated(unsafe) let body = body
            DispatchQueue.concurrentPerform(iterations: blocks) { body($0) }
        }
    }

    /// Blocks for an elementwise pass over `n` parameters: one per worker when it pays.
    func blocks(parameters n: Int) -> Int { n >= 16_384 ? workers : 1 }

    /// The half-open range of `0 ..< count` that block `b` of `blocks` covers (contiguous, balanced).
    public static func range(_ b: Int, of count: Int, blocks: Int) -> Range<Int> {
        (count * b / blocks) ..< (count * (b + 1) / blocks)
    }
}
