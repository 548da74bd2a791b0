import Foundation
import Synchronization

/// A tiny fork–join pool for the training step: `run { worker in … }` calls the body once
/// per worker — worker 0 on the calling thread, the others on long-lived helper threads —
/// and returns when all have finished.
///
/// A step forks about ten times, so hand-off latency matters more than anything: helpers
/// spin on an atomic generation counter for about a millisecond before sleeping on a
/// condition variable, and the caller always signals under the lock, so no wake-up is
/// lost. An idle pool therefore costs no CPU.
///
/// Work is split by *index*, never by timing, so results depend only on the worker count.
public final class ParallelRunner: @unchecked Sendable {
    /// Number of workers, the caller included.
    public let workers: Int

    private let generation = Atomic<Int>(0)
    private let pending = Atomic<Int>(0)
    private let condition = NSCondition()
    private let callerLock = NSLock()
    private var body: ((Int) -> Void)?
    private var threads: [Thread] = []

    /// How many spin iterations (≈ 1 ns each) a helper waits before sleeping: long enough
    /// to bridge the serial parts of a step (optimizer, loss, sampling), so a fork in the
    /// middle of training never pays a sleep/wake-up, short enough to go idle quickly.
    static let spinLimit = 2_000_000

    /// The runner `MLP` and `RNG.fillNormal` use when none is given; `nil` means serial.
    /// GANRun sets it from its thread policy before building a trainer.
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
        for w in 1..<workers {
            let t = Thread { self.loop(worker: w) }  // runners live as long as the process
            t.stackSize = 1 << 20
            t.start()
            threads.append(t)
        }
    }

    /// Runs `body(worker)` for every worker in 0 ..< workers and waits for all.
    /// Callers from different threads are served one after another.
    public func run(_ body: (Int) -> Void) {
        if workers == 1 { body(0); return }
        callerLock.lock()
        defer { callerLock.unlock() }
        withoutActuallyEscaping(body) { escaping in
            self.body = escaping
            pending.store(workers - 1, ordering: .sequentiallyConsistent)
            condition.lock()
            generation.wrappingAdd(1, ordering: .sequentiallyConsistent)
            condition.broadcast()
            condition.unlock()
            escaping(0)
            var spins = 0
            while pending.load(ordering: .acquiring) != 0 {
                spins += 1
                if spins > Self.spinLimit { sched_yield() }
            }
            self.body = nil
        }
    }

    /// The half-open range of `0 ..< count` that `worker` handles (contiguous, balanced).
    public func range(_ worker: Int, of count: Int) -> Range<Int> {
        (count * worker / workers) ..< (count * (worker + 1) / workers)
    }

    private func loop(worker: Int) {
        var seen = 0  // the initial generation, even if the first run started before this thread
        while true {
            var spins = 0
            while generation.load(ordering: .acquiring) == seen && spins < Self.spinLimit {
                spins += 1
            }
            if generation.load(ordering: .acquiring) == seen {
                condition.lock()
                while generation.load(ordering: .acquiring) == seen { condition.wait() }
                condition.unlock()
            }
            seen = generation.load(ordering: .acquiring)
            body?(worker)
            pending.wrappingSubtract(1, ordering: .releasing)
        }
    }
}
