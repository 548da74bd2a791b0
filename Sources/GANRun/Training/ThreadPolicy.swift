import Foundation
import GANCore

/// How a run uses the cores: row-parallel workers for the step (each with single-threaded
/// BLAS, so they split the products, the elementwise work and the normals alike), one per
/// core up to 2 for a step over 50 M multiply-adds, else one. `GANSCOPE_WORKERS` and
/// `GANSCOPE_BLAS_THREADS` override the choice (e.g. for runs sharing the machine).
public enum ThreadPolicy {
    /// How many threads of each kind.
    public struct Choice: Equatable, Sendable {
        /// Workers of the row-parallel passes.
        public var workers: Int
        /// OpenBLAS threads.
        public var blasThreads: Int
    }

    /// Sets OpenBLAS's thread count and the shared runner.
    public static func apply(_ c: Choice) {
        BLAS.setThreads(c.blasThreads)
        ParallelRunner.shared = c.workers > 1 ? ParallelRunner(workers: c.workers) : nil
    }

    /// Chooses the policy for `s`, after the environment overrides, and applies it.
    @discardableResult
    public static func apply(for s: TrainingSettings) -> Choice {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        var c = Choice(workers: s.multiplyAddsPerStep > 50_000_000 ? min(2, cores) : 1, blasThreads: 1)
        if let n = environment("GANSCOPE_WORKERS") { c.workers = n }
        if let n = environment("GANSCOPE_BLAS_THREADS") { c.blasThreads = n }
        apply(c)
        return c
    }

    private static func environment(_ name: String) -> Int? {
        guard let v = getenv(name), let n = Int(String(cString: v)), n > 0, n <= 64 else { return nil }
        return n
    }
}
