import Foundation
import Testing
@testable import GANCore

/// Mixture metrics (modes, quality, reverse KL, IS, likelihood) and the per-point density.
@Suite("Mixture metrics")
struct MetricsMixtureTests {
    static let ring8 = GaussianMixture.ring8

    /// Two unit-variance components 4 apart, for the hand-computed example.
    static let pair = try! GaussianMixture(weights: [0.5, 0.5], means: [[0, 0], [4, 0]],
                                           variances: [[1, 1], [1, 1]])

    /// An independent, direct implementation: posteriors by plain exp (fine near the modes),
    /// p̂ as their mean, IS = exp(mean_i Σ_k p_ik log(p_ik / p̂_k)).
    static func directInceptionScore(_ s: [Float], _ g: GaussianMixture) -> Double {
        let n = s.count / 2, K = g.componentCount
        var post = [[Double]]()
        for i in 0..<n {
            let x = Double(s[2 * i]), y = Double(s[2 * i + 1])
            var w = (0..<K).map { k -> Double in
                let vx = g.variances[k][0], vy = g.variances[k][1]
                let dx = x - g.means[k][0], dy = y - g.means[k][1]
                return g.weights[k] / (2 * Double.pi * (vx * vy).squareRoot())
                    * exp(-0.5 * (dx * dx / vx + dy * dy / vy))
            }
            let z = w.reduce(0, +)
            w = w.map { $0 / z }
            post.append(w)
        }
        let mean = (0..<K).map { k in post.map { $0[k] }.reduce(0, +) / Double(n) }
        var kl = 0.0
        for p in post { for k in 0..<K where p[k] > 0 { kl += p[k] * log(p[k] / mean[k]) } }
        return exp(kl / Double(n))
    }

    @Test("samples of the true mixture: all modes, HQ ≈ 1 − e^−4.5, reverse KL ≈ 0, IS as computed directly")
    func trueMixture() {
        var rng = RNG(seed: 11)
        let n = 20_000
        let s = Self.ring8.sample(count: n, rng: &rng)
        // No reference: the two-sample distances are tested on their own (and are NaN here).
        let m = MixtureMetrics.evaluate(samples: s, mixture: Self.ring8, reference: [])
        #expect(m.energyDistance.isNaN)
        #expect(m.nSamples == n)
        #expect(m.modesCaptured == 8)
        // d² ~ χ²(2): P(d ≤ 3) = 1 − e^(−9/2). Binomial SE = √(p(1−p)/n) ≈ 7.4e-4; allow 4 SE.
        let p = 1 - exp(-4.5)
        let se = (p * (1 - p) / Double(n)).squareRoot()
        #expect(abs(m.highQualityFraction - p) < 4 * se)
        // 2n·KL(q‖π) is asymptotically χ²(K−1): mean 7, 99.99 % quantile ≈ 29 → KL < 29/(2n) ≈ 7.3e-4.
        #expect(m.reverseKL >= 0 && m.reverseKL < 29.0 / Double(2 * n))
        #expect(abs(m.modeHistogram.reduce(0, +) - 1) < 1e-12)
        // Modes 10.8 σ apart: the posterior is essentially one-hot and p̂ ≈ π, so IS ≈ K.
        let direct = Self.directInceptionScore(s, Self.ring8)
        #expect(abs(m.inceptionScore - direct) < 1e-9 * direct)
        #expect(abs(m.inceptionScore - 8) < 0.02)
        // E log p(x) ≈ −entropy of one component + log π_k... for separated modes:
        // log π + log N = −log 8 − log(2π·0.02) − d²/2, E d²/2 = 1.
        let expected = -log(8.0) - log(2 * Double.pi * 0.02) - 1
        #expect(abs(m.meanLogLikelihood - expected) < 0.03)
    }

    @Test("every sample on one mode: 1 mode, reverse KL = log K, IS = 1")
    func collapse() throws {
        var rng = RNG(seed: 5)
        let one = try GaussianMixture(weights: [1], means: [Self.ring8.means[3]], variances: [Self.ring8.variances[3]])
        let s = one.sample(count: 2_500, rng: &rng)
        let m = MixtureMetrics.evaluate(samples: s, mixture: Self.ring8, reference: [])
        #expect(m.modesCaptured == 1)
        #expect(m.modeHistogram == [0, 0, 0, 1, 0, 0, 0, 0])
        #expect(abs(m.reverseKL - log(8.0)) < 1e-12)        // 1 · log(1 / (1/8))
        // Neighbours are 10.8 σ away: posteriors one-hot up to ~e^−26, so IS = 1 to ~1e-9.
        #expect(m.inceptionScore >= 1 && m.inceptionScore < 1 + 1e-6)

        // Modes 1000 σ apart: the posterior is exactly one-hot in Double, IS exactly 1.
        let far = try GaussianMixture(weights: [0.5, 0.5], means: [[0, 0], [100, 0]], variances: [[0.01, 0.01], [0.01, 0.01]])
        let onFirst = try GaussianMixture(weights: [1], means: [[0, 0]], variances: [[0.01, 0.01]])
        let t = onFirst.sample(count: 500, rng: &rng)
        let onFar = MixtureMetrics.evaluate(samples: t, mixture: far, reference: [])
        #expect(onFar.inceptionScore == 1)
        #expect(abs(onFar.reverseKL - log(2.0)) < 1e-15)
    }

    /// Mixture `pair`: π = (½, ½), μ₀ = (0,0), μ₁ = (4,0), unit variances. Points:
    ///   P1 = (0,0): d₀ = 0,     d₁ = 4        → nearest 0, high quality
    ///   P2 = (0,2): d₀ = 2,     d₁ = √20      → nearest 0, high quality (2 ≤ 3)
    ///   P3 = (4,4): d₀ = √32,   d₁ = 4        → nearest 1, not high quality (4 > 3)
    @Test("hand-computed three-point example")
    func threePoints() {
        let s: [Float] = [0, 0, 0, 2, 4, 4]
        let g = Self.pair
        let m = MixtureMetrics.evaluate(samples: s, mixture: g, reference: s)
        #expect(m.modesCaptured == 1)                          // only component 0 has a HQ sample
        #expect(abs(m.highQualityFraction - 2.0 / 3) < 1e-15)  // P1, P2
        #expect(m.modeHistogram == [2.0 / 3, 1.0 / 3])
        // KL = ⅔ log(⅔ / ½) + ⅓ log(⅓ / ½) = ⅔ log(4/3) + ⅓ log(2/3) ≈ 0.0566330
        let kl = 2.0 / 3 * log(4.0 / 3) + 1.0 / 3 * log(2.0 / 3)
        #expect(abs(m.reverseKL - kl) < 1e-15)
        #expect(abs(kl - 0.0566330) < 1e-7)
        // p(x) = ½·(1/2π)(e^{−d₀²/2} + e^{−d₁²/2}), so log p = −log 4π + log(e^{−d₀²/2} + e^{−d₁²/2}):
        //   P1: log(1 + e⁻⁸), P2: −2 + log(1 + e⁻⁸), P3: −8 + log(1 + e⁻⁸)
        // mean = −log 4π − 10/3 + log(1 + e⁻⁸) ≈ −5.864023
        let ll = -log(4 * Double.pi) - 10.0 / 3 + log1p(exp(-8))
        #expect(abs(m.meanLogLikelihood - ll) < 1e-13)
        #expect(abs(ll - -5.864023) < 1e-6)
        // Posteriors: every point gives its minority component s = e⁻⁸/(1 + e⁻⁸) = 1/(1 + e⁸):
        //   P1, P2: (1−s, s); P3: (s, 1−s). p̂ = ((2−s)/3, (1+s)/3).
        // IS = exp(H(p̂) − H(s, 1−s)).
        let sm = 1 / (1 + exp(8.0))
        func h(_ p: [Double]) -> Double { -p.reduce(0) { $0 + $1 * log($1) } }
        let isScore = exp(h([(2 - sm) / 3, (1 + sm) / 3]) - h([sm, 1 - sm]))
        #expect(abs(m.inceptionScore - isScore) < 1e-13)
        #expect(abs(isScore - 1.884332) < 1e-6)
        // Reference = the samples themselves: every distance exactly 0.
        #expect(m.energyDistance == 0 && m.slicedWasserstein == 0 && m.mmdRBF == 0)
        // Threshold 4.5 makes P3 high quality too: both modes captured.
        let loose = MetricsOptions(highQualityThreshold: 4.5)
        let looseMetrics = MixtureMetrics.evaluate(samples: s, mixture: g, reference: [], options: loose)
        #expect(looseMetrics.modesCaptured == 2)
        #expect(looseMetrics.highQualityFraction == 1)
        // minCountPerMode 3: component 0 has only 2 HQ samples.
        let strict = MetricsOptions(minCountPerMode: 3)
        #expect(MixtureMetrics.evaluate(samples: s, mixture: g, reference: [], options: strict).modesCaptured == 0)
    }

    @Test("mode metrics do not depend on sample order")
    func orderInvariance() {
        var rng = RNG(seed: 21)
        let g = Self.ring8
        // A generator that misses modes 5–7 and is sloppy: 3 modes from the mixture plus noise.
        var s = g.sample(count: 1_500, rng: &rng).enumerated().map { i, v in v * (i % 2 == 0 ? 1.3 : 1) }
        s = Array(s.prefix(2 * 1_000))
        var shuffled = s
        for i in stride(from: 1_000 - 1, to: 0, by: -1) {   // Fisher–Yates on points, seeded
            let j = rng.integer(below: i + 1)
            shuffled.swapAt(2 * i, 2 * j); shuffled.swapAt(2 * i + 1, 2 * j + 1)
        }
        #expect(shuffled != s)
        let a = MixtureMetrics.evaluate(samples: s, mixture: g, reference: [])
        let b = MixtureMetrics.evaluate(samples: shuffled, mixture: g, reference: [])
        #expect(a.modesCaptured == b.modesCaptured)
        #expect(a.highQualityFraction == b.highQualityFraction)
        #expect(a.modeHistogram == b.modeHistogram)
        #expect(a.reverseKL == b.reverseKL)
        #expect(abs(a.inceptionScore - b.inceptionScore) < 1e-12)
        #expect(abs(a.meanLogLikelihood - b.meanLogLikelihood) < 1e-12)
        #expect(a.modesCaptured < 8 && a.highQualityFraction < 0.9)   // the example is not trivial
    }

    @Test("empty samples: NaN rates, zero modes; a NaN sample poisons only what it must")
    func emptyAndNonFinite() {
        let g = Self.ring8
        let e = MixtureMetrics.evaluate(samples: [], mixture: g, reference: [1, 1])
        #expect(e.nSamples == 0 && e.modesCaptured == 0)
        for v in [e.highQualityFraction, e.reverseKL, e.inceptionScore, e.meanLogLikelihood,
                  e.energyDistance, e.slicedWasserstein, e.mmdRBF] { #expect(v.isNaN) }
        #expect(e.modeHistogram.count == 8 && e.modeHistogram.allSatisfy(\.isNaN))

        var s: [Float] = [0, 2, 0, 2.1, .nan, 0, 2, 0]            // (0,2)=mode 0, (2,0)=mode 2
        let m = MixtureMetrics.evaluate(samples: s, mixture: g, reference: s)
        #expect(m.nSamples == 4 && m.modesCaptured == 2)
        #expect(m.highQualityFraction == 0.75)                     // the NaN point is not HQ
        #expect(m.modeHistogram[0] == 0.5 && m.modeHistogram[2] == 0.25)
        #expect(m.reverseKL.isNaN && m.inceptionScore.isNaN && m.meanLogLikelihood.isNaN)
        #expect(m.energyDistance.isNaN && m.slicedWasserstein.isNaN && m.mmdRBF.isNaN)
        s[4] = 0
        #expect(MixtureMetrics.evaluate(samples: s, mixture: g, reference: []).reverseKL.isFinite)
    }

    @Test("reverse KL: +∞ for mass on a zero-weight component, 0·log 0 = 0")
    func reverseKLEdges() {
        #expect(MixtureMetrics.reverseKL(histogram: [0.5, 0.5, 0], weights: [0.5, 0, 0.5]) == .infinity)
        #expect(MixtureMetrics.reverseKL(histogram: [1, 0], weights: [0.5, 0.5]) == log(2.0))
        #expect(MixtureMetrics.reverseKL(histogram: [0.25, 0.75], weights: [0.25, 0.75]) == 0)
        #expect(MixtureMetrics.reverseKL(histogram: [0.5, 0.4], weights: [0.5, 0.5]).isNaN)  // not a distribution
    }
}

@Suite("Mixture density")
struct MetricsDensityTests {
    @Test("log density equals the direct formula")
    func logDensity() {
        let g = GaussianMixture.ring8
        for (x, y) in [(0.3, 1.7), (0.0, 0.0), (-1.2, -1.5), (2.5, -0.4)] {
            var p = 0.0
            for k in 0..<8 {
                let dx = x - g.means[k][0], dy = y - g.means[k][1]
                p += 0.125 / (2 * Double.pi * 0.02) * exp(-0.5 * (dx * dx + dy * dy) / 0.02)
            }
            #expect(abs(g.logDensity(x: x, y: y) - log(p)) < 1e-12 * max(1, abs(log(p))))
        }
        // Unequal weights and anisotropic variances, at a hand-checked point:
        // one component π = 1, μ = (1, 2), σ² = (4, 0.25); x = (3, 2.5): d² = 4/4 + 0.25/0.25 = 2,
        // log p = −log 2π − ½ log(4 · 0.25) − 1 = −log 2π − 1.
        let one = try! GaussianMixture(weights: [1], means: [[1, 2]], variances: [[4, 0.25]])
        #expect(abs(one.logDensity(x: 3, y: 2.5) - (-log(2 * Double.pi) - 1)) < 1e-15)
        // d = √2: high quality within a threshold just above it, not just below.
        for (t, hq) in [(2.0.squareRoot() * (1 + 1e-12), 1.0), (2.0.squareRoot() * (1 - 1e-12), 0.0)] {
            let m = MixtureMetrics.evaluate(samples: [3, 2.5], mixture: one, reference: [3, 2.5],
                                            options: MetricsOptions(highQualityThreshold: t))
            #expect(m.highQualityFraction == hq)
        }
    }

    @Test("posteriors stay exact far from every mode: log density and inception score")
    func farFromEveryMode() {
        let g = GaussianMixture.ring8
        for (x, y) in [(0.1, 1.9), (1.0, 1.0), (0.0, 0.0), (1e3, 0.0), (-1e3, 1e3), (1e6, -3e5)] {
            #expect(g.logDensity(x: x, y: y).isFinite)
        }
        // At (±1000, 0) the components at (±2, 0) (k = 2 and 6) dominate by e^(~1e5): one-hot
        // posteriors on two modes, so IS = exp(log 2 − 0) = 2.
        let far = MixtureMetrics.evaluate(samples: [1e3, 0, -1e3, 0], mixture: g, reference: [])
        #expect(abs(far.inceptionScore - 2) < 1e-12)
        // The centre of the ring has all 8 components equally likely (entropy log 8); with
        // (1000, 0): p̂ = 1/16 on seven components and 9/16 on k = 2.
        let centre = MixtureMetrics.evaluate(samples: [0, 0, 1e3, 0], mixture: g, reference: [])
        let entropyOfMean = -7.0 / 16 * log(1.0 / 16) - 9.0 / 16 * log(9.0 / 16)
        #expect(abs(centre.inceptionScore - exp(entropyOfMean - log(8.0) / 2)) < 1e-12)
        #expect(g.nearestComponent(x: 1e3, y: 0) == 2)
        #expect(g.nearestComponent(x: .nan, y: 0) == nil)
    }
}
