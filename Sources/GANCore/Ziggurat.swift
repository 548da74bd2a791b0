import Foundation

/// Standard normal deviates by the ziggurat method (Marsaglia & Tsang, "The Ziggurat Method
/// for Generating Random Variables", J. Stat. Software 5(8), 2000), 256 layers: the
/// one-at-a-time sampler (``RNG/normal()``, the mixture sampler's). Bulk fills use
/// ``BoxMuller``, whose every deviate costs the same and so suits SIMD lanes.
///
/// A deviate takes a signed 22-bit magnitude (bits 42–63) and an 8-bit layer index (bits
/// 34–41) from one 64-bit draw (``splitA(_:)``), so a layer is resolved into 2²⁰ steps,
/// finer than sampling noise needs. About 98.5 % of deviates return after one multiply and
/// one compare; the rest go to the exact wedge or tail test. The tables are computed once
/// from the constants for 256 layers, r = 3.6541528853610088 and v = 4.92867323399e-3, and
/// never change afterwards.
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
