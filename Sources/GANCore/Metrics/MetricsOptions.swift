/// The knobs of ``MixtureMetrics/evaluate(samples:mixture:reference:options:)``. The defaults
/// follow VEEGAN and PacGAN: a mode is captured with one high-quality sample, one within 3
/// standard deviations (Mahalanobis) of its nearest component.
public struct MetricsOptions: Sendable, Codable, Equatable {
    /// A component is captured when ≥ this many high-quality samples have it nearest (≥ 1).
    public var minCountPerMode: Int = 1
    /// A sample is high quality within this Mahalanobis distance of its nearest component
    /// (> 0); with 3 a true sample qualifies with probability 1 − e^(−9/2) ≈ 0.98889 (d² ~ χ²₂).
    public var highQualityThreshold: Double = 3
    /// Number L of evenly spaced projection directions for the sliced Wasserstein distance.
    public var slicedProjections: Int = TwoSampleDistances.defaultProjections
    /// How the MMD kernel width σ is chosen.
    public var mmdBandwidth: MMDBandwidth = .medianHeuristic
    /// At most this many points of each set, evenly spread, enter the MMD sums.
    public var mmdMaxPoints: Int = TwoSampleDistances.mmdMaxPoints

    /// The protocol's settings, each overridable.
    public init(minCountPerMode: Int = 1, highQualityThreshold: Double = 3,
                slicedProjections: Int = TwoSampleDistances.defaultProjections,
                mmdBandwidth: MMDBandwidth = .medianHeuristic,
                mmdMaxPoints: Int = TwoSampleDistances.mmdMaxPoints) {
        precondition(minCountPerMode >= 1, "minCountPerMode must be ≥ 1")
        precondition(highQualityThreshold > 0, "highQualityThreshold must be > 0")
        precondition(slicedProjections >= 1, "slicedProjections must be ≥ 1")
        precondition(mmdMaxPoints >= 1, "mmdMaxPoints must be ≥ 1")
        self.minCountPerMode = minCountPerMode
        self.highQualityThreshold = highQualityThreshold
        self.slicedProjections = slicedProjections
        self.mmdBandwidth = mmdBandwidth
        self.mmdMaxPoints = mmdMaxPoints
    }

    private enum CodingKeys: String, CodingKey {
        case minCountPerMode = "min_count_per_mode"
        case highQualityThreshold = "high_quality_threshold"
        case slicedProjections = "sliced_projections"
        case mmdBandwidth = "mmd_bandwidth"
        case mmdMaxPoints = "mmd_max_points"
    }

    /// Decodes any subset of the keys (the rest keep their defaults); an out-of-range value
    /// throws a `DecodingError` naming the key.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func value<T: Decodable>(_ key: CodingKeys, _ fallback: T, _ rule: String, _ ok: (T) -> Bool) throws -> T {
            guard let v = try c.decodeIfPresent(T.self, forKey: key) else { return fallback }
            guard ok(v) else {
                throw DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: "\(key.rawValue) must be \(rule), got \(v)")
            }
            return v
        }
        let d = MetricsOptions()
        self.init(minCountPerMode: try value(.minCountPerMode, d.minCountPerMode, "≥ 1") { $0 >= 1 },
                  highQualityThreshold: try value(.highQualityThreshold, d.highQualityThreshold,
                                                  "finite and > 0") { $0 > 0 && $0.isFinite },
                  slicedProjections: try value(.slicedProjections, d.slicedProjections, "≥ 1") { $0 >= 1 },
                  mmdBandwidth: try value(.mmdBandwidth, d.mmdBandwidth,
                                          "median heuristic or a finite σ > 0") { $0.isValid },
                  mmdMaxPoints: try value(.mmdMaxPoints, d.mmdMaxPoints, "≥ 1") { $0 >= 1 })
    }
}

/// How σ of the MMD kernel k(a, b) = exp(−‖a − b‖² / (2σ²)) is chosen.
public enum MMDBandwidth: Sendable, Codable, Equatable {
    /// σ from ``TwoSampleDistances/medianHeuristicSigma(_:_:)``: adapts to the data's scale,
    /// so σ changes with the samples.
    case medianHeuristic
    /// A fixed σ > 0, for comparing MMD values across runs on one common scale.
    case fixed(sigma: Double)

    var isValid: Bool {
        guard case let .fixed(sigma) = self else { return true }
        return sigma > 0 && sigma.isFinite
    }
}
