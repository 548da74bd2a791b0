import Foundation
import Testing
@testable import GANCore

/// Energy distance, sliced Wasserstein, MMD and their vectorised building blocks.
@Suite("Two-sample distances")
struct MetricsDistanceTests {
    /// X = {(0,0), (3,0), (0,4)} (a 3-4-5 triangle), Y = {(3,4)}.
    static let x: [Float] = [0, 0, 3, 0, 0, 4]
    static let y: [Float] = [3, 4]

    static func shifted(_ p: [Float], by d: Float) -> [Float] {
        p.enumerated().map { i, v in i % 2 == 0 ? v + d : v }
    }

    @Test("energy distance, hand-computed")
    func energyByHand() {
        // Within X: |(0,0)−(3,0)| = 3, |(0,0)−(0,4)| = 4, |(3,0)−(0,4)| = 5;
        //   over the 9 ordered pairs (zero diagonal): 2·(3+4+5) = 24 → E‖X−X'‖ = 24/9 = 8/3.
        // Within Y (one point): 0.
        // X to Y: |(0,0)−(3,4)| = 5, |(3,0)−(3,4)| = 4, |(0,4)−(3,4)| = 3 → E‖X−Y‖ = 12/3 = 4.
        // E = 2·4 − 8/3 − 0 = 16/3.
        #expect(abs(TwoSampleDistances.energy(Self.x, Self.y) - 16.0 / 3) < 1e-6)
        #expect(abs(TwoSampleDistances.energy(Self.y, Self.x) - 16.0 / 3) < 1e-6)   // symmetric
    }

    @Test("sliced Wasserstein, hand-computed")
    func slicedByHand() {
        // Y is one point, so along u: W₂² = mean_i ⟨x_i − y, u⟩². For L ≥ 2 evenly spaced
        // directions the mean of cos²(θ_l − φ) is exactly ½, so
        // SW₂² = ½ · mean_i ‖x_i − y‖² = ½ · (25 + 16 + 9)/3 = 25/3.
        for L in [2, 7, 64] {
            #expect(abs(TwoSampleDistances.slicedWasserstein(Self.x, Self.y, projections: L) - (25.0 / 3).squareRoot()) < 1e-12)
        }
        // Equal sizes: X = {(0,0),(1,0),(2,0)} and X + (t, 0): along θ every sorted
        // projection moves by t·cos θ, W₂² = t² cos² θ, SW₂ = t / √2.
        let line: [Float] = [0, 0, 1, 0, 2, 0]
        #expect(abs(TwoSampleDistances.slicedWasserstein(line, Self.shifted(line, by: 0.5)) - 0.5 / 2.0.squareRoot()) < 1e-12)
        // Unequal sizes by quantile matching: {0, 1} vs {0, ½, 1} on the x axis.
        // F⁻¹ of the first: 0 on (0,½], 1 on (½,1]; of the second: 0, ½, 1 on thirds.
        // (F⁻¹ − G⁻¹)² = ¼ on (⅓,½] and on (½,⅔], 0 elsewhere: W₂² = ¼·⅓ = 1/12.
        #expect(abs(TwoSampleDistances.wasserstein2Squared(sortedA: [0, 1], sortedB: [0, 0.5, 1]) - 1.0 / 12) < 1e-15)
        #expect(abs(TwoSampleDistances.wasserstein2Squared(sortedA: [0, 0.5, 1], sortedB: [0, 1]) - 1.0 / 12) < 1e-15)
        // In 2-D along θ this is cos²θ/12; averaged: SW₂² = 1/24.
        let two: [Float] = [0, 0, 1, 0], three: [Float] = [0, 0, 0.5, 0, 1, 0]
        #expect(abs(TwoSampleDistances.slicedWasserstein(two, three) - (1.0 / 24).squareRoot()) < 1e-12)
    }

    @Test("MMD² with a fixed σ and the median heuristic, hand-computed")
    func mmdByHand() {
        // σ = 5, k = exp(−d²/50). Squared distances within X: 9, 16, 25; X to Y: 25, 16, 9.
        // S = e^−0.18 + e^−0.32 + e^−0.5 ≈ 2.1679499.
        // mean k(X,X') = (3 + 2S)/9, mean k(Y,Y') = 1, mean k(X,Y) = S/3
        // MMD² = (3 + 2S)/9 + 1 − 2S/3 = 4/3 − 4S/9 ≈ 0.3698000.
        let S = exp(-0.18) + exp(-0.32) + exp(-0.5)
        let mmd = TwoSampleDistances.mmdRBF(Self.x, Self.y, bandwidth: .fixed(sigma: 5))
        #expect(abs(mmd - (4.0 / 3 - 4 * S / 9)) < 1e-6)
        #expect(abs(mmd - 0.3698000) < 1e-6)
        // Median heuristic on the 4 pooled points: squared distances 9, 16, 25, 25, 16, 9;
        // median of six = (16 + 16)/2 = 16 → σ² = 8.
        #expect(abs(TwoSampleDistances.medianHeuristicSigma(Self.x, Self.y) - 8.0.squareRoot()) < 1e-15)
        // σ² = 8: k = exp(−d²/16); S' = e^−9/16 + e^−1 + e^−25/16; MMD² = 4/3 − 4S'/9.
        let S8 = exp(-9.0 / 16) + exp(-1.0) + exp(-25.0 / 16)
        #expect(abs(TwoSampleDistances.mmdRBF(Self.x, Self.y) - (4.0 / 3 - 4 * S8 / 9)) < 1e-6)
    }

    @Test("a set against itself is exactly 0; distances grow with a shift")
    func selfAndShift() {
        var rng = RNG(seed: 3)
        let p = GaussianMixture.ring8.sample(count: 600, rng: &rng)
        #expect(TwoSampleDistances.energy(p, p) == 0)
        #expect(TwoSampleDistances.slicedWasserstein(p, p) == 0)
        #expect(TwoSampleDistances.mmdRBF(p, p) == 0)
        let shifts: [Float] = [0.02, 0.1, 0.3, 1]
        var last = (0.0, 0.0, 0.0)
        for d in shifts {
            let q = Self.shifted(p, by: d)
            let now = (TwoSampleDistances.energy(p, q), TwoSampleDistances.slicedWasserstein(p, q),
                       TwoSampleDistances.mmdRBF(p, q, bandwidth: .fixed(sigma: 1)))
            #expect(now.0 > last.0 && now.1 > last.1 && now.2 > last.2, "shift \(d)")
            last = now
        }
        // A pure translation by t along x: SW₂ = t/√2 exactly (every projection moves by t cos θ).
        #expect(abs(last.1 - 1 / 2.0.squareRoot()) < 1e-6)
    }

    @Test("two independent samples of one distribution are close; the energy bias is O(1/n)")
    func independentSamples() {
        var rng = RNG(seed: 8)
        let g = GaussianMixture.ring8
        let a = g.sample(count: 1_000, rng: &rng), b = g.sample(count: 1_000, rng: &rng)
        let e = TwoSampleDistances.energy(a, b)
        // E[V-statistic] = (1/n + 1/m)·E‖X − X'‖ ≈ 0.002 · 2.5 for the ring; allow 3×.
        #expect(e > 0 && e < 0.015)
        // SW₂ feels the multinomial imbalance of the mode counts (±√(n/8) points moved
        // across gaps of ~1.5): about 0.1–0.2 at n = 1,000.
        let sw = TwoSampleDistances.slicedWasserstein(a, b)
        #expect(sw < 0.3)
        #expect(TwoSampleDistances.mmdRBF(a, b) < 0.005)
        // …while a collapsed generator is far.
        let c = try! GaussianMixture(weights: [1], means: [g.means[0]], variances: [g.variances[0]]).sample(count: 1_000, rng: &rng)
        #expect(TwoSampleDistances.energy(c, b) > 50 * e)
        #expect(TwoSampleDistances.slicedWasserstein(c, b) > 5 * sw)
        #expect(TwoSampleDistances.mmdRBF(c, b) > 0.1)
    }

    @Test("the Float pair sums match a plain Double loop")
    func pairSumsAgainstNaive() {
        var rng = RNG(seed: 4)
        let a = GaussianMixture.ring8.sample(count: 203, rng: &rng)    // not a multiple of 8
        let b = GaussianMixture.seed.sample(count: 77, rng: &rng)
        var cross = 0.0, selfA = 0.0
        for i in 0..<203 {
            for j in 0..<77 {
                let dx = Double(a[2 * i]) - Double(b[2 * j]), dy = Double(a[2 * i + 1]) - Double(b[2 * j + 1])
                cross += (dx * dx + dy * dy).squareRoot()
            }
            for j in 0..<203 {
                let dx = Double(a[2 * i]) - Double(a[2 * j]), dy = Double(a[2 * i + 1]) - Double(a[2 * j + 1])
                selfA += exp(-0.7 * (dx * dx + dy * dy))
            }
        }
        let pa = _Points(interleaved: a), pb = _Points(interleaved: b)
        #expect(abs(_crossSum(pa, pb, _DistanceKernel()) - cross) < 1e-6 * cross)
        #expect(abs(_selfSum(pa, _GaussianKernel(gamma: 0.7)) - selfA) < 1e-6 * selfA)
    }

    @Test("vectorised e^x matches exp to 3e-7 relative on [−87, 0]")
    func vectorExp() {
        var worst = 0.0
        var x = -87.0
        while x <= 0 {
            var v = SIMD8<Float>()
            for l in 0..<8 { v[l] = Float(x + Double(l) * 1e-3) }
            let e = _expNonPositive(v)
            for l in 0..<8 {
                let exact = exp(Double(v[l]))
                worst = max(worst, abs(Double(e[l]) - exact) / exact)
            }
            x += 0.0173
        }
        #expect(worst < 3e-7)
        #expect(_expNonPositive(SIMD8(repeating: 0)) == SIMD8(repeating: 1))
        #expect(_expNonPositive(SIMD8(repeating: -1e4)).max() < 1e-37)
    }

    @Test("empty input gives NaN")
    func empty() {
        #expect(TwoSampleDistances.energy([], Self.y).isNaN)
        #expect(TwoSampleDistances.slicedWasserstein(Self.x, []).isNaN)
        #expect(TwoSampleDistances.mmdRBF([], []).isNaN)
        let bad: [Float] = [0, .nan]
        #expect(TwoSampleDistances.energy(bad, bad).isNaN)      // NaN even against itself
        #expect(TwoSampleDistances.slicedWasserstein(bad, Self.y).isNaN)
    }
}
