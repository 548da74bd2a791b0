/// A 2-D distribution the generator learns. ``sample(count:rng:into:)`` is the one requirement;
/// ``mixture`` (the modes, one component each) enables the mode-based metrics and the
/// likelihood, ``logDensity(x:y:)`` the likelihood of a target that is not a mixture. The
/// two-sample distances apply to every target.
public protocol TargetDistribution: Sendable {
    /// Draws `count` points into `out` (interleaved x, y). Allocates nothing.
    func sample(count: Int, rng: inout RNG, into out: UnsafeMutablePointer<Float>)
    /// The modes as a Gaussian mixture, when the distribution is one or has modes to count.
    var mixture: GaussianMixture? { get }
    /// log p(x, y) under the distribution, when it is known.
    func logDensity(x: Double, y: Double) -> Double?
}

extension TargetDistribution {
    /// No modes.
    public var mixture: GaussianMixture? { nil }

    /// The mixture's log density, or `nil` without a mixture.
    public func logDensity(x: Double, y: Double) -> Double? {
        mixture.map { m -> Double in m.logDensity(x: x, y: y) }   // the mixture's own, not this default
    }

    /// Draws `count` points as an interleaved array (convenience; allocates).
    public func sample(count: Int, rng: inout RNG) -> [Float] {
        var out = [Float](repeating: 0, count: 2 * count)
        out.withUnsafeMutableBufferPointer { sample(count: count, rng: &rng, into: $0.baseAddress!) }
        return out
    }
}

extension GaussianMixture: TargetDistribution {
    /// The mixture itself: every component is a mode.
    public var mixture: GaussianMixture? { self }
}

extension GaussianMixture {
    /// VEEGAN's and PacGAN's ring: 8 modes on a circle of radius 1, std 0.01 (variance 1e-4).
    public static let ring8VEEGAN = ring(modes: 8, radius: 1, variance: 1e-4)

    /// VEEGAN's grid: 25 equal modes at {−4, −2, 0, 2, 4}², std 0.05 (variance 0.0025).
    public static let grid25 = grid(side: 5, spacing: 2, variance: 0.0025)

    /// `side²` equal-weight components on a square grid centred at the origin, row by row
    /// (y outer, x inner), with the given spacing and variance on both axes.
    public static func grid(side: Int, spacing: Double, variance: Double) -> GaussianMixture {
        let offset = Double(side - 1) / 2
        var means: [[Double]] = []
        for j in 0..<side {
            for i in 0..<side { means.append([(Double(i) - offset) * spacing, (Double(j) - offset) * spacing]) }
        }
        let k = side * side
        return try! GaussianMixture(weights: Array(repeating: 1 / Double(k), count: k), means: means,
                                    variances: Array(repeating: [variance, variance], count: k))
    }
}
