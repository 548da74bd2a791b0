import Foundation
import Testing
@testable import GANCore

/// The normal sampler against N(0, 1). Moments and tail fractions use 10⁶ draws, the
/// Kolmogorov–Smirnov distance 2·10⁵; every bound is ≤ 5 standard errors (or a test level of
/// ≈ 1e-3 or smaller), with fixed seeds, so a correct sampler never fails and the tests stay
/// deterministic. The tail beyond r = 3.6542 holds 2.58e-4 of the mass, ≈ 258 of 10⁶ draws,
/// so the far end of the Box–Muller radius (small u₁) is checked too.
///
/// Both ways of drawing are checked: `RNG.normal()` (one deviate per 64-bit draw) and
/// `RNG.fillNormal` (eight streams in SIMD lanes, used for noise batches, initial weights
/// and mixture samples); they do not return the same numbers, but each must be N(0, 1).
@Suite("Normal deviates")
struct NormalDistributionTests {
    enum Source: String, CaseIterable, Sendable { case scalar, fill }

    static let scalarDraws: [Double] = {
        var rng = RNG(seed: 2024)
        return (0..<1_000_000).map { _ in Double(rng.normal()) }
    }()

    static let fillDraws: [Double] = {
        var rng = RNG(seed: 2025)
        var x = [Float](repeating: 0, count: 1_000_000)
        rng.fillNormal(&x, count: x.count)
        return x.map(Double.init)
    }()

    static func draws(_ source: Source) -> [Double] { source == .scalar ? scalarDraws : fillDraws }

    /// A far-tail point: P(x > r) = P(x < −r) = 1.290e-4.
    static let r = 3.6541528853610088

    /// Φ(x) = ½·erfc(−x/√2).
    static func cdf(_ x: Double) -> Double { 0.5 * erfc(-x / 2.0.squareRoot()) }

    /// Mean (SE 1/√n = 1e-3), variance (SE √(2/n) = 1.41e-3), skewness (SE √(6/n) = 2.45e-3)
    /// and kurtosis 3 (SE √(24/n) = 4.9e-3).
    @Test(arguments: Source.allCases)
    func moments(_ source: Source) {
        let x = Self.draws(source), n = Double(x.count)
        let mean = x.reduce(0, +) / n
        var m2 = 0.0, m3 = 0.0, m4 = 0.0
        for v in x {
            let d = v - mean, d2 = d * d
            m2 += d2; m3 += d2 * d; m4 += d2 * d2
        }
        m2 /= n; m3 /= n; m4 /= n
        let skew = m3 / pow(m2, 1.5), kurt = m4 / (m2 * m2)
        #expect(abs(mean) <= 5 * 1e-3, "mean \(mean)")
        #expect(abs(m2 - 1) <= 5 * 1.41e-3, "variance \(m2)")
        #expect(abs(skew) <= 5 * 2.45e-3, "skewness \(skew)")
        #expect(abs(kurt - 3) <= 5 * 4.9e-3, "kurtosis \(kurt)")
    }

    /// P(|x| > 3) = 0.0026998 (count SE √(n·p) ≈ 52, fraction SE 5.2e-5); each side of the
    /// tail P(x > r) = P(x < −r) = 1.290e-4 (SE 1.14e-5); and draws reach beyond ±4.
    @Test(arguments: Source.allCases)
    func tails(_ source: Source) {
        let x = Self.draws(source), n = Double(x.count), r = Self.r
        let beyond3 = Double(x.filter { abs($0) > 3 }.count) / n
        #expect(abs(beyond3 - 0.0026998) <= 5 * 5.2e-5, "P(|x| > 3) = \(beyond3)")
        let upper = Double(x.filter { $0 > r }.count) / n, lower = Double(x.filter { $0 < -r }.count) / n
        #expect(abs(upper - 1.2902e-4) <= 5 * 1.14e-5, "P(x > r) = \(upper)")
        #expect(abs(lower - 1.2902e-4) <= 5 * 1.14e-5, "P(x < −r) = \(lower)")
        // P(x > 4) = 3.2e-5: ≈ 32 draws on each side.
        #expect(x.contains { $0 > 4 } && x.contains { $0 < -4 })
        #expect(x.allSatisfy { $0.isFinite && abs($0) < 6.5 })   // P(|x| > 6.5) = 8e-11
    }

    /// The shape of the tail itself (Box–Muller's small u₁): the ≈ 258 draws with |x| > r must follow N(0, 1) conditioned on |x| > r. Their mean excess E[|x| − r] is
    /// φ(r)/(1 − Φ(r)) − r = 0.2429 with standard deviation 0.2312 (SE ≈ 0.014), and their KS
    /// distance to the conditional CDF (Φ(x) − Φ(r))/(1 − Φ(r)) stays below 1.95/√m (level 0.001).
    /// Counting alone cannot see a tail that is drawn too close to r or too far out.
    @Test(arguments: Source.allCases)
    func tailShape(_ source: Source) {
        let r = Self.r
        let excess = Self.draws(source).filter { abs($0) > r }.map { abs($0) - r }.sorted()
        let m = Double(excess.count)
        #expect(excess.count > 180, "only \(excess.count) tail draws")   // 258 expected, SE 16
        let mean = excess.reduce(0, +) / m
        #expect(abs(mean - 0.2429) <= 5 * 0.2312 / m.squareRoot(), "mean excess \(mean)")
        let tail = 1 - Self.cdf(r)
        var d = 0.0
        for (i, e) in excess.enumerated() {
            let f = (Self.cdf(r + e) - Self.cdf(r)) / tail
            d = max(d, Double(i + 1) / m - f, f - Double(i) / m)
        }
        #expect(d < 1.95 / m.squareRoot(), "tail KS distance \(d) over \(excess.count) draws")
    }

    /// Kolmogorov–Smirnov distance of 2·10⁵ draws to Φ: √n·D exceeds 1.95 with probability
    /// 0.001 under N(0, 1), so D < 1.95/√n = 4.36e-3.
    @Test(arguments: Source.allCases)
    func kolmogorovSmirnov(_ source: Source) {
        let x = Self.draws(source).prefix(200_000).sorted()
        let n = Double(x.count)
        var d = 0.0
        for (i, v) in x.enumerated() {
            let f = Self.cdf(v)
            d = max(d, Double(i + 1) / n - f, f - Double(i) / n)
        }
        #expect(d < 1.95 / n.squareRoot(), "KS distance \(d)")
    }

    /// Pearson χ² of all 10⁶ draws over 34 bins (width 0.25 on [−4, 4] plus the two tails,
    /// 33 degrees of freedom): finer than KS in the body, where a polynomial error in the
    /// transform would bend the CDF.
    /// P(χ²₃₃ ≥ 80) = 9e-6 under N(0, 1).
    @Test(arguments: Source.allCases)
    func histogram(_ source: Source) {
        let draws = Self.draws(source)
        let edges = (0...32).map { -4 + 0.25 * Double($0) }
        var counts = [Int](repeating: 0, count: edges.count + 1)
        for v in draws {
            var k = 0
            if v >= edges[0] { k = min(Int((v - edges[0]) / 0.25) + 1, edges.count) }
            counts[k] += 1
        }
        let n = Double(draws.count)
        var chi2 = 0.0
        for k in counts.indices {
            let lo = k == 0 ? -Double.infinity : edges[k - 1]
            let hi = k == edges.count ? Double.infinity : edges[k]
            let expected = n * (Self.cdf(hi) - Self.cdf(lo))
            chi2 += (Double(counts[k]) - expected) * (Double(counts[k]) - expected) / expected
        }
        #expect(chi2 < 80, "χ² = \(chi2) over \(counts.count) bins")
    }

    /// Both paths are pure functions of the generator state: same state, same deviates and
    /// the same state afterwards. (Messages summarize rather than print 1000 numbers.)
    @Test func reproducibleFromState() {
        var a = RNG(seed: 8), b = RNG(seed: 8)
        var fa = [Float](repeating: 0, count: 1001), fb = fa
        a.fillNormal(&fa, count: fa.count)
        b.fillNormal(&fb, count: fb.count)
        #expect(fa == fb, "fillNormal differs between equal states")
        #expect(a == b)
        let sa = (0..<1000).map { _ in a.normal() }, sb = (0..<1000).map { _ in b.normal() }
        #expect(sa == sb, "normal() differs between equal states")
        #expect(Set(sa).count > 990, "deviates repeat")
    }
}
