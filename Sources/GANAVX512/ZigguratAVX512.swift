#if arch(x86_64)
internal import _Builtin_intrinsics.intel
#endif

/// The fast path of GANCore's bulk ziggurat in AVX-512 (F) instructions: 16 deviates per
/// round, from eight xoshiro256+ streams held in one 512-bit register per state word.
///
/// This module is compiled with `-mavx512f`; GANCore calls it only after checking that the
/// processor and the system support AVX-512 F (`Ziggurat.Path`), and its numbers are those
/// of GANCore's portable loop, bit for bit (tested): the same streams, the same split of
/// each 32-bit half into a 22-bit signed magnitude (bits 11–31) and an 8-bit layer (bits
/// 3–10), the same exact acceptance test and one correctly rounded multiply.
///
/// The 256-entry tables do not fit a register, and AVX-512 has no table lookup that
/// wide, so a lookup is eight two-register permutes (32 entries each, selected by bits
/// 0–4 of the layer) merged by a three-level blend on bits 5–7. Rejected deviates (≈ 1.5 %)
/// are not finished here: their positions and 32-bit words are compacted into two lists
/// for the caller's exact wedge and tail steps, in position order.
public enum ZigguratAVX512 {
    /// Whether this build contains the AVX-512 kernel (only x86-64 builds do).
    public static var isCompiled: Bool {
        #if arch(x86_64)
        true
        #else
        false
        #endif
    }

    /// Runs `rounds` rounds: writes 16 × `rounds` floats at `out` (rejected lanes hold
    /// garbage), advances the eight streams in `state` (32 words: word j of stream l at
    /// `state[8 j + l]`), and stores the position and the 32-bit word of each rejected lane
    /// at `positions` and `words`, each of which must hold 16 × `rounds` + 16 entries.
    /// Returns the number of rejected lanes. `k` and `w` are the ziggurat's 256-entry bound
    /// and scale tables.
    @inline(never)
    public static func rounds(_ rounds: Int, state: UnsafeMutablePointer<UInt64>, out: UnsafeMutablePointer<Float>,
                              k: UnsafePointer<UInt32>, w: UnsafePointer<Float>,
                              positions: UnsafeMutablePointer<UInt32>, words: UnsafeMutablePointer<UInt32>) -> Int {
        #if arch(x86_64)
        return run(rounds, state, out, k, w, positions, words)
        #else
        preconditionFailure("ZigguratAVX512 is only compiled for x86-64")
        #endif
    }

    #if arch(x86_64)
    /// The tables as 16 registers each: entries 16 j ..< 16 j + 16 in register j.
    private struct Table {
        var r: (__m512i, __m512i, __m512i, __m512i, __m512i, __m512i, __m512i, __m512i,
                __m512i, __m512i, __m512i, __m512i, __m512i, __m512i, __m512i, __m512i)
        init(_ p: UnsafeRawPointer) {
            func at(_ j: Int) -> __m512i { _mm512_loadu_si512(p + 64 * j) }
            r = (at(0), at(1), at(2), at(3), at(4), at(5), at(6), at(7),
                 at(8), at(9), at(10), at(11), at(12), at(13), at(14), at(15))
        }

        /// Entry `i` (0 ..< 256) per lane; `b5`, `b6`, `b7` are the lanes whose index has bit 5, 6, 7 set.
        @inline(__always)
        func lookup(_ i: __m512i, _ b5: __mmask16, _ b6: __mmask16, _ b7: __mmask16) -> __m512i {
            let q0 = _mm512_mask_blend_epi32(b5, _mm512_permutex2var_epi32(r.0, i, r.1), _mm512_permutex2var_epi32(r.2, i, r.3))
            let q1 = _mm512_mask_blend_epi32(b5, _mm512_permutex2var_epi32(r.4, i, r.5), _mm512_permutex2var_epi32(r.6, i, r.7))
            let q2 = _mm512_mask_blend_epi32(b5, _mm512_permutex2var_epi32(r.8, i, r.9), _mm512_permutex2var_epi32(r.10, i, r.11))
            let q3 = _mm512_mask_blend_epi32(b5, _mm512_permutex2var_epi32(r.12, i, r.13), _mm512_permutex2var_epi32(r.14, i, r.15))
            return _mm512_mask_blend_epi32(b7, _mm512_mask_blend_epi32(b6, q0, q1), _mm512_mask_blend_epi32(b6, q2, q3))
        }
    }

    private static func run(_ rounds: Int, _ state: UnsafeMutablePointer<UInt64>, _ out: UnsafeMutablePointer<Float>,
                            _ k: UnsafePointer<UInt32>, _ w: UnsafePointer<Float>,
                            _ positions: UnsafeMutablePointer<UInt32>, _ words: UnsafeMutablePointer<UInt32>) -> Int {
        let kt = Table(UnsafeRawPointer(k)), wt = Table(UnsafeRawPointer(w))
        var s0 = _mm512_loadu_si512(state), s1 = _mm512_loadu_si512(state + 8)
        var s2 = _mm512_loadu_si512(state + 16), s3 = _mm512_loadu_si512(state + 24)
        let magnitudeBits = _mm512_set1_epi32(Int32(bitPattern: 0xFFFF_F800)), layerBits = _mm512_set1_epi32(255)
        let bit5 = _mm512_set1_epi32(32), bit6 = _mm512_set1_epi32(64), bit7 = _mm512_set1_epi32(128)
        let sign = _mm512_set1_epi32(Int32.min)
        let lanes = _mm512_set_epi32(15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0)
        var rejected = 0
        for r in 0..<rounds {
            // xoshiro256+ on the eight streams.
            let u = _mm512_add_epi64(s0, s3), t = _mm512_slli_epi64(s1, 17)
            s2 = _mm512_xor_si512(s2, s0); s3 = _mm512_xor_si512(s3, s1)
            s1 = _mm512_xor_si512(s1, s2); s0 = _mm512_xor_si512(s0, s3)
            s2 = _mm512_xor_si512(s2, t)
            s3 = _mm512_or_si512(_mm512_slli_epi64(s3, 45), _mm512_srli_epi64(s3, 19))
            // Each 32-bit half: magnitude hz (bits 11–31, signed) and layer iz (bits 3–10).
            let hz = _mm512_srai_epi32(_mm512_and_si512(u, magnitudeBits), 10)
            let iz = _mm512_and_si512(_mm512_srli_epi32(u, 3), layerBits)
            let b5 = _mm512_test_epi32_mask(iz, bit5), b6 = _mm512_test_epi32_mask(iz, bit6)
            let b7 = _mm512_test_epi32_mask(iz, bit7)
            let bound = kt.lookup(iz, b5, b6, b7)
            let scale = _mm512_castsi512_ps(wt.lookup(iz, b5, b6, b7))
            // |hz| < k[iz] (both below 2³¹, so the sign of the difference decides).
            let accepted = _mm512_test_epi32_mask(_mm512_sub_epi32(_mm512_abs_epi32(hz), bound), sign)
            _mm512_storeu_ps(out + 16 * r, _mm512_mul_ps(_mm512_cvtepi32_ps(hz), scale))
            if accepted != 0xFFFF {
                // Compress in registers (a compressing store to memory is microcoded on some
                // processors), then store all 16 lanes; only the first `n` count.
                let missed = ~accepted
                let position = _mm512_add_epi32(lanes, _mm512_set1_epi32(Int32(16 * r)))
                _mm512_storeu_si512(positions + rejected, _mm512_maskz_compress_epi32(missed, position))
                _mm512_storeu_si512(words + rejected, _mm512_maskz_compress_epi32(missed, u))
                rejected += UInt16(missed).nonzeroBitCount
            }
        }
        _mm512_storeu_si512(state, s0); _mm512_storeu_si512(state + 8, s1)
        _mm512_storeu_si512(state + 16, s2); _mm512_storeu_si512(state + 24, s3)
        return rejected
    }
    #endif
}
