import GANCore

/// Named target distributions with the defaults that go with them.
///
/// Mixture presets fill `mix_coeffs`, `mean` and `cov` (and can be edited into custom
/// mixtures); the other datasets (``ToyDataset``) leave those keys empty.
public enum Preset: String, CaseIterable, Sendable, Codable {
    /// The blog's two-component mixture; objective `nsgan`, view x ∈ [−3, 3], y ∈ [−4, 4].
    case seed
    /// See_GANs main.py: 8 modes on a circle of radius 2, variance 0.02; objective `gan`.
    case ring8
    /// VEEGAN/PacGAN: 8 modes on a circle of radius 1, std 0.01.
    case ring8VEEGAN = "ring8-veegan"
    /// VEEGAN: 5 × 5 modes at {−4, −2, 0, 2, 4}², std 0.05.
    case grid25
    /// The WGAN-GP swiss roll (see ``ToyDataset``).
    case swissroll
    /// Two interleaved half circles (see ``ToyDataset``).
    case twoMoons = "two-moons"
    /// Two concentric circles (see ``ToyDataset``).
    case circles
    /// Two interleaved spirals (see ``ToyDataset``).
    case spiral
    /// Uniform on the dark squares of a 4 × 4 board (see ``ToyDataset``).
    case checkerboard

    /// The preset's distribution; `target.mixture` is `nil` for the non-mixture datasets.
    public var target: any TargetDistribution {
        switch self {
        case .seed: return GaussianMixture.seed
        case .ring8: return GaussianMixture.ring8
        case .ring8VEEGAN: return GaussianMixture.ring8VEEGAN
        case .grid25: return GaussianMixture.grid25
        default: return toyDataset!
        }
    }

    /// The non-mixture dataset of the preset (same name), if it is one.
    public var toyDataset: ToyDataset? { ToyDataset(rawValue: rawValue) }

    /// The objective the source of the preset used (`gan` for See_GANs' ring, else `nsgan`).
    public var defaultObjective: GANObjective {
        self == .ring8 ? .gan : .nsgan
    }

    /// Default view: the seed's for `seed`, a square around the data for the others.
    public var defaultLimits: (x: AxisLimits, y: AxisLimits) {
        switch self {
        case .seed: return (.fixed(-3, 3), .fixed(-4, 4))
        case .ring8: return (.fixed(-3, 3), .fixed(-3, 3))
        case .ring8VEEGAN: return (.fixed(-1.5, 1.5), .fixed(-1.5, 1.5))
        case .grid25: return (.fixed(-6, 6), .fixed(-6, 6))
        default:
            let box = toyDataset!.viewBox
            return (.fixed(box.x.lowerBound, box.x.upperBound), .fixed(box.y.lowerBound, box.y.upperBound))
        }
    }
}
