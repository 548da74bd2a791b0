import Foundation
import Testing
@testable import GANCore

/// Each dataset's sampler against its definition (docs/variants.md): means, spreads and
/// support. n = 20,000 points: a coordinate mean has SE ≤ σ/√n ≈ 0.01 for σ ≤ 1.4, so the
/// 0.04 bands are ≥ 4 SE; support checks are exact (checkerboard) or 6σ of the noise.
@Suite("Dataset samplers")
struct DatasetSamplingTests {
    static let n = 20_000

    static func points(_ d: any TargetDistribution, seed: UInt64 = 11) -> [(Double, Double)] {
        var rng = RNG(seed: seed)
        let p = d.sample(count: n, rng: &rng)
        return (0..<n).map { (Double(p[2 * $0]), Double(p[2 * $0 + 1])) }
    }

    static func mean(_ v: [Double]) -> Double { v.reduce(0, +) / Double(v.count) }

    @Test func ring8VEEGANAndGrid25Layouts() {
        let ring = GaussianMixture.ring8VEEGAN
        #expect(ring.componentCount == 8 && ring.variances.allSatisfy { $0 == [1e-4, 1e-4] })
        #expect(ring.means.allSatisfy { abs(hypot($0[0], $0[1]) - 1) < 1e-12 })
        // 8 distinct angles (not linspace(0, 2π, 8), which repeats one).
        let angles = Set(ring.means.map { Int((atan2($0[1], $0[0]) * 1000).rounded()) })
        #expect(angles.count == 8)
        let grid = GaussianMixture.grid25
        #expect(grid.componentCount == 25 && grid.variances.allSatisfy { $0 == [0.0025, 0.0025] })
        let coords = Set(grid.means.flatMap { $0 })
        #expect(coords == [-4, -2, 0, 2, 4])
        // Samples sit within 6σ = 0.3 of a grid node.
        for (x, y) in Self.points(grid) {
            #expect(abs(x - 2 * (x / 2).rounded()) < 0.3 && abs(y - 2 * (y / 2).rounded()) < 0.3)
        }
    }

    @Test func swissroll() {
        let pts = Self.points(ToyDataset.swissroll)
        // Without noise, r = t/7.5 with t ~ U[1.5π, 4.5π]: mean 3π/7.5 ≈ 1.2566. The noise
        // (σ = 0.25/7.5 per axis) adds ≈ σ²/(2r) ≈ 5e-4.
        let r = pts.map { hypot($0.0, $0.1) }
        #expect(abs(Self.mean(r) - 3 * Double.pi / 7.5) < 0.02)
        #expect(r.allSatisfy { $0 > 1.5 * .pi / 7.5 - 0.21 && $0 < 4.5 * .pi / 7.5 + 0.21 })
        // Points follow the curve: the polar angle of a point matches t = 7.5·r (mod 2π). The
        // radial noise (σ = 0.25 in t units) puts ≈ 0.25 rad of spread on that, so 3σ = 0.75 rad
        // holds ≥ 95 % of points; points at random angles would score 0.75/π ≈ 24 %.
        let close = pts.filter { p in
            let t = 7.5 * hypot(p.0, p.1)
            let d = remainder(atan2(p.1, p.0) - t, 2 * Double.pi)
            return abs(d) < 0.75
        }.count
        #expect(Double(close) / Double(Self.n) > 0.95)
    }

    @Test func twoMoons() {
        let pts = Self.points(ToyDataset.twoMoons)
        #expect(abs(Self.mean(pts.map(\.0)) - 0.5) < 0.04 && abs(Self.mean(pts.map(\.1)) - 0.25) < 0.04)
        // Every point is within 6σ = 0.6 of one of the two unit arcs.
        for (x, y) in pts {
            let upper = abs(hypot(x, y) - 1), lower = abs(hypot(x - 1, y - 0.5) - 1)
            #expect(min(upper, lower) < 0.6)
        }
        let upperShare = Double(pts.filter { abs(hypot($0.0, $0.1) - 1) < abs(hypot($0.0 - 1, $0.1 - 0.5) - 1) }.count) / Double(Self.n)
        #expect(abs(upperShare - 0.5) < 0.05)
    }

    @Test func circles() {
        let pts = Self.points(ToyDataset.circles)
        #expect(abs(Self.mean(pts.map(\.0))) < 0.03 && abs(Self.mean(pts.map(\.1))) < 0.03)
        let r = pts.map { hypot($0.0, $0.1) }
        let outer = r.filter { $0 > 0.75 }
        #expect(abs(Double(outer.count) / Double(Self.n) - 0.5) < 0.03)
        #expect(abs(Self.mean(outer) - 1) < 0.01 && abs(Self.mean(r.filter { $0 <= 0.75 }) - 0.5) < 0.01)
    }

    @Test func spiral() {
        let pts = Self.points(ToyDataset.spiral)
        #expect(abs(Self.mean(pts.map(\.0))) < 0.04 && abs(Self.mean(pts.map(\.1))) < 0.04)
        #expect(pts.allSatisfy { hypot($0.0, $0.1) < 2 + 0.3 })
        // r = t/(1.5π) with t = 3π√u: r²/4 = u is uniform, so its mean is ½.
        #expect(abs(Self.mean(pts.map { ($0.0 * $0.0 + $0.1 * $0.1) / 4 }) - 0.5) < 0.02)
    }

    @Test func checkerboard() {
        let pts = Self.points(ToyDataset.checkerboard)
        for (x, y) in pts {
            #expect(x >= -2 && x < 2 && y >= -2 && y < 2)
            #expect((Int(floor(x)) + Int(floor(y))) % 2 == 0, "(\(x), \(y)) on a dark cell")
        }
        // 8 cells, each ≈ 1/8 of the points.
        var counts: [Int: Int] = [:]
        for (x, y) in pts { counts[Int(floor(x)) * 10 + Int(floor(y)), default: 0] += 1 }
        #expect(counts.count == 8 && counts.values.allSatisfy { abs(Double($0) / Double(Self.n) - 0.125) < 0.015 })
    }

    @Test("uniform latent stays in [−1, 1)", arguments: LatentDistribution.allCases)
    func latent(_ l: LatentDistribution) {
        var rng = RNG(seed: 3)
        var z = [Float](repeating: 0, count: 10_000)
        l.fill(&z, count: z.count, rng: &rng)
        let m = z.map(Double.init).reduce(0, +) / 1e4, v = z.map { Double($0) * Double($0) }.reduce(0, +) / 1e4
        #expect(abs(m) < 0.04)
        switch l {
        case .normal: #expect(abs(v - 1) < 0.05)
        case .uniform: #expect(z.allSatisfy { $0 >= -1 && $0 < 1 } && abs(v - 1.0 / 3) < 0.02)
        }
    }
}
