import Foundation
internal import GANAVX512

extension BoxMuller {
    /// The instructions that run the bulk rounds of ``BoxMuller/fill(_:count:_:path:)``.
    /// Both give the same numbers; only the speed differs.
    ///
    /// - `portable`: Swift's SIMD types, eight lanes; any processor.
    /// - `avx512`: a kernel compiled with AVX-512 F (module `GANAVX512`), sixteen lanes;
    ///   x86-64 processors with AVX-512 F only.
    public enum Path: String, Sendable, Equatable, CaseIterable {
        case portable, avx512

        /// The path `fill` takes by default: `avx512` when ``avx512Supported``, unless the
        /// environment variable `GANSCOPE_SIMD` is `portable`.
        public static let best: Path = {
            let forced = ProcessInfo.processInfo.environment["GANSCOPE_SIMD"]
            return avx512Supported && forced != Path.portable.rawValue ? .avx512 : .portable
        }()

        /// Whether the kernel is compiled in and this processor and system run AVX-512 F
        /// (on Linux, the `avx512f` flag of /proc/cpuinfo, which the kernel clears when it
        /// does not save the 512-bit registers; other systems use the portable path).
        public static let avx512Supported: Bool = {
            guard BoxMullerAVX512.isCompiled else { return false }
            #if os(Linux)
            guard let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
                  let flags = info.split(separator: "\n").first(where: { $0.hasPrefix("flags") }) else { return false }
            return flags.split(separator: " ").contains("avx512f")
            #else
            return false
            #endif
        }()
    }
}
