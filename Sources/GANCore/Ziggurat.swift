import Foundation

/// Standard normal deviates by the ziggurat method (Marsaglia & Tsang, "The Ziggurat Method
/// for Generating Random Variables", J. Stat. Software 5(8), 2000), 128 layers.
///
/// One 64-bit draw supplies a signed 32-bit magnitude (high half) and the layer index
/// (low 7 bits), so index and value are not correlated (a flaw of the original SHR3 form).
/// About 98.8 % of draws return after one multiply and one compare; the rest go to the
/// wedge or tail test, which is exact. The tables are computed once from the published
/// constants r = 3.442619855899 and v = 9.91256303526217e-3 and never change afterwards.
public enum Ziggurat {
    /// Start of the tail.
    static let r = 3.442619855899

    /// Read-only tables: k (acceptance bounds), w (scales), f (densities at layer edges).
    final class Tables: @unchecked Sendable {
        let k: UnsafeMutablePointer<UInt32>
        let w: UnsafeMutablePointer<Float>
        let f: UnsafeMutablePointer<Float>
        init() {
            k = .allocate(capacity: 128); k.initialize(repeating: 0, count: 128)
            w = .allocate(capacity: 128); w.initialize(repeating: 0, count: 128)
            f = .allocate(capacity: 128); f.initialize(repeating: 0, count: 128)
            let m1 = 2147483648.0
            var dn = Ziggurat.r, tn = Ziggurat.r
            let vn = 9.91256303526217e-3
            let q = vn / exp(-0.5 * dn * dn)
            k[0] = UInt32((dn / q) * m1)
            k[1] = 0
            w[0] = Float(q / m1)
            w[127] = Float(dn / m1)
            f[0] = 1
            f[127] = Float(exp(-0.5 * dn * dn))
            for i in stride(from: 126, through: 1, by: -1) {
                dn = (-2 * log(vn / dn + exp(-0.5 * dn * dn))).squareRoot()
                k[i + 1] = UInt32((dn / tn) * m1)
                tn = dn
                f[i] = Float(exp(-0.5 * dn * dn))
                w[i] = Float(dn / m1)
            }
        }
    }

    static let tables = Tables()

    /// One N(0, 1) deviate.
    @inline(__always)
    public static func normal(_ rng: inout RNG) -> Float {
        normal(&rng, tables)
    }

    @inline(__always)
    static func normal(_ rng: inout RNG, _ t: Tables) -> Float {
        let u = rng.next()
        let hz = Int32(truncatingIfNeeded: u >> 32)
        let iz = Int(u & 127)
        if UInt32(hz.magnitude) < t.k[iz] { return Float(hz) * t.w[iz] }
        return slow(hz, iz, &rng, t)
    }

    /// Fills `count` floats at `p` with N(0, 1) deviates. The table pointers and the
    /// generator state are held in locals for the loop, so the common path is one
    /// xoshiro step, one table load, one compare and one multiply.
    public static func fill(_ p: UnsafeMutablePointer<Float>, count: Int, _ rng: inout RNG) {
        let t = tables
        let k = t.k, w = t.w
        var local = rng
        for i in 0..<count {
            let u = local.next()
            let hz = Int32(truncatingIfNeeded: u >> 32)
            let iz = Int(u & 127)
            if UInt32(hz.magnitude) < k[iz] {
                p[i] = Float(hz) * w[iz]
            } else {
                p[i] = slow(hz, iz, &local, t)
            }
        }
        rng = local
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
            let u = rng.next()
            hz = Int32(truncatingIfNeeded: u >> 32)
            iz = Int(u & 127)
            if UInt32(hz.magnitude) < t.k[iz] { return Float(hz) * t.w[iz] }
        }
    }
}
