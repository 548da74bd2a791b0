import Foundation
import Testing
@testable import GANCore

/// The bulk Box–Muller normals: the AVX-512 kernel against the portable loop (the same
/// floats bit for bit and the generator in the same state, for whole rounds, partial rounds
/// and several seeds; only where the processor has AVX-512 F), and the transform's pieces
/// against double-precision references on every machine. `NormalDistributionTests` checks
/// what the default path draws against N(0, 1).
@Suite("Box–Muller fill")
struct BoxMullerPathTests {
    static let counts = [0, 1, 31, 32, 33, 63, 64, 100, 511, 512, 513, 1000, 8192, 20_011]

    @Test(.enabled(if: BoxMuller.Path.avx512Supported), arguments: counts)
    func avx512MatchesPortable(count: Int) {
        for seed: UInt64 in [1, 2, 0xDEAD_BEEF, 77_777] {
            var a = RNG(seed: seed), b = RNG(seed: seed)
            var x = [Float](repeating: .nan, count: count), y = x
            x.withUnsafeMutableBufferPointer { BoxMuller.fill($0.baseAddress!, count: count, &a, path: .portable) }
            y.withUnsafeMutableBufferPointer { BoxMuller.fill($0.baseAddress!, count: count, &b, path: .avx512) }
            let differing = zip(x, y).filter { $0.bitPattern != $1.bitPattern }.count
            #expect(differing == 0, "seed \(seed): \(differing) of \(count) deviates differ")
            #expect(a == b, "seed \(seed): the generators end in different states")
        }
    }

    /// Each pair against the transform in `Double` from the same bits: u₁ = k₁·2⁻³² + 2⁻³³
    /// (high 32 bits of a word), φ = q·π/2 + θ from bits 8–31 of the low half. The float
    /// pipeline (log split, polynomials, one square root) stays within a few float ulps:
    /// |error| ≤ 5e-7·(1 + |x|) for every one of 20 000 deviates (1.5e-7 measured), on
    /// both paths this machine runs. A wrong bit or quarter turn is off by O(1); a sine
    /// coefficient changed in its fifth digit already gives 8e-6.
    @Test(arguments: BoxMuller.Path.allCases.filter { $0 == .portable || BoxMuller.Path.avx512Supported })
    func pairsMatchTheTransformInDouble(path: BoxMuller.Path) {
        var rng = RNG(seed: 99)
        var x = [Float](repeating: .nan, count: 20_000)
        var words = [UInt64](repeating: 0, count: x.count / 2)
        // Replay the streams: xoshiro256+ seeded from eight draws, two steps of all eight per round.
        var probe = rng
        var streams = (0..<8).map { _ in RNG(seed: probe.next()).state }
        for r in 0..<(x.count / 32) {
            for step in 0..<2 {
                for l in 0..<8 {
                    var (s0, s1, s2, s3) = streams[l]
                    words[16 * r + 8 * step + l] = s0 &+ s3
                    let t = s1 << 17
                    s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t
                    s3 = (s3 << 45) | (s3 >> 19)
                    streams[l] = (s0, s1, s2, s3)
                }
            }
        }
        x.withUnsafeMutableBufferPointer { BoxMuller.fill($0.baseAddress!, count: $0.count, &rng, path: path) }
        var worst = 0.0
        for r in 0..<(x.count / 32) {
            for pair in 0..<16 {
                let w = words[16 * r + pair], k1 = Double(w >> 32), k2 = UInt32(truncatingIfNeeded: w)
                let u1 = Double(Float(k1) * 0x1p-32 + 0x1p-33)
                let q = Double(k2 >> 30), frac = Double((k2 >> 8) & 0x3F_FFFF)
                let phi = q * Double.pi / 2 + (frac + 0.5) * Double.pi / 2 / 4_194_304 - Double.pi / 4
                let radius = (-2 * log(u1)).squareRoot()
                let expect = (radius * cos(phi), radius * sin(phi))
                let got = (Double(x[32 * r + pair]), Double(x[32 * r + 16 + pair]))
                worst = max(worst, abs(got.0 - expect.0) / (1 + abs(expect.0)), abs(got.1 - expect.1) / (1 + abs(expect.1)))
            }
        }
        #expect(worst <= 5e-7, "largest relative error \(worst)")
    }

    /// The path only changes instructions: `best` is one of the two, and `portable` is
    /// always available.
    @Test func bestIsSupported() {
        #expect(BoxMuller.Path.best == .portable || BoxMuller.Path.avx512Supported)
    }
}
