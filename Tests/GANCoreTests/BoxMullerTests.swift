import Foundation
import Testing
@testable import GANCore

/// The Box–Muller transform's float pipeline against the transform in `Double` from the
/// same bits, in bulk and one at a time. `NormalDistributionTests` checks what it draws
/// against N(0, 1).
@Suite("Box–Muller transform")
struct BoxMullerTests {
    /// The exact transform of one 64-bit word: u₁ = k₁·2⁻³² + 2⁻³³ (high 32 bits),
    /// φ = q·π/2 + θ from bits 8–31 of the low half.
    static func exact(_ w: UInt64) -> (Double, Double) {
        let k1 = Double(w >> 32), k2 = UInt32(truncatingIfNeeded: w)
        let u1 = Double(Float(k1) * 0x1p-32 + 0x1p-33)
        let q = Double(k2 >> 30), frac = Double((k2 >> 8) & 0x3F_FFFF)
        let phi = q * Double.pi / 2 + (frac + 0.5) * Double.pi / 2 / 4_194_304 - Double.pi / 4
        let radius = (-2 * log(u1)).squareRoot()
        return (radius * cos(phi), radius * sin(phi))
    }

    static func relativeError(_ got: Float, _ expect: Double) -> Double {
        abs(Double(got) - expect) / (1 + abs(expect))
    }

    /// Each pair of a bulk fill against the exact transform: the float pipeline (log split,
    /// polynomials, one square root) stays within a few float ulps, |error| ≤ 5e-7·(1 + |x|)
    /// for every one of 20 000 deviates (1.5e-7 measured). A wrong bit or quarter turn is
    /// off by O(1); a sine coefficient changed in its fifth digit already gives 8e-6.
    @Test func fillMatchesTheTransformInDouble() {
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
        x.withUnsafeMutableBufferPointer { BoxMuller.fill($0.baseAddress!, count: $0.count, &rng) }
        var worst = 0.0
        for r in 0..<(x.count / 32) {
            for pair in 0..<16 {
                let expect = Self.exact(words[16 * r + pair])
                worst = max(worst, Self.relativeError(x[32 * r + pair], expect.0),
                            Self.relativeError(x[32 * r + 16 + pair], expect.1))
            }
        }
        #expect(worst <= 5e-7, "largest relative error \(worst)")
    }

    /// `normal()` is the x of the transform of one xoshiro256** draw.
    @Test func normalIsTheTransformOfOneDraw() {
        var rng = RNG(seed: 5), probe = rng
        var worst = 0.0
        for _ in 0..<20_000 {
            let expect = Self.exact(probe.next())
            worst = max(worst, Self.relativeError(rng.normal(), expect.0))
        }
        #expect(worst <= 5e-7, "largest relative error \(worst)")
        #expect(rng == probe)
    }

    /// A fill of a length that is not a multiple of a round: whole rounds in bulk, the rest
    /// one at a time from the same generator, all finite and (up to the rare equal floats
    /// near 0) not repeating.
    @Test(arguments: [1, 31, 33, 1000, 20_011])
    func partialRounds(count: Int) {
        var rng = RNG(seed: 3)
        var x = [Float](repeating: .nan, count: count)
        x.withUnsafeMutableBufferPointer { BoxMuller.fill($0.baseAddress!, count: count, &rng) }
        #expect(x.allSatisfy { $0.isFinite && abs($0) < 7 })
        #expect(Set(x).count >= count - count / 500, "\(count - Set(x).count) repeated deviates")
    }
}
