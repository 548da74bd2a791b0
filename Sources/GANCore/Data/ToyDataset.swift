import Foundation

/// The 2-D toy datasets that are not Gaussian mixtures (docs/variants.md, "Datasets"), drawn
/// i.i.d. from the project's ``RNG`` only.
public enum ToyDataset: String, Sendable, CaseIterable, Codable, TargetDistribution {
    /// The WGAN-GP swiss roll, scaled by 1/7.5.
    case swissroll
    /// Two interleaved half circles with noise 0.1.
    case twoMoons = "two-moons"
    /// Circles of radius 1 and 0.5 with noise 0.05.
    case circles
    /// Two interleaved spirals with noise 0.05.
    case spiral
    /// Uniform on the dark squares of a 4 × 4 board over [−2, 2]².
    case checkerboard

    /// A view box that holds the dataset with a margin (x range, y range).
    public var viewBox: (x: ClosedRange<Double>, y: ClosedRange<Double>) {
        switch self {
        case .swissroll, .spiral, .checkerboard: return (-2.5...2.5, -2.5...2.5)
        case .twoMoons: return (-1.5...2.5, -1.25...1.75)
        case .circles: return (-1.5...1.5, -1.5...1.5)
        }
    }

    /// Draws `count` i.i.d. points into `out` (interleaved x, y).
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
