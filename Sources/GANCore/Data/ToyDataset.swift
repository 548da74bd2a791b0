import Foundation

/// The 2-D toy datasets that are not Gaussian mixtures. Each draw is i.i.d. (no grouping),
/// from the project's ``RNG`` only, so a seed fixes every batch.
///
/// - ``swissroll``: the WGAN-GP toy. scikit-learn's `make_swiss_roll(noise=0.25)` keeps
///   columns (x, z) and divides by 7.5: t = 1.5π(1 + 2u), u ~ U[0, 1),
///   (x, y) = (t cos t + 0.25 n₁, t sin t + 0.25 n₂) / 7.5, n ~ N(0, 1). Radius ≈ 0.63–1.89.
/// - ``twoMoons``: scikit-learn's `make_moons(noise=0.1)` with random angles θ ~ U[0, π]:
///   half the points on the upper arc (cos θ, sin θ), half on the lower (1 − cos θ, 0.5 − sin θ),
///   plus N(0, 0.1²) per coordinate. Mean (0.5, 0.25).
/// - ``circles``: `make_circles(factor=0.5, noise=0.05)` with random angles: half the points on
///   the unit circle, half on the circle of radius 0.5, plus N(0, 0.05²) per coordinate.
/// - ``spiral``: two interleaved Archimedean arms. t = 3π√u (so points are spread evenly
///   along the arms' area), a random arm s = ±1, (x, y) = s·(t cos t, t sin t)/(1.5π)
///   + N(0, 0.05²): radius up to 2, mean 0 by symmetry.
/// - ``checkerboard``: uniform on the 8 cells of a 4 × 4 board on [−2, 2)² whose cell indices
///   ⌊x⌋ + ⌊y⌋ are even; no noise. x ~ U[−2, 2), then one of the column's two cells.
public enum ToyDataset: String, Sendable, CaseIterable, Codable, TargetDistribution {
    case swissroll
    case twoMoons = "two-moons"
    case circles
    case spiral
    case checkerboard

    public var mixture: GaussianMixture? { nil }

    /// A view box that holds the dataset with a margin (x range, y range).
    public var viewBox: (x: ClosedRange<Double>, y: ClosedRange<Double>) {
        switch self {
        case .swissroll: return (-2.5...2.5, -2.5...2.5)
        case .twoMoons: return (-1.5...2.5, -1.25...1.75)
        case .circles: return (-1.5...1.5, -1.5...1.5)
        case .spiral: return (-2.5...2.5, -2.5...2.5)
        case .checkerboard: return (-2.5...2.5, -2.5...2.5)
        }
    }

    public func sample(count: Int, rng: inout RNG, into out: UnsafeMutablePointer<Float>) {
        var p = out
        for _ in 0..<count {
            let (x, y) = point(&rng)
            p[0] = Float(x)
            p[1] = Float(y)
            p += 2
        }
    }

    /// One point, in Double.
    @inline(__always)
    private func point(_ rng: inout RNG) -> (Double, Double) {
        switch self {
        case .swissroll:
            let t = 1.5 * Double.pi * (1 + 2 * rng.uniform())
            return ((t * cos(t) + 0.25 * Double(rng.normal())) / 7.5,
                    (t * sin(t) + 0.25 * Double(rng.normal())) / 7.5)
        case .twoMoons:
            let theta = Double.pi * rng.uniform()
            let upper = rng.next() & 1 == 0
            let (x, y) = upper ? (cos(theta), sin(theta)) : (1 - cos(theta), 0.5 - sin(theta))
            return (x + 0.1 * Double(rng.normal()), y + 0.1 * Double(rng.normal()))
        case .circles:
            let theta = 2 * Double.pi * rng.uniform()
            let r = rng.next() & 1 == 0 ? 1.0 : 0.5
            return (r * cos(theta) + 0.05 * Double(rng.normal()), r * sin(theta) + 0.05 * Double(rng.normal()))
        case .spiral:
            let t = 3 * Double.pi * rng.uniform().squareRoot()
            let s: Double = rng.next() & 1 == 0 ? 1 : -1
            let k = s / (1.5 * Double.pi)
            return (k * t * cos(t) + 0.05 * Double(rng.normal()), k * t * sin(t) + 0.05 * Double(rng.normal()))
        case .checkerboard:
            let x = -2 + 4 * rng.uniform()
            let column = Int(floor(x))                       // −2 … 1
            let parity = ((column % 2) + 2) % 2
            let row = (rng.next() & 1 == 0 ? -2 : 0) + parity  // ⌊x⌋ + ⌊y⌋ even
            return (x, Double(row) + rng.uniform())
        }
    }
}
