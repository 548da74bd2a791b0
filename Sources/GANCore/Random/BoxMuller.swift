/// Standard normal deviates by the Box–Muller transform (Ann. Math. Statist. 29(2), 1958): the
/// project's one normal sampler, in bulk (``fill(_:count:_:)``) and singly (``RNG/normal()``).
///
/// One 64-bit word gives (x, y) = √(−2 ln u₁) · (cos φ, sin φ): u₁ in (0, 1] from the high 32
/// bits (smallest 2⁻³³, so |x| ≤ 6.77; P(|N(0, 1)| > 6.77) ≈ 1.3·10⁻¹¹), φ from bits 8–31
/// of the low half (bits 0–7, xoshiro256+'s weakest, are unused): φ = q·π/2 + θ, quarter turn
/// q from the top two bits, θ in (−π/4, π/4) from the next 22, so sin θ, cos θ are short
/// polynomials (Cephes' `sinf`/`cosf`, ≈ 1 ulp). ln u₁ = e·ln 2 + ln m, m in [√½, √2),
/// ln m = 2 atanh((m − 1)/(m + 1)) to the s⁹ term (error < 10⁻⁹). No rejection, no table:
/// every deviate costs the same, which makes SIMD lanes fast.
public enum BoxMuller {
    /// Deviates per round: two steps of the eight streams, 16 words, 16 pairs.
    static let roundSize = 32

    /// Fills `count` floats at `p` with N(0, 1) deviates: eight xoshiro256+ streams seeded from
    /// eight draws of `rng`; a round takes two steps of all eight (16 words) and writes the x
    /// of pairs 0–15, then their y. The last `count % 32` come from ``RNG/normal()``.
    public static func fill(_ p: UnsafeMutablePointer<Float>, count: Int, _ rng: inout RNG) {
        let rounds = count / roundSize
        if rounds > 0 {
            withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 32) { buffer in
                let state = buffer.baseAddress!
                for lane in 0..<8 {
                    let s = RNG(seed: rng.next()).state
                    state[lane] = s.0; state[8 + lane] = s.1; state[16 + lane] = s.2; state[24 + lane] = s.3
                }
                fillRounds(p, rounds: rounds, state: state)
            }
        }
        for i in (roundSize * rounds)..<count { p[i] = rng.normal() }
    }

    /// The words of up to 32 rounds into a buffer (four lanes per half of the streams), then
    /// the transform eight pairs at a time.
    static func fillRounds(_ p: UnsafeMutablePointer<Float>, rounds: Int, state: UnsafeMutablePointer<UInt64>) {
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
                        let w = UnsafeRawPointer(draws + 16 * j + 8 * h).loadUnaligned(as: SIMD8<UInt64>.self)
                        let (x, y) = pairs(high: SIMD8(truncatingIfNeeded: w &>> 32), low: SIMD8(truncatingIfNeeded: w))
                        UnsafeMutableRawPointer(q + 8 * h).storeBytes(of: x, as: SIMD8<Float>.self)
                        UnsafeMutableRawPointer(q + 16 + 8 * h).storeBytes(of: y, as: SIMD8<Float>.self)
                    }
                }
                r += n
            }
        }
    }

    /// Float(x), exactly, for |x| < 2²²: x added to the mantissa of 1.5·2²³, minus 1.5·2²³.
    /// (Swift's generic integer-to-float conversion of SIMD vectors is not inlined.)
    @inline(__always)
    static func float(_ x: SIMD8<Int32>) -> SIMD8<Float> {
        unsafeBitCast(x &+ 0x4B40_0000, to: SIMD8<Float>.self) - 12_582_912
    }

    /// The transform of eight pairs, from the high and low 32 bits of eight words.
    @inline(__always)
    static func pairs(high k1: SIMD8<UInt32>, low k2: SIMD8<UInt32>) -> (SIMD8<Float>, SIMD8<Float>) {
        typealias V = SIMD8<Float>
        typealias I = SIMD8<Int32>
        typealias U = SIMD8<UInt32>
        // u₁ in (0, 1]; ln u₁ = e·ln 2 + ln m, m in [√½, √2).
        let k1Float = float(I(truncatingIfNeeded: k1 &>> 16)) * 65536 + float(I(truncatingIfNeeded: k1 & 0xFFFF))
        let u1 = k1Float * 0x1p-32 + 0x1p-33
        let ix = unsafeBitCast(u1, to: I.self) &+ 0x004A_FB0D
        let e = float((ix &>> 23) &- 127)
        let m = unsafeBitCast((ix & 0x007F_FFFF) &+ 0x3F35_04F3, to: V.self)
        let fm = m - 1
        let s = fm / (fm + 2), z = s * s
        var poly = V(repeating: 2.0 / 9) * z + 2.0 / 7
        poly = poly * z + 2.0 / 5
        poly = poly * z + 2.0 / 3
        poly = poly * z + 2
        let lnm = s * poly
        let lnu = e * 0.693145751953125 + (e * 1.428606765330187e-06 + lnm)
        let radius = vectorSquareRoot(lnu * -2)
        // θ in (−π/4, π/4) from bits 8–29 of the low half; q from bits 30–31.
        let frac = float(I(truncatingIfNeeded: (k2 &>> 8) & 0x003F_FFFF))
        let theta = (frac + 0.5) * (Float.pi / 2 * 0x1p-22) - Float.pi / 4
        let t = theta * theta
        var ps = V(repeating: -1.9515295891e-4) * t + 8.3321608736e-3
        ps = ps * t - 1.6666654611e-1
        let sine = theta + theta * t * ps
        var pc = V(repeating: 2.443315711809948e-5) * t - 1.388731625493765e-3
        pc = pc * t + 4.166664568298827e-2
        let cosine = (1 - 0.5 * t) + t * t * pc
        // Rotate (cos θ, sin θ) by q quarter turns. The swap is all ones where bit 30 is set,
        // in integer operations: Swift's SIMD masks run lane by lane through memory on SSE.
        let swap = 0 &- ((k2 &>> 30) & 1)
        let cs = unsafeBitCast(cosine, to: U.self), sn = unsafeBitCast(sine, to: U.self)
        let a = (cs & ~swap) | (sn & swap), b = (sn & ~swap) | (cs & swap)
        let signA = (k2 ^ (k2 &<< 1)) & 0x8000_0000, signB = k2 & 0x8000_0000
        return (radius * unsafeBitCast(a ^ signA, to: V.self), radius * unsafeBitCast(b ^ signB, to: V.self))
    }
}
