import GANCore

/// Named target distributions with the defaults that go with them.
public enum Preset: String, CaseIterable, Sendable, Codable {
    /// The blog's two-component mixture; objective `nsgan`, view x ∈ [−3, 3], y ∈ [−4, 4].
    case seed
    /// See_GANs main.py: 8 modes on a circle of radius 2, variance 0.02; objective `gan`.
    case ring8

    public var mixture: GaussianMixture {
        switch self {
        case .seed: return .seed
        case .ring8: return .ring8
        }
    }

    /// The objective the source of the preset used.
    public var defaultObjective: GANObjective {
        switch self {
        case .seed: return .nsgan
        case .ring8: return .gan
        }
    }

    /// Default view: the seed's for `seed`, a square around the ring for `ring8`.
    public var defaultLimits: (x: AxisLimits, y: AxisLimits) {
        switch self {
        case .seed: return (.fixed(-3, 3), .fixed(-4, 4))
        case .ring8: return (.fixed(-3, 3), .fixed(-3, 3))
        }
    }

    public static var acceptedList: String { allCases.map(\.rawValue).joined(separator: ", ") }
}
