import Foundation
internal import GANAVX512

/// Standard normal deviates by the ziggurat method (Marsaglia & Tsang, "The Ziggurat Method
/// for Generating Random Variables", J. Stat. Software 5(8), 2000), 256 layers.
///
/// Bit budget: a deviate takes a signed magnitude and an 8-bit layer index from disjoint
/// bits of one draw. The bulk ``fill(_:count:_:path:)`` makes one deviate from each 32-bit
/// half of a 64-bit xoshiro256+ word (magnitude bits 11–31 of the half, layer bits 3–10;
/// bits 0–2, the weakest of xoshiro256+, are never used), so a layer is resolved into 2²⁰
/// steps, finer than sampling noise needs. ``normal(_:)`` takes one deviate from the top
/// of a 64-bit draw (``splitA(_:)``).
/// About 98.5 % of deviates return after one multiply and one compare (97.2 % with 128
/// layers, whose wedge and tail tests took a fifth of the sampler's time); the rest go to
/// the exact wedge or tail test. The tables are computed once from the constants for 256
/// layers, r = 3.6541528853610088 and v = 4.92867323399e-3, and never change afterwards.
public enum Ziggurat {
    /// Start of the tail.
    static let r = 3.6541528853610088
    /// Area of each layer.
    static let v = 4.92867323399e-3
    /// Number of layers.
    static let layers = 256
    /// Magnitude scale: 2²¹ (a signed 22-bit integer).
    static let scale = 2097152.0

    /// Read-only tables: k (acceptance bounds), w (scales), f (densities at layer edges).
    final class Tables: @unchecked Sendable {
        let k: UnsafeMutablePointer<UInt32>
        let w: UnsafeMutablePointer<Float>
        let f: UnsafeMutablePointer<Float>
        init() {
            let n = Ziggurat.layers
            k = .allocate(capacity: n); k.initialize(repeating: 0, count: n)
            w = .allocate(capacity: n); w.initialize(repeating: 0, count: n)
            f = .allocate(capacity: n); f.initialize(repeating: 0, count: n)
            let m1 = Ziggurat.scale
            var dn = Ziggurat.r, tn = Ziggurat.r
            let vn = Ziggurat.v
            let q = vn / exp(-0.5 * dn * dn)
            k[0] = UInt32((dn / q) * m1)
            k[1] = 0
            w[0] = Float(q / m1)
            w[n - 1] = Float(dn / m1)
            f[0] = 1
            f[n - 1] = Float(exp(-0.5 * dn * dn))
            for i in stride(from: n - 2, through: 1, by: -1) {
                dn = (-2 * log(vn / dn + exp(-0.5 * dn * dn))).squareRoot()
                k[i + 1] = UInt32((dn / tn) * m1)
                tn = dn
                f[i] = Float(exp(-0.5 * dn * dn))
                w[i] = Float(dn / m1)
            }
        }
    }

    static let tables = Tables()

    /// The deviate of a 64-bit draw of ``normal(_:)`` and of the slow steps: (signed 22-bit
    /// magnitude from bits 42–63, layer from bits 34–41).
    @inline(__always)
    static func splitA(_ u: UInt64) -> (Int32, Int) {
        (Int32(truncatingIfNeeded: Int64(bitPattern: u) >> 42), Int((u >> 34) & 255))
    }

    /// One N(0, 1) deviate (uses deviate A of one draw).
    @inline(__always)
    public static func normal(_ rng: inout RNG) -> Float {
        let t = tables
        let (hz, iz) = splitA(rng.next())
        if UInt32(hz.magnitude) < t.k[iz] { return Float(hz) * t.w[iz] }
        return slow(hz, iz, &rng, t)
    }

    /// Deviate of one 32-bit half of a bulk draw: a signed 22-bit magnitude from bits 11–31
    /// (its lowest bit always 0, so it resolves a layer into 2²⁰ steps) and the layer from
    /// bits 3–10. Bits 0–2, the weakest of xoshiro256+, are never used.
    @inline(__always)
    static func split(_ d: UInt32) -> (Int32, Int) {
        (Int32(bitPattern: d & 0xFFFF_F800) >> 10, Int((d >> 3) & 255))
    }

    /// Fills `count` floats at `p` with N(0, 1) deviates, fast.
    ///
    /// The bulk path runs eight independent xoshiro256+ streams side by side (seeded from
    /// eight draws of `rng`, so the result is still a pure function of `rng`'s state). One
    /// round of the eight streams gives eight 64-bit words, and each 32-bit half of a word
    /// one deviate (``split(_:)``): 16 deviates per round, in the order of the halves in
    /// memory. The rare wedge and tail cases are finished in position order with `rng` by
    /// the exact scalar steps, and the last `count % 16` deviates come from `rng` directly.
    ///
    /// `path` chooses the instructions for the rounds, not the numbers: the portable loop
    /// and the AVX-512 kernel (``Path``) give the same floats and leave `rng` in the same
    /// state (tested). Asking for `avx512` where ``Path/avx512Supported`` is false is a
    /// programmer error.
    public static func fill(_ p: UnsafeMutablePointer<Float>, count: Int, _ rng: inout RNG, path: Path = .best) {
        precondition(path == .portable || Path.avx512Supported, "the AVX-512 path needs a processor with AVX-512 F")
        var done = 0
        let rounds = count / 16
        if rounds > 0 {
            withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 32) { buffer in
                let state = buffer.baseAddress!
                for lane in 0..<8 {
                    let s = RNG(seed: rng.next()).state
                    state[lane] = s.0; state[8 + lane] = s.1; state[16 + lane] = s.2; state[24 + lane] = s.3
                }
                if path == .avx512 {
                    roundsAVX512(p, rounds: rounds, state: state, &rng)
                } else {
                    roundsPortable(p, rounds: rounds, state: state, &rng)
                }
            }
            done = 16 * rounds
        }
        for i in done..<count { p[i] = normal(&rng) }
    }

    /// The rounds in Swift's SIMD types for the generators, 32 rounds at a time into a
    /// buffer, then scalar code for the tables, four deviates per iteration: about 11 %
    /// slower than the two-stream scalar loop it replaced (which fused both, in an order
    /// the AVX-512 kernel could not reproduce).
    static func roundsPortable(_ p: UnsafeMutablePointer<Float>, rounds: Int, state: UnsafeMutablePointer<UInt64>,
                               _ rng: inout RNG) {
        let t = tables, block = 32
        let k = t.k, w = t.w
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 8 * block) { buffer in
            let draws = buffer.baseAddress!, words = UnsafeMutableRawPointer(draws)
            var r = 0
            while r < rounds {
                let n = Swift.min(block, rounds - r)
                // Streams 0–3, then 4–7: four 64-bit lanes keep a half's state in eight
                // SSE registers, where all eight streams at once would not fit.
                for half in 0..<2 {
                    let raw = UnsafeMutableRawPointer(state + 4 * half)
                    var s0 = raw.loadUnaligned(as: SIMD4<UInt64>.self), s1 = raw.loadUnaligned(fromByteOffset: 64, as: SIMD4<UInt64>.self)
                    var s2 = raw.loadUnaligned(fromByteOffset: 128, as: SIMD4<UInt64>.self), s3 = raw.loadUnaligned(fromByteOffset: 192, as: SIMD4<UInt64>.self)
                    for i in 0..<n {
                        let u = s0 &+ s3, shifted = s1 &<< 17
                        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= shifted
                        s3 = (s3 &<< 45) | (s3 &>> 19)
                        words.storeBytes(of: u, toByteOffset: 64 * i + 32 * half, as: SIMD4<UInt64>.self)
                    }
                    raw.storeBytes(of: s0, as: SIMD4<UInt64>.self); raw.storeBytes(of: s1, toByteOffset: 64, as: SIMD4<UInt64>.self)
                    raw.storeBytes(of: s2, toByteOffset: 128, as: SIMD4<UInt64>.self); raw.storeBytes(of: s3, toByteOffset: 192, as: SIMD4<UInt64>.self)
                }
                let q = p + 16 * r
                @inline(__always) func one(_ d: UInt32, _ rng: inout RNG) -> Float {
                    let (hz, iz) = split(d)
                    return UInt32(hz.magnitude) < k[iz] ? Float(hz) * w[iz] : slow(hz, iz, &rng, t)
                }
                var j = 0
                while j < 8 * n {
                    let a = draws[j], b = draws[j + 1]
                    q[2 * j] = one(UInt32(truncatingIfNeeded: a), &rng)
                    q[2 * j + 1] = one(UInt32(truncatingIfNeeded: a >> 32), &rng)
                    q[2 * j + 2] = one(UInt32(truncatingIfNeeded: b), &rng)
                    q[2 * j + 3] = one(UInt32(truncatingIfNeeded: b >> 32), &rng)
                    j += 2
                }
                r += n
            }
        }
    }

    /// The rounds on the AVX-512 kernel, 128 rounds (2048 deviates) per call, then the
    /// rejected lanes in position order.
    static func roundsAVX512(_ p: UnsafeMutablePointer<Float>, rounds: Int, state: UnsafeMutablePointer<UInt64>,
                             _ rng: inout RNG) {
        let t = tables, block = 128, capacity = 16 * block + 16
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 2 * capacity) { buffer in
            let positions = buffer.baseAddress!, words = positions + capacity
            var r = 0
            while r < rounds {
                let n = Swift.min(block, rounds - r), q = p + 16 * r
                let rejected = ZigguratAVX512.rounds(n, state: state, out: q, k: t.k, w: t.w,
                                                     positions: positions, words: words)
                for j in 0..<rejected {
                    let (hz, iz) = split(words[j])
                    q[Int(positions[j])] = slow(hz, iz, &rng, t)
                }
                r += n
            }
        }
    }

    /// Wedge and tail: the exact rejection steps of the ziggurat.
    @inline(never)
    static func slow(_ hz0: Int32, _ iz0: Int, _ rng: inout RNG, _ t: Tables) -> Float {
        var hz = hz0, iz = iz0
        while true {
            let x = Double(hz) * Double(t.w[iz])
            if iz == 0 {
                var xt = 0.0, y = 0.0
                repeat {
                    xt = -log(rng.uniformOpenZero()) / r
                    y = -log(rng.uniformOpenZero())
                } while y + y < xt * xt
                return Float(hz > 0 ? r + xt : -r - xt)
            }
            let fi = Double(t.f[iz]), fprev = Double(t.f[iz - 1])
            if fi + rng.uniform() * (fprev - fi) < exp(-0.5 * x * x) { return Float(x) }
            (hz, iz) = splitA(rng.next())
            if UInt32(hz.magnitude) < t.k[iz] { return Float(hz) * t.w[iz] }
        }
    }
}
