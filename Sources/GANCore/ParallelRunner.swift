import Foundation
import Synchronization

/// A tiny fork–join pool for the training step with work *claiming*: `run(blocks:)` hands
/// out block indices 0 ..< blocks to whoever asks first — the calling thread and the
/// helper threads — and returns when every block is done.
///
/// Why claiming: this machine is shared. A helper thread that is not scheduled right now
/// simply claims nothing; the caller does its blocks itself and never waits for a thread
/// that is not running. And because the *blocks* are fixed by the caller (not by the
/// number of threads, nor by timing), the numbers a computation produces are the same
/// with any number of workers, including none.
///
/// Hand-off: helpers spin on the run number in the claim word for about a tenth of a
/// millisecond (enough to bridge the short serial parts of a step), then sleep on a
/// condition variable; the caller signals under the lock, so no wake-up is lost, and an
/// idle pool costs no CPU.
public final class ParallelRunner: @unchecked Sendable {
    /// Number of threads that may work on a run, the caller included.
    public let workers: Int

    /// The claim word: the run's number, its block count and the next unclaimed block,
    /// packed so that one compare-and-swap claims a block *of this run*. A helper that
    /// read the word during an earlier run and was descheduled cannot claim a block of the
    /// next one: its swap fails because the run number changed.
    private let claim = Atomic<UInt64>(0)
    private let finished = Atomic<Int>(0)
    private let condition = NSCondition()
    private let callerLock = NSLock()
    private var body: ((Int) -> Void)?
    private var threads: [Thread] = []

    /// Bits of the claim word: run number (high 24), block count (20), next block (low 20).
    static let indexBits: UInt64 = 20
    /// Mask of one 20-bit field of the claim word.
    static let fieldMask: UInt64 = (1 << indexBits) - 1
    /// Largest block count a run may have.
    public static let maximumBlocks = Int(fieldMask)

    /// How many spin iterations a helper waits for work before sleeping.
    static let spinLimit = 200_000

    /// The runner `MLP`, `Adam` and `RNG.fillNormal` use when none is given; `nil` means
    /// everything runs on the calling thread. GANRun sets it from its thread policy.
    nonisolated(unsafe) public static var shared: ParallelRunner?

    /// Runs `body` with ``shared`` temporarily set to `runner` (for tests and benchmarks).
    public static func withShared<T>(_ runner: ParallelRunner?, _ body: () throws -> T) rethrows -> T {
        sharedLock.lock()
        let saved = shared
        shared = runner
        defer { shared = saved; sharedLock.unlock() }
        return try body()
    }

    private static let sharedLock = NSRecursiveLock()

    public init(workers: Int) {
        precondition(workers >= 1)
        self.workers = workers
        for _ in 1..<workers {
            let t = Thread { self.loop() }  // runners live as long as the process
            t.stackSize = 1 << 20
            t.start()
            threads.append(t)
        }
    }

    /// Runs `body(block)` for every block in 0 ..< blocks, on whichever threads claim them,
    /// and waits for all. Callers from different threads are served one after another.
    ///
    /// `body` is not escaping, so its captures stay on the caller's stack; the escapable
    /// wrapper the helpers call is still one small heap object per fork (four per fused
    /// training step). That is safe because a helper touches `body` only for a block it
    /// has claimed, and `run` returns only after every claimed block is finished: no helper
    /// can hold `body` past the return (`withoutActuallyEscaping` traps if one did).
    public func run(blocks: Int, _ body: (Int) -> Void) {
        if blocks <= 0 { return }
        precondition(blocks <= Self.maximumBlocks, "ParallelRunner: \(blocks) blocks, at most \(Self.maximumBlocks)")
        if workers == 1 || blocks == 1 {
            for b in 0..<blocks { body(b) }
            return
        }
        withoutActuallyEscaping(body) { fork(blocks: blocks, $0) }
    }

    private func fork(blocks: Int, _ body: @escaping (Int) -> Void) {
        callerLock.lock()
        defer { callerLock.unlock() }
        self.body = body
        finished.store(0, ordering: .sequentiallyConsistent)
        let run = runNumber() &+ 1
        condition.lock()
        claim.store(run << (2 * Self.indexBits) | UInt64(blocks) << Self.indexBits, ordering: .sequentiallyConsistent)
        condition.broadcast()
        condition.unlock()
        work()
        var spins = 0
        while finished.load(ordering: .acquiring) < blocks {
            spins += 1
            if spins > 1000 { sched_yield() }
        }
        self.body = nil
    }

    /// Claims and runs blocks until none are left.
    private func work() {
        var word = claim.load(ordering: .acquiring)
        while true {
            let b = word & Self.fieldMask, count = (word >> Self.indexBits) & Self.fieldMask
            guard b < count else { return }
            let (swapped, current) = claim.compareExchange(
                expected: word, desired: word + 1, successOrdering: .acquiringAndReleasing, failureOrdering: .acquiring)
            guard swapped else { word = current; continue }
            runBlock(Int(b))
            finished.wrappingAdd(1, ordering: .releasing)
            word = claim.load(ordering: .acquiring)
        }
    }

    /// Runs one block (kept out of line so the closure reference is dropped promptly).
    @inline(never)
    private func runBlock(_ b: Int) {
        body?(b)
    }

    /// The half-open range of `0 ..< count` that block `b` of `blocks` covers (contiguous, balanced).
    public static func range(_ b: Int, of count: Int, blocks: Int) -> Range<Int> {
        (count * b / blocks) ..< (count * (b + 1) / blocks)
    }

    /// The number of the latest fork (it wraps after 2²⁴ forks; only a change matters).
    private func runNumber() -> UInt64 {
        claim.load(ordering: .acquiring) >> (2 * Self.indexBits)
    }

    private func loop() {
        var seen: UInt64 = 0
        while true {
            var spins = 0
            while runNumber() == seen && spins < Self.spinLimit {
                spins += 1
            }
            if runNumber() == seen {
                condition.lock()
                while runNumber() == seen { condition.wait() }
                condition.unlock()
            }
            seen = runNumber()
            work()
        }
    }
}
