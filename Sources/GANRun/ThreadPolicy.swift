import GANCore

/// How many OpenBLAS threads a run uses.
///
/// A step is a chain of modest products (the largest in the seed config is
/// 512×256 · 256×128). On this 2-core class of machine, measured with `ganscope bench`,
/// a second BLAS thread did not pay for its wake-up and synchronisation on these shapes,
/// and it hurts badly whenever anything else runs on the machine (sleeping and spinning
/// threads, sys time). The policy is therefore one thread per run, unless the product work
/// of a step is large (more than 200 M multiply-adds per step), where splitting pays.
/// `GANSCOPE_BLAS_THREADS` overrides it.
public enum ThreadPolicy {
    public static func blasThreads(for s: TrainingSettings) -> Int {
        if let env = getenv("GANSCOPE_BLAS_THREADS"), let n = Int(String(cString: env)), n > 0 { return n }
        let macs = GEMMReplay(settings: s).multiplyAdds
        return macs > 200_000_000 ? 2 : 1
    }
}

import Foundation
