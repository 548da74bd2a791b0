/// The knobs of ``MixtureMetrics/evaluate(samples:mixture:reference:options:)``.
///
/// The defaults follow the toy-GAN literature (VEEGAN, PacGAN): a mode counts as captured
/// with one high-quality sample, and "high quality" means within 3 standard deviations
/// (Mahalanobis) of the nearest component; 2,500 samples per evaluation.
/// Decoding accepts any subset of the keys; missing ones take their defaults.
public struct MetricsOptions: Sendable, Codable, Equatable {
    /// A component is captured when at least this many high-quality samples have it as
    /// their nearest component (≥ 1).
    public var minCountPerMode: Int = 1
    /// A sample is high quality when its Mahalanobis distance to the nearest component is
    /// at most this (> 0). With 3, a sample of the true 2-D mixture qualifies with
    /// probability 1 − e^(−9/2) ≈ 0.98889 (d² is χ² with 2 degrees of freedom).
    public var highQualityThreshold: Double = 3
    /// Number L of evenly spaced projection directions for the sliced Wasserstein distance.
    public var slicedProjections: Int = TwoSampleDistances.defaultProjections
    /// How the MMD kernel width σ is chosen.
    public var mmdBandwidth: MMDBandwidth = .medianHeuristic
    /// At most this many points of each set enter the MMD sums (evenly spread; see
    /// ``TwoSampleDistances/mmdRBF(_:_:bandwidth:maxPoints:)``).
    public var mmdMaxPoints: Int = TwoSampleDistances.mmdMaxPoints
    /// How many fresh real samples to draw as the reference set when the caller lets
    /// ``MixtureMetrics/evaluate(samples:mixture:options:rng:)`` draw them.
    public var referenceSampleCount: Int = 2_500

    /// The protocol's settings, each overridable.
    public init(minCountPerMode: Int = 1, highQualityThreshold: Double = 3,
                slicedProjections: Int = TwoSampleDistances.defaultProjections,
                mmdBandwidth: MMDBandwidth = .medianHeuristic,
                mmdMaxPoints: Int = TwoSampleDistances.mmdMaxPoints, referenceSampleCount: Int = 2_500) {
        precondition(minCountPerMode >= 1, "minCountPerMode must be ≥ 1")
        precondition(highQualityThreshold > 0, "highQualityThreshold must be > 0")
        precondition(slicedProjections >= 1, "slicedProjections must be ≥ 1")
        precondition(mmdMaxPoints >= 1, "mmdMaxPoints must be ≥ 1")
        precondition(referenceSampleCount >= 1, "referenceSampleCount must be ≥ 1")
        self.minCountPerMode = minCountPerMode
        self.highQualityThreshold = highQualityThreshold
        self.slicedProjections = slicedProjections
        self.mmdBandwidth = mmdBandwidth
        self.mmdMaxPoints = mmdMaxPoints
        self.referenceSampleCount = referenceSampleCount
    }

    private enum CodingKeys: String, CodingKey {
        case minCountPerMode = "min_count_per_mode"
        case highQualityThreshold = "high_quality_threshold"
        case slicedProjections = "sliced_projections"
        case mmdBandwidth = "mmd_bandwidth"
        case mmdMaxPoints = "mmd_max_points"
        case referenceSampleCount = "reference_sample_count"
    }

    /// Decodes any subset of the keys (missing ones keep their defaults) and rejects
    /// out-of-range values with a `DecodingError` that names the key.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func check<T>(_ value: T?, _ key: CodingKeys, _ ok: (T) -> Bool, _ rule: String) throws -> T? {
            if let v = value, !ok(v) {
                throw DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: "\(key.rawValue) must be \(rule), got \(v)")
            }
            return value
        }
        var o = MetricsOptions()
        o.minCountPerMode = try check(c.decodeIfPresent(Int.self, forKey: .minCountPerMode),
                                      .minCountPerMode, { $0 >= 1 }, "≥ 1") ?? o.minCountPerMode
        o.highQualityThreshold = try check(c.decodeIfPresent(Double.self, forKey: .highQualityThreshold),
                                           .highQualityThreshold, { $0 > 0 && $0.isFinite }, "finite and > 0") ?? o.highQualityThreshold
        o.slicedProjections = try check(c.decodeIfPresent(Int.self, forKey: .slicedProjections),
                                        .slicedProjections, { $0 >= 1 }, "≥ 1") ?? o.slicedProjections
        o.mmdBandwidth = try check(c.decodeIfPresent(MMDBandwidth.self, forKey: .mmdBandwidth),
                                   .mmdBandwidth, { $0.isValid }, "median heuristic or a finite σ > 0") ?? o.mmdBandwidth
        o.mmdMaxPoints = try check(c.decodeIfPresent(Int.self, forKey: .mmdMaxPoints),
                                   .mmdMaxPoints, { $0 >= 1 }, "≥ 1") ?? o.mmdMaxPoints
        o.referenceSampleCount = try check(c.decodeIfPresent(Int.self, forKey: .referenceSampleCount),
                                           .referenceSampleCount, { $0 >= 1 }, "≥ 1") ?? o.referenceSampleCount
        self = o
    }
}

/// How σ of the MMD kernel k(a, b) = exp(−‖a − b‖² / (2σ²)) is chosen.
public enum MMDBandwidth: Sendable, Codable, Equatable {
    /// σ² = ½ · median of the positive pairwise squared distances of the pooled sample
    /// (see ``TwoSampleDistances/medianHeuristicSigma(_:_:)``). Adapts to the data's scale,
    /// so MMD values from different mixtures are comparable in shape but σ changes with
    /// the samples.
    case medianHeuristic
    /// A fixed σ > 0, for comparing MMD values across runs on one common scale.
    case fixed(sigma: Double)

    var isValid: Bool {
        switch self {
        case .medianHeuristic: return true
        case let .fixed(sigma): return sigma > 0 && sigma.isFinite
        }
    }
}
