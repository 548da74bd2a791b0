/// What a set of generated 2-D samples got right about a known ``GaussianMixture``: mode
/// coverage, sample quality, a mixture "inception score", likelihood; and, for any target,
/// three two-sample distances and four nearest-neighbour scores (``ManifoldMetrics``)
/// against real samples (definitions and sources in docs/metrics.md).
///
/// Empty input makes every rate, score and distance NaN (JSON `null`). A non-finite sample
/// belongs to no component but counts in n, so a diverged generator looks diverged.
/// `==` treats NaN as equal to NaN, so a decoded value equals the one encoded.
public struct MixtureMetrics: Sendable, Codable, Equatable {
    /// n, the number of generated samples evaluated (the protocol uses 2,500).
    public var nSamples: Int
    /// #{k : #{i : c(x_i) = k and d_c(x_i) ≤ t} ≥ minCountPerMode}. Range 0…K, ideal K
    /// (VEEGAN, Srivastava et al. 2017; PacGAN, Lin et al. 2018).
    public var modesCaptured: Int
    /// (1/n) #{i : min_k d_k(x_i) ≤ t}. Range 0…1; the true mixture scores
    /// 1 − e^(−t²/2) ≈ 0.98889 for t = 3, so higher than that means samples collapse
    /// towards the means.
    public var highQualityFraction: Double
    /// KL(q ‖ π) = Σ_k q_k log(q_k / π_k) with 0·log 0 = 0, q = ``modeHistogram``
    /// (PacGAN). Range 0…+∞ (+∞ when q_k > 0 for a π_k = 0); ideal 0; every sample on one
    /// mode of K equal ones gives log K.
    public var reverseKL: Double
    /// exp( (1/n) Σ_i KL(p(·|x_i) ‖ p̂) ), p̂_k = (1/n) Σ_i p(k | x_i): the inception score
    /// (Salimans et al. 2016) with the true posterior as the classifier. Range 1…K; high
    /// when each sample is confidently one mode and all modes are used; ≈ K for a perfect
    /// generator of K equal, well-separated modes.
    public var inceptionScore: Double
    /// (1/n) Σ_i log p(x_i) under the true mixture, in nats. Rewards samples near the means
    /// and says nothing about coverage: collapse onto one mode scores as well as the truth.
    public var meanLogLikelihood: Double
    /// ``TwoSampleDistances/energy(_:_:)`` against the reference sample. ≥ 0, ideal 0 (up to
    /// the V-statistic's O(1/n) bias).
    public var energyDistance: Double
    /// ``TwoSampleDistances/slicedWasserstein(_:_:projections:)`` (SW₂, units of x) against
    /// the reference sample. ≥ 0, ideal 0 (up to sampling noise).
    public var slicedWasserstein: Double
    /// ``TwoSampleDistances/mmdRBF(_:_:bandwidth:maxPoints:)`` (biased MMD², Gaussian kernel) against
    /// the reference sample. 0…2, ideal 0 (up to the V-statistic's O(1/n) bias).
    public var mmdRBF: Double
    /// ``ManifoldMetrics`` against the reference sample: the fraction of samples on the real
    /// data's k-NN manifold (k = 3), of real points on the samples' (recall), the mean number
    /// of real k-NN balls (k = 5) holding a sample over k (density, ≈ 1 for a perfect
    /// generator, can exceed 1), and the fraction of real balls holding a sample (coverage).
    public var precision: Double
    public var recall: Double
    public var density: Double
    public var coverage: Double
    /// q_k = (1/n) #{i : c(x_i) = k}, over all samples (not only high-quality ones), in
    /// component order. Sums to 1 when every sample is finite.
    public var modeHistogram: [Double]

    /// Metrics with every value given.
    public init(nSamples: Int, modesCaptured: Int, highQualityFraction: Double, reverseKL: Double,
                inceptionScore: Double, meanLogLikelihood: Double, energyDistance: Double,
                slicedWasserstein: Double, mmdRBF: Double, modeHistogram: [Double],
                manifold: ManifoldMetrics = .undefined) {
        self.nSamples = nSamples
        self.modesCaptured = modesCaptured
        self.highQualityFraction = highQualityFraction
        self.reverseKL = reverseKL
        self.inceptionScore = inceptionScore
        self.meanLogLikelihood = meanLogLikelihood
        self.energyDistance = energyDistance
        self.slicedWasserstein = slicedWasserstein
        self.mmdRBF = mmdRBF
        self.modeHistogram = modeHistogram
        (precision, recall, density, coverage) = (manifold.precision, manifold.recall, manifold.density, manifold.coverage)
    }

    /// Precision, recall, density and coverage together.
    public var manifold: ManifoldMetrics {
        ManifoldMetrics(precision: precision, recall: recall, density: density, coverage: coverage)
    }

    /// Equal when every value is, NaN equal to NaN.
    public static func == (l: MixtureMetrics, r: MixtureMetrics) -> Bool {
        func same(_ a: Double, _ b: Double) -> Bool { a == b || (a.isNaN && b.isNaN) }
        return l.nSamples == r.nSamples && l.modesCaptured == r.modesCaptured
            && same(l.highQualityFraction, r.highQualityFraction) && same(l.reverseKL, r.reverseKL)
            && same(l.inceptionScore, r.inceptionScore) && same(l.meanLogLikelihood, r.meanLogLikelihood)
            && same(l.energyDistance, r.energyDistance) && same(l.slicedWasserstein, r.slicedWasserstein)
            && same(l.mmdRBF, r.mmdRBF) && same(l.precision, r.precision) && same(l.recall, r.recall)
            && same(l.density, r.density) && same(l.coverage, r.coverage) && l.modeHistogram.count == r.modeHistogram.count
            && zip(l.modeHistogram, r.modeHistogram).allSatisfy { same($0, $1) }
    }
}
