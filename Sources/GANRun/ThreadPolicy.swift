import GANCore

/// How many OpenBLAS threads a run uses.
///
/// A step is a chain of modest products (the largest in the seed config is
/// 512×256 · 256×128). Measured with `ganscope bench` on this 2-core class of machine:
/// for the `seed` config (≈150 M multiply-adds per step) two threads cut the products from
/// ≈3.1 to ≈2.0 ms and the step from ≈4.7 to ≈3.8 ms; for the `small` config (≈10 M) the
/// second thread's wake-up and synchronisation cost more than it saves. So: two threads
/// (at most the core count) when a step has more than 50 M multiply-adds, else one.
/// A second thread hurts when the machine is busy with other work (and `compare` runs
/// several runs at once), so `GANSCOPE_BLAS_THREADS` overrides the policy.
public enum ThreadPolicy {
    public static func blasThreads(for s: TrainingSettings) -> Int {
        if let env = getenv("GANSCOPE_BLAS_THREADS"), let n = Int(String(cString: env)), n > 0 { return n }
        let macs = GEMMReplay(settings: s).multiplyAdds
        return macs > 50_000_000 ? min(2, ProcessInfo.processInfo.activeProcessorCount) : 1
    }
}

import Foundation
