#if arch(x86_64)
internal import _Builtin_intrinsics.intel
#endif

/// The rounds of GANCore's bulk Box–Muller normals in AVX-512 (F) instructions: 32 deviates
/// per round, from eight xoshiro256+ streams held in one 512-bit register per state word.
///
/// This module is compiled with `-mavx512f`; GANCore calls it only after checking that the
/// processor and the system support AVX-512 F (`BoxMuller.Path`). Its numbers are those of
/// GANCore's portable loop, bit for bit (tested): the same streams, the same bits of each
/// 64-bit word, and the same sequence of correctly rounded operations (no fused
/// multiply-add), so the lane width cannot change a result.
public enum BoxMullerAVX512 {
    /// Whether this build contains the AVX-512 kernel (only x86-64 builds do).
    public static var isCompiled: Bool {
        #if arch(x86_64)
        true
        #else
        false
        #endif
    }

    /// Runs `rounds` rounds: writes 32 × `rounds` floats at `out` and advances the eight
    /// streams in `state` (32 words: word j of stream l at `state[8 j + l]`). `c` holds the
    /// method's constants in the order of `BoxMuller.Constants`.
    @inline(never)
    public static func rounds(_ rounds: Int, state: UnsafeMutablePointer<UInt64>, out: UnsafeMutablePointer<Float>,
                              constants c: UnsafePointer<Float>) {
        #if arch(x86_64)
        run(rounds, state, out, c)
        #else
        preconditionFailure("BoxMullerAVX512 is only compiled for x86-64")
        #endif
    }

    #if arch(x86_64)
    private static func run(_ rounds: Int, _ state: UnsafeMutablePointer<UInt64>, _ out: UnsafeMutablePointer<Float>,
                            _ c: UnsafePointer<Float>) {
        var s0 = _mm512_loadu_si512(state), s1 = _mm512_loadu_si512(state + 8)
        var s2 = _mm512_loadu_si512(state + 16), s3 = _mm512_loadu_si512(state + 24)
        func f(_ i: Int) -> __m512 { _mm512_set1_ps(c[i]) }
        func i32(_ v: UInt32) -> __m512i { _mm512_set1_epi32(Int32(bitPattern: v)) }
        // Pair p of a round takes 64-bit word p of the round's two steps (p < 8: the first).
        let high = _mm512_set_epi32(31, 29, 27, 25, 23, 21, 19, 17, 15, 13, 11, 9, 7, 5, 3, 1)
        let low = _mm512_set_epi32(30, 28, 26, 24, 22, 20, 18, 16, 14, 12, 10, 8, 6, 4, 2, 0)
        let scale1 = f(0), offset1 = f(1), mantissaShift = i32(0x004A_FB0D), mantissaMask = i32(0x007F_FFFF)
        let sqrtHalf = i32(0x3F35_04F3), bias = _mm512_set1_epi32(127), one = f(2), two = f(3)
        let l9 = f(4), l7 = f(5), l5 = f(6), l3 = f(7), ln2Hi = f(8), ln2Lo = f(9), minusTwo = f(10)
        let fracMask = i32(0x003F_FFFF), half = f(11), angleScale = f(12), quarterPi = f(13)
        let s3c = f(14), s2c = f(15), s1c = f(16), c3c = f(17), c2c = f(18), c1c = f(19)
        let signBit = i32(0x8000_0000), swapBit = i32(0x4000_0000)
        // One step of xoshiro256+ on the eight streams: their eight output words.
        func next() -> __m512i {
            let u = _mm512_add_epi64(s0, s3), t = _mm512_slli_epi64(s1, 17)
            s2 = _mm512_xor_si512(s2, s0); s3 = _mm512_xor_si512(s3, s1)
            s1 = _mm512_xor_si512(s1, s2); s0 = _mm512_xor_si512(s0, s3)
            s2 = _mm512_xor_si512(s2, t)
            s3 = _mm512_or_si512(_mm512_slli_epi64(s3, 45), _mm512_srli_epi64(s3, 19))
            return u
        }
        for r in 0..<rounds {
            let first = next(), second = next()
            let k1 = _mm512_permutex2var_epi32(first, high, second)
            let k2 = _mm512_permutex2var_epi32(first, low, second)
            // u1 in (0, 1] from the high 32 bits; ln u1 = e·ln 2 + ln m, m in [√½, √2).
            let u1 = _mm512_add_ps(_mm512_mul_ps(_mm512_cvtepu32_ps(k1), scale1), offset1)
            let ix = _mm512_add_epi32(_mm512_castps_si512(u1), mantissaShift)
            let e = _mm512_cvtepi32_ps(_mm512_sub_epi32(_mm512_srai_epi32(ix, 23), bias))
            let m = _mm512_castsi512_ps(_mm512_add_epi32(_mm512_and_si512(ix, mantissaMask), sqrtHalf))
            let fm = _mm512_sub_ps(m, one)
            let s = _mm512_div_ps(fm, _mm512_add_ps(fm, two)), z = _mm512_mul_ps(s, s)
            var p = _mm512_add_ps(_mm512_mul_ps(l9, z), l7)
            p = _mm512_add_ps(_mm512_mul_ps(p, z), l5)
            p = _mm512_add_ps(_mm512_mul_ps(p, z), l3)
            p = _mm512_add_ps(_mm512_mul_ps(p, z), two)
            let lnm = _mm512_mul_ps(s, p)
            let lnu = _mm512_add_ps(_mm512_mul_ps(e, ln2Hi), _mm512_add_ps(_mm512_mul_ps(e, ln2Lo), lnm))
            let radius = _mm512_sqrt_ps(_mm512_mul_ps(lnu, minusTwo))
            // The angle from bits 8–31 of the low 32 bits: quarter turn q (bits 30–31), and
            // θ in (−π/4, π/4) from bits 8–29.
            let frac = _mm512_cvtepi32_ps(_mm512_and_si512(_mm512_srli_epi32(k2, 8), fracMask))
            let theta = _mm512_sub_ps(_mm512_mul_ps(_mm512_add_ps(frac, half), angleScale), quarterPi)
            let t = _mm512_mul_ps(theta, theta)
            var ps = _mm512_add_ps(_mm512_mul_ps(s3c, t), s2c)
            ps = _mm512_add_ps(_mm512_mul_ps(ps, t), s1c)
            let sine = _mm512_add_ps(theta, _mm512_mul_ps(_mm512_mul_ps(theta, t), ps))
            var pc = _mm512_add_ps(_mm512_mul_ps(c3c, t), c2c)
            pc = _mm512_add_ps(_mm512_mul_ps(pc, t), c1c)
            let cosine = _mm512_add_ps(_mm512_sub_ps(one, _mm512_mul_ps(half, t)), _mm512_mul_ps(_mm512_mul_ps(t, t), pc))
            // Rotate (cos θ, sin θ) by q quarter turns.
            let swap = _mm512_test_epi32_mask(k2, swapBit)
            let a = _mm512_castps_si512(_mm512_mask_blend_ps(swap, cosine, sine))
            let b = _mm512_castps_si512(_mm512_mask_blend_ps(swap, sine, cosine))
            let signA = _mm512_and_si512(_mm512_xor_si512(k2, _mm512_slli_epi32(k2, 1)), signBit)
            let signB = _mm512_and_si512(k2, signBit)
            let x = _mm512_castsi512_ps(_mm512_xor_si512(a, signA)), y = _mm512_castsi512_ps(_mm512_xor_si512(b, signB))
            _mm512_storeu_ps(out + 32 * r, _mm512_mul_ps(radius, x))
            _mm512_storeu_ps(out + 32 * r + 16, _mm512_mul_ps(radius, y))
        }
        _mm512_storeu_si512(state, s0); _mm512_storeu_si512(state + 8, s1)
        _mm512_storeu_si512(state + 16, s2); _mm512_storeu_si512(state + 24, s3)
    }
    #endif
}
