import Foundation
import Testing
@testable import GANCore

/// The mixture sampler on 10⁵ points: component proportions, per-component means and
/// variances, and the seed's layout (grouped by component, in component order).
///
/// Standard errors used below (n points, n_k = n·π_k of them in component k, std σ):
/// proportion √(π(1−π)/n); mean σ/√n_k; sample variance σ²·√(2/n_k). Every bound is 5 SE.
@Suite("Gaussian mixture sampling")
struct GaussianMixtureSamplingTests {
    static let n = 100_000

    struct Point { var x: Double, y: Double }

    static func sample(_ mixture: GaussianMixture, seed: UInt64, count: Int = n) -> [Point] {
        var rng = RNG(seed: seed)
        let flat = mixture.sample(count: count, rng: &rng)
        return (0..<count).map { Point(x: Double(flat[2 * $0]), y: Double(flat[2 * $0 + 1])) }
    }

    static func nearest(_ p: Point, _ m: GaussianMixture) -> Int {
        m.means.indices.min { a, b in
            let da = (p.x - m.means[a][0]) * (p.x - m.means[a][0]) + (p.y - m.means[a][1]) * (p.y - m.means[a][1])
            let db = (p.x - m.means[b][0]) * (p.x - m.means[b][0]) + (p.y - m.means[b][1]) * (p.y - m.means[b][1])
            return da < db
        }!
    }

    struct Moments { var mx = 0.0, my = 0.0, vx = 0.0, vy = 0.0, cxy = 0.0, count = 0 }

    static func moments(_ pts: ArraySlice<Point>) -> Moments {
        let k = Double(pts.count)
        var m = Moments(count: pts.count)
        m.mx = pts.reduce(0) { $0 + $1.x } / k
        m.my = pts.reduce(0) { $0 + $1.y } / k
        for p in pts {
            m.vx += (p.x - m.mx) * (p.x - m.mx); m.vy += (p.y - m.my) * (p.y - m.my)
            m.cxy += (p.x - m.mx) * (p.y - m.my)
        }
        m.vx /= k; m.vy /= k; m.cxy /= k
        return m
    }

    /// Checks a group's moments against component `c` of `m` at 5 SE.
    static func expectComponent(_ g: Moments, _ m: GaussianMixture, _ c: Int,
                                sourceLocation: SourceLocation = #_sourceLocation) {
        let nk = Double(g.count)
        let (vx, vy) = (m.variances[c][0], m.variances[c][1])
        #expect(abs(g.mx - m.means[c][0]) <= 5 * (vx / nk).squareRoot(), "component \(c) mean x \(g.mx)",
                sourceLocation: sourceLocation)
        #expect(abs(g.my - m.means[c][1]) <= 5 * (vy / nk).squareRoot(), "component \(c) mean y \(g.my)",
                sourceLocation: sourceLocation)
        #expect(abs(g.vx - vx) <= 5 * vx * (2 / nk).squareRoot(), "component \(c) var x \(g.vx)",
                sourceLocation: sourceLocation)
        #expect(abs(g.vy - vy) <= 5 * vy * (2 / nk).squareRoot(), "component \(c) var y \(g.vy)",
                sourceLocation: sourceLocation)
        #expect(abs(g.cxy) <= 5 * (vx * vy / nk).squareRoot(), "component \(c) covariance \(g.cxy)",
                sourceLocation: sourceLocation)
    }

    /// The blog's preset overlaps (modes √2 apart, σ = 0.316), so points are assigned to
    /// components through the grouped layout: the boundary is the change point that maximizes
    /// the log-likelihood of "component 0 before, component 1 after" (located to within a few
    /// points; each point's evidence averages 10 nats). Then each group must be that component.
    @Test func seedPreset() {
        let m = GaussianMixture.seed
        #expect(m.weights == [0.5, 0.5] && m.means == [[0, 0], [1, 1]] && m.variances == [[0.1, 0.1], [0.1, 0.1]])
        let pts = Self.sample(m, seed: 11)
        // log p0 − log p1 = (|x − μ1|² − |x − μ0|²)/(2σ²); split where its prefix sum peaks.
        var s = 0.0, best = 0.0, split = 0
        for (i, p) in pts.enumerated() {
            s += ((p.x - 1) * (p.x - 1) + (p.y - 1) * (p.y - 1) - p.x * p.x - p.y * p.y) / 0.2
            if s > best { best = s; split = i + 1 }
        }
        // Proportion of component 0: 0.5 ± 5·√(0.25/n) = 0.5 ± 7.9e-3.
        #expect(abs(Double(split) / Double(Self.n) - 0.5) <= 5 * (0.25 / Double(Self.n)).squareRoot())
        let first = Self.moments(pts[..<split]), second = Self.moments(pts[split...])
        Self.expectComponent(first, m, 0)
        Self.expectComponent(second, m, 1)
        // Grouped, not shuffled: inside the first group the nearest mean is (1, 1) only for the
        // overlap fraction Φ(−√2/(2·0.316)) = 0.0127 (SE 5e-4); a shuffled output would give 0.5.
        let strays = Double(pts[..<split].filter { Self.nearest($0, m) == 1 }.count) / Double(split)
        #expect(abs(strays - 0.0127) <= 5 * 5e-4, "fraction of the first group nearer (1, 1): \(strays)")
        // The whole sample: mean (½, ½), variance 0.1 + ¼ = 0.35, covariance ¼ (SE ≈ 2e-3).
        let all = Self.moments(pts[...])
        #expect(abs(all.mx - 0.5) <= 0.01 && abs(all.my - 0.5) <= 0.01)
        #expect(abs(all.vx - 0.35) <= 0.01 && abs(all.vy - 0.35) <= 0.01 && abs(all.cxy - 0.25) <= 0.01)
    }

    /// See_GANs' ring: μ_k = (2 sin θ_k, 2 cos θ_k), θ_k = 2πk/8, variance 0.02.
    @Test func ring8Layout() {
        let m = GaussianMixture.ring8
        let r = 2.0.squareRoot()
        let expected: [[Double]] = [[0, 2], [r, r], [2, 0], [r, -r], [0, -2], [-r, -r], [-2, 0], [-r, r]]
        #expect(m.componentCount == 8)
        for k in 0..<8 {
            #expect(abs(m.means[k][0] - expected[k][0]) <= 1e-12 && abs(m.means[k][1] - expected[k][1]) <= 1e-12,
                    "mode \(k): \(m.means[k])")
            #expect(m.variances[k] == [0.02, 0.02] && m.weights[k] == 0.125)
        }
        // Eight distinct modes (not the 7 of linspace(0, 2π, 8)): neighbours 4·sin(π/8) = 1.531 apart.
        for a in 0..<8 {
            for b in (a + 1)..<8 {
                let d = hypot(m.means[a][0] - m.means[b][0], m.means[a][1] - m.means[b][1])
                #expect(d >= 1.53, "modes \(a) and \(b) are \(d) apart")
            }
        }
    }

    /// ring8 modes are 10.8σ apart, so the nearest mean identifies the component (error
    /// rate < 1e-7). Counts 12500 ± 5·104.6; means ± 5·0.141/√12500 = 6.3e-3; variances
    /// 0.02 ± 5·0.02·√(2/12500) = 1.3e-3.
    @Test func ring8Sampling() {
        let m = GaussianMixture.ring8
        let pts = Self.sample(m, seed: 12)
        let labels = pts.map { Self.nearest($0, m) }
        #expect(zip(labels, labels.dropFirst()).allSatisfy { $0 <= $1 }, "output must be grouped in component order")
        var start = 0
        for k in 0..<8 {
            let end = labels[start...].firstIndex { $0 != k } ?? labels.endIndex
            #expect(abs(Double(end - start) - 12_500) <= 5 * 104.6, "component \(k) count \(end - start)")
            Self.expectComponent(Self.moments(pts[start..<end]), m, k)
            start = end
        }
        #expect(start == Self.n)
    }

    /// Unequal weights, a zero weight and anisotropic variances (the seed's `cov` holds
    /// variances: std √0.04 = 0.2 on x, √0.25 = 0.5 on y).
    @Test func unequalWeightsAndAnisotropicVariances() throws {
        let m = try GaussianMixture(weights: [0.2, 0, 0.3, 0.5],
                                    means: [[-10, 0], [0, 0], [0, 10], [10, -5]],
                                    variances: [[0.04, 0.25], [1, 1], [0.25, 0.04], [1, 2]])
        let pts = Self.sample(m, seed: 13)
        let labels = pts.map { Self.nearest($0, m) }
        #expect(zip(labels, labels.dropFirst()).allSatisfy { $0 <= $1 })
        #expect(!labels.contains(1), "a zero-weight component must get no points")
        var start = 0
        for k in [0, 2, 3] {
            let end = labels[start...].firstIndex { $0 != k } ?? labels.endIndex
            let pi = m.weights[k]
            let se = (pi * (1 - pi) / Double(Self.n)).squareRoot()
            #expect(abs(Double(end - start) / Double(Self.n) - pi) <= 5 * se, "component \(k) proportion")
            Self.expectComponent(Self.moments(pts[start..<end]), m, k)
            start = end
        }
    }

    @Test func reproducibleAndBufferFormAgrees() {
        var a = RNG(seed: 14), b = RNG(seed: 14)
        let arr = GaussianMixture.ring8.sample(count: 1000, rng: &a)
        var buf = [Float](repeating: .nan, count: 2000)
        buf.withUnsafeMutableBufferPointer { GaussianMixture.ring8.sample(count: 1000, rng: &b, into: $0.baseAddress!) }
        #expect(arr == buf)
        #expect(a == b)
        var c = RNG(seed: 15)
        #expect(GaussianMixture.ring8.sample(count: 1000, rng: &c) != arr)
    }
}
