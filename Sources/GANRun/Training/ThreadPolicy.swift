import Foundation
import GANCore

/// How a run uses the cores: row-parallel workers for the step, and OpenBLAS threads.
///
/// A step is a chain of modest products (the largest in the seed config is
/// 512×256 · 256×128) with elementwise work and random numbers between them. Two ways to
/// use two cores were measured with `ganscope bench` on this 2-core class of machine for
/// the `seed` config: two OpenBLAS threads speed up only the products (≈3.1 → ≈2.0 ms) and
/// leave ≈1.7 ms of elementwise work and normals on one core, and their spinning threads
/// cost heavily when the machine is busy; two *row-parallel workers*, each running its
/// half of the batch through the whole network with single-threaded BLAS, split the
/// elementwise work and the normals too. The policy is therefore:
///
/// - a step with more than 50 M multiply-adds (the `seed` config has ≈150 M): one worker
///   per core, up to 2, each with one BLAS thread;
/// - smaller steps (the `small` config has ≈10 M): one worker, one BLAS thread — forking
///   costs more than it saves on such products.
///
/// `GANSCOPE_WORKERS` and `GANSCOPE_BLAS_THREADS` override the choice (e.g. for several
/// runs sharing the machine).
public enum ThreadPolicy {
    public struct Choice: Equatable, Sendable {
        public var workers: Int
        public var blasThreads: Int
    }

    public static func choose(for s: TrainingSettings) -> Choice {
        let macs = GEMMReplay.multiplyAdds(settings: s)
        let cores = ProcessInfo.processInfo.activeProcessorCount
        var c = Choice(workers: macs > 50_000_000 ? min(2, cores) : 1, blasThreads: 1)
        if let n = environment("GANSCOPE_WORKERS") { c.workers = n }
        if let n = environment("GANSCOPE_BLAS_THREADS") { c.blasThreads = n }
        return c
    }

    /// Sets OpenBLAS's thread count and the shared worker pool.
    public static func apply(_ c: Choice) {
        BLAS.setThreads(c.blasThreads)
        ParallelRunner.shared = runner(workers: c.workers)
    }

    /// Chooses and applies the policy for `s`; returns the choice.
    @discardableResult
    public static func apply(for s: TrainingSettings) -> Choice {
        let c = choose(for: s)
        apply(c)
        return c
    }

    /// One pool per worker count for the life of the process (their threads sleep when idle).
    public static func runner(workers: Int) -> ParallelRunner? {
        guard workers > 1 else { return nil }
        lock.lock()
        defer { lock.unlock() }
        if let r = pools[workers] { return r }
        let r = ParallelRunner(workers: workers)
        pools[workers] = r
        return r
    }

    private static func environment(_ name: String) -> Int? {
        guard let v = getenv(name), let n = Int(String(cString: v)), n > 0, n <= 64 else { return nil }
        return n
    }

    nonisolated(unsafe) private static var pools: [Int: ParallelRunner] = [:]
    private static let lock = NSLock()
}
