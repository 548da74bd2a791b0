#if arch(x86_64)
internal import _Builtin_intrinsics.intel
#endif

/// The correctly rounded square root of every lane, in vector instructions.
///
/// On Linux, `SIMD8<Float>.squareRoot()` goes lane by lane through a C shim that clang
/// compiles with an `errno` fallback call, so it never vectorizes; on x86-64 this uses
/// SSE's `sqrtps` (part of the base instruction set) instead. Both give IEEE-754's rounded
/// root.
@inline(__always)
func vectorSquareRoot(_ v: SIMD8<Float>) -> SIMD8<Float> {
    #if arch(x86_64)
    SIMD8(lowHalf: _mm_sqrt_ps(v.lowHalf), highHalf: _mm_sqrt_ps(v.highHalf))
    #else
    v.squareRoot()
    #endif
}
