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
