import Foundation
internal import GANAVX512

/// Bulk standard normal deviates by the Box–Muller transform (Box & Muller, "A Note on the
/// Generation of Random Normal Deviates", Ann. Math. Statist. 29(2), 1958), in SIMD lanes.
///
/// A pair of deviates comes from one 64-bit xoshiro256+ word: u₁ in (0, 1] from its high
/// 32 bits, the angle from bits 8–31 of its low 32 bits (bits 0–7, which hold the weakest
/// bits of xoshiro256+, are never used), and
///
///     (x, y) = √(−2 ln u₁) · (cos φ, sin φ).
///
/// The smallest u₁ is 2⁻³³, so |x| and |y| reach 6.77 (P(|N(0, 1)| > 6.77) ≈ 1.3·10⁻¹¹:
/// one deviate in 10¹¹ is drawn closer to the centre than the exact distribution would
/// have it). φ = q·π/2 + θ, with the quarter turn q from the top two bits and θ in
/// (−π/4, π/4) from the next 22, so sin θ and cos θ need short polynomials only (Cephes'
/// `sinf`/`cosf` coefficients, ≈ 1 ulp), and ln u₁ splits as e·ln 2 + ln m with
/// m in [√½, √2) and ln m = 2 atanh((m − 1)/(m + 1)) to the s⁹ term (error < 10⁻⁹).
///
/// Every deviate costs the same (no rejection, no table), which is what makes it fast in
/// SIMD lanes: in the training step on this machine ≈ 0.55 ns of one thread per deviate
/// with AVX-512, against ≈ 1 ns for the 256-layer ziggurat kernel it replaced (perf
/// samples; docs/performance.md). The scalar ``Ziggurat/normal(_:)`` stays the
/// one-at-a-time sampler.
public enum BoxMuller {
    /// The method's constants, in the order the kernels read them.
    static let constants: [Float] = [
        0x1p-32, 0x1p-33, 1, 2,                    // u₁ = k·2⁻³² + 2⁻³³; 1; 2
        2.0 / 9, 2.0 / 7, 2.0 / 5, 2.0 / 3,        // 2·atanh series
        0.693145751953125, 1.428606765330187e-06,  // ln 2 = hi + lo
        -2, 0.5, Float.pi / 2 * 0x1p-22, Float.pi / 4,
        -1.9515295891e-4, 8.3321608736e-3, -1.6666654611e-1,   // sin θ
        2.443315711809948e-5, -1.388731625493765e-3, 4.166664568298827e-2,   // cos θ
    ]
    nonisolated(unsafe) static let constantTable: UnsafeMutablePointer<Float> = {
        let p = UnsafeMutablePointer<Float>.allocate(capacity: constants.count)
        p.initialize(from: constants, count: constants.count)
        return p
    }()

    /// Deviates per round: two steps of the eight streams, 16 words, 16 pairs.
    static let roundSize = 32

    /// Fills `count` floats at `p` with N(0, 1) deviates.
    ///
    /// Eight independent xoshiro256+ streams run side by side, seeded from eight draws of
    /// `rng` (so the result is a pure function of `rng`'s state); a round takes two steps of
    /// all eight (16 words) and writes 32 deviates: the x of pairs 0–15, then their y. The
    /// last `count % 32` deviates come from `rng` by ``Ziggurat/normal(_:)``.
    ///
    /// `path` chooses the instructions, not the numbers: the portable loop and the AVX-512
    /// kernel give the same floats and leave `rng` in the same state (tested). Asking for
    /// `avx512` where ``Path/avx512Supported`` is false is a programmer error.
    public static func fill(_ p: UnsafeMutablePointer<Float>, count: Int, _ rng: inout RNG,
                            path: Path = .best) {
        precondition(path == .portable || Path.avx512Supported, "the AVX-512 path needs a processor with AVX-512 F")
        let rounds = count / roundSize
        if rounds > 0 {
            withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 32) { buffer in
                let state = buffer.baseAddress!
                for lane in 0..<8 {
                    let s = RNG(seed: rng.next()).state
                    state[lane] = s.0; state[8 + lane] = s.1; state[16 + lane] = s.2; state[24 + lane] = s.3
                }
                if path == .avx512 {
                    BoxMullerAVX512.rounds(rounds, state: state, out: p, constants: constantTable)
                } else {
                    roundsPortable(p, rounds: rounds, state: state)
                }
            }
        }
        for i in (roundSize * rounds)..<count { p[i] = Ziggurat.normal(&rng) }
    }

    /// The rounds in Swift's SIMD types: the words of 32 rounds into a buffer (four 64-bit
    /// lanes per half of the streams, which fits SSE registers), then the transform eight
    /// lanes at a time with the kernel's operations in the kernel's order.
    static func roundsPortable(_ p: UnsafeMutablePointer<Float>, rounds: Int, state: UnsafeMutablePointer<UInt64>) {
        let block = 32
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 16 * block) { buffer in
            let draws = buffer.baseAddress!, words = UnsafeMutableRawPointer(draws)
            var r = 0
            while r < rounds {
                let n = Swift.min(block, rounds - r)
                for half in 0..<2 {
                    let raw = UnsafeMutableRawPointer(state + 4 * half)
                    var s0 = raw.loadUnaligned(as: SIMD4<UInt64>.self), s1 = raw.loadUnaligned(fromByteOffset: 64, as: SIMD4<UInt64>.self)
                    var s2 = raw.loadUnaligned(fromByteOffset: 128, as: SIMD4<UInt64>.self), s3 = raw.loadUnaligned(fromByteOffset: 192, as: SIMD4<UInt64>.self)
                    for i in 0..<(2 * n) {
                        let u = s0 &+ s3, shifted = s1 &<< 17
                        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= shifted
                        s3 = (s3 &<< 45) | (s3 &>> 19)
                        words.storeBytes(of: u, toByteOffset: 64 * i + 32 * half, as: SIMD4<UInt64>.self)
                    }
                    raw.storeBytes(of: s0, as: SIMD4<UInt64>.self); raw.storeBytes(of: s1, toByteOffset: 64, as: SIMD4<UInt64>.self)
                    raw.storeBytes(of: s2, toByteOffset: 128, as: SIMD4<UInt64>.self); raw.storeBytes(of: s3, toByteOffset: 192, as: SIMD4<UInt64>.self)
                }
                // Round j's 16 words are draws[16 j ..< 16 j + 16]; pairs 8 at a time.
                for j in 0..<n {
                    let q = p + roundSize * (r + j)
                    for h in 0..<2 {
                        let w = UnsafeRawPointer(draws + 16 * j + 8 * h).loadUnaligned(as: SIMD16<UInt32>.self)
                        let k1 = SIMD8<UInt32>(w[1], w[3], w[5], w[7], w[9], w[11], w[13], w[15])
                        let k2 = SIMD8<UInt32>(w[0], w[2], w[4], w[6], w[8], w[10], w[12], w[14])
                        let (x, y) = pairs(k1, k2)
                        UnsafeMutableRawPointer(q + 8 * h).storeBytes(of: x, as: SIMD8<Float>.self)
                        UnsafeMutableRawPointer(q + 16 + 8 * h).storeBytes(of: y, as: SIMD8<Float>.self)
                    }
                }
                r += n
            }
        }
    }

    /// The transform of eight pairs (the kernel's operations, in its order).
    @inline(__always)
    static func pairs(_ k1: SIMD8<UInt32>, _ k2: SIMD8<UInt32>) -> (SIMD8<Float>, SIMD8<Float>) {
        typealias V = SIMD8<Float>
        typealias I = SIMD8<Int32>
        typealias U = SIMD8<UInt32>
        let c = constantTable
        func f(_ i: Int) -> V { V(repeating: c[i]) }
        let u1 = V(k1) * f(0) + f(1)
        let ix = unsafeBitCast(u1, to: I.self) &+ 0x004A_FB0D
        let e = V((ix &>> 23) &- 127)
        let m = unsafeBitCast((ix & 0x007F_FFFF) &+ 0x3F35_04F3, to: V.self)
        let fm = m - f(2)
        let s = fm / (fm + f(3)), z = s * s
        var poly = f(4) * z + f(5)
        poly = poly * z + f(6)
        poly = poly * z + f(7)
        poly = poly * z + f(3)
        let lnm = s * poly
        let lnu = e * f(8) + (e * f(9) + lnm)
        let radius = (lnu * f(10)).squareRoot()
        let frac = V(I(truncatingIfNeeded: (k2 &>> 8) & 0x003F_FFFF))
        let theta = (frac + f(11)) * f(12) - f(13)
        let t = theta * theta
        var ps = f(14) * t + f(15)
        ps = ps * t + f(16)
        let sine = theta + theta * t * ps
        var pc = f(17) * t + f(18)
        pc = pc * t + f(19)
        let cosine = (f(2) - f(11) * t) + t * t * pc
        // All ones where bit 30 is set (swap), in integer operations: Swift's SIMD masks and
        // `replacing(with:where:)` run lane by lane through memory on SSE.
        let swap = 0 &- ((k2 &>> 30) & 1)
        let cs = unsafeBitCast(cosine, to: U.self), sn = unsafeBitCast(sine, to: U.self)
        let a = (cs & ~swap) | (sn & swap), b = (sn & ~swap) | (cs & swap)
        let signA = (k2 ^ (k2 &<< 1)) & 0x8000_0000, signB = k2 & 0x8000_0000
        return (radius * unsafeBitCast(a ^ signA, to: V.self), radius * unsafeBitCast(b ^ signB, to: V.self))
    }
}
