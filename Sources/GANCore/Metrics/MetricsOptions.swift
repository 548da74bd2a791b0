/// The knobs of ``MixtureMetrics/evaluate(samples:mixture:reference:options:)``. The defaults
/// follow VEEGAN and PacGAN: a mode is captured with one high-quality sample, one within 3
/// standard deviations (Mahalanobis) of its nearest component.
public struct MetricsOptions: Sendable, Equatable {
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
}

/// How σ of the MMD kernel k(a, b) = exp(−‖a − b‖² / (2σ²)) is chosen.
public enum MMDBandwidth: Sendable, Equatable {
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
