#if arch(x86_64)
internal import _Builtin_intrinsics.intel
#endif

/// The correctly rounded square root of every lane, vectorized: on Linux
/// `SIMD8<Float>.squareRoot()` goes lane by lane through a C shim with an `errno` fallback,
/// so on x86-64 this uses SSE's `sqrtps` (base instruction set; same IEEE-754 result).
@inline(__always)
func vectorSquareRoot(_ v: SIMD8<Float>) -> SIMD8<Float> {
    #if arch(x86_64)
    SIMD8(lowHalf: _mm_sqrt_ps(v.lowHalf), highHalf: _mm_sqrt_ps(v.highHalf))
    #else
    v.squareRoot()
    #endif
}
