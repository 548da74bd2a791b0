/// What generated 2-D samples got right about a known ``GaussianMixture`` (mode coverage,
/// quality, a mixture "inception score", likelihood) and, for any target, two-sample distances
/// and ``ManifoldMetrics`` against real samples (docs/metrics.md). Empty input makes every
/// rate, score and distance NaN (JSON `null`); a non-finite sample belongs to no component but
/// counts in n, so a diverged generator looks diverged. `==` holds NaN equal to NaN.
public struct MixtureMetrics: Sendable, Codable, Equatable {
    /// n, the number of generated samples evaluated (the protocol uses 2,500).
    public var nSamples: Int = 0
    /// #{k : #{i : c(x_i) = k and d_c(x_i) ≤ t} ≥ minCountPerMode}. Range 0…K, ideal K
    /// (VEEGAN, Srivastava et al. 2017; PacGAN, Lin et al. 2018).
    public var modesCaptured: Int = 0
    /// (1/n) #{i : min_k d_k(x_i) ≤ t}, 0…1; the true mixture scores 1 − e^(−t²/2) ≈ 0.98889
    /// for t = 3, so more means samples collapse towards the means.
    public var highQualityFraction: Double = .nan
    /// KL(q ‖ π) = Σ_k q_k log(q_k / π_k), q = ``modeHistogram`` (PacGAN): 0…+∞, ideal 0;
    /// every sample on one of K equal modes gives log K.
    public var reverseKL: Double = .nan
    /// exp((1/n) Σ_i KL(p(·|x_i) ‖ p̂)), p̂_k = (1/n) Σ_i p(k | x_i): the inception score
    /// (Salimans et al. 2016) with the true posterior as classifier; 1…K, ≈ K for a perfect
    /// generator of K equal, well-separated modes.
    public var inceptionScore: Double = .nan
    /// (1/n) Σ_i log p(x_i) under the true mixture, in nats (blind to coverage: collapse onto
    /// one mode scores as well as the truth).
    public var meanLogLikelihood: Double = .nan
    /// ``TwoSampleDistances/energy(_:_:)`` against the reference: ideal 0 (up to O(1/n) bias).
    public var energyDistance: Double = .nan
    /// ``TwoSampleDistances/slicedWasserstein(_:_:projections:)`` (SW₂, units of x): ideal 0.
    public var slicedWasserstein: Double = .nan
    /// ``TwoSampleDistances/mmdRBF(_:_:bandwidth:maxPoints:)`` (biased MMD²): 0…2, ideal 0.
    public var mmdRBF: Double = .nan
    /// Precision, recall, density and coverage against the reference sample.
    public var manifold: ManifoldMetrics = .undefined
    /// q_k = (1/n) #{i : c(x_i) = k}, c the nearest component, in component order; sums to 1
    /// when every sample is finite.
    public var modeHistogram: [Double] = []

    /// Nothing computed: no samples, every value NaN, no histogram.
    public init() {}

    /// Whether the mixture metrics were computed (a mixture's histogram is never empty);
    /// without them `modes_captured` encodes as `null`.
    public var hasMixture: Bool { !modeHistogram.isEmpty }

    /// The `Double` fields after `modes_captured`, in key order: the columns of `metrics.csv`
    /// between `modes_captured` and the histogram.
    public static var doubleFields: [(CodingKeys, WritableKeyPath<MixtureMetrics, Double>)] {
        [(.highQualityFraction, \.highQualityFraction), (.reverseKL, \.reverseKL),
         (.inceptionScore, \.inceptionScore), (.meanLogLikelihood, \.meanLogLikelihood),
         (.energyDistance, \.energyDistance), (.slicedWasserstein, \.slicedWasserstein), (.mmdRBF, \.mmdRBF),
         (.precision, \.manifold.precision), (.recall, \.manifold.recall), (.density, \.manifold.density),
         (.coverage, \.manifold.coverage)]
    }

    /// The values of ``doubleFields`` in order, then the mode histogram: a `metrics.csv` row's.
    package var values: [Double] { Self.doubleFields.map { self[keyPath: $0.1] } + modeHistogram }

    /// Metrics of `nSamples` samples from their ``values``.
    package init(nSamples: Int, modesCaptured: Int, values v: [Double]) {
        self.nSamples = nSamples
        self.modesCaptured = modesCaptured
        modeHistogram = Array(v[Self.doubleFields.count...])
        for (i, field) in Self.doubleFields.enumerated() { self[keyPath: field.1] = v[i] }
    }

    /// Equal when every value is, NaN equal to NaN.
    public static func == (l: MixtureMetrics, r: MixtureMetrics) -> Bool {
        l.nSamples == r.nSamples && l.modesCaptured == r.modesCaptured && l.values.count == r.values.count
            && zip(l.values, r.values).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }
    }
}
