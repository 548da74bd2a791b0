import Foundation

/// A 2-D Gaussian mixture with diagonal covariances: the seed's `gmm_sample` data (`variances`
/// as the seed's `cov`).
public struct GaussianMixture: Sendable, Equatable, Codable {
    /// π_k, non-negative, summing to 1.
    public let weights: [Double]
    /// μ_k as `[x, y]` pairs.
    public let means: [[Double]]
    /// Diagonal variances as `[σ²_x, σ²_y]` pairs.
    public let variances: [[Double]]

    /// Tolerance on |Σπ − 1| accepted by the initializer.
    public static let weightSumTolerance = 1e-6

    /// Validates and builds a mixture. Throws ``MixtureError`` naming the offending field.
    public init(weights: [Double], means: [[Double]], variances: [[Double]]) throws {
        guard !weights.isEmpty else { throw MixtureError.empty }
        guard means.count == weights.count else {
            throw MixtureError.countMismatch(field: "mean", expected: weights.count, got: means.count)
        }
        guard variances.count == weights.count else {
            throw MixtureError.countMismatch(field: "cov", expected: weights.count, got: variances.count)
        }
        for (k, w) in weights.enumerated() where !(w.isFinite && w >= 0) {
            throw MixtureError.badWeight(index: k, value: w)
        }
        let sum = weights.reduce(0, +)
        guard abs(sum - 1) <= GaussianMixture.weightSumTolerance else { throw MixtureError.weightSum(sum) }
        for (k, m) in means.enumerated() {
            guard m.count == 2 else { throw MixtureError.dimension(field: "mean", index: k, got: m.count) }
            guard m.allSatisfy(\.isFinite) else { throw MixtureError.notFinite(field: "mean", index: k) }
        }
        for (k, v) in variances.enumerated() {
            guard v.count == 2 else { throw MixtureError.dimension(field: "cov", index: k, got: v.count) }
            guard v.allSatisfy({ $0.isFinite && $0 > 0 }) else { throw MixtureError.badVariance(index: k, values: v) }
        }
        self.weights = weights
        self.means = means
        self.variances = variances
    }

    /// Number of components K.
    public var componentCount: Int { weights.count }

    /// Draws `count` points into `out` (interleaved x, y) as the seed does: Multinomial(n, π)
    /// counts, `2·count` normals in one fill, then grouped by component in component order.
    public func sample(count: Int, rng: inout RNG, into out: UnsafeMutablePointer<Float>) {
        let k = weights.count
        withUnsafeTemporaryAllocation(of: Int.self, capacity: k) { counts in
            counts.initialize(repeating: 0)
            // Multinomial(n, π) as n categorical draws by inverse CDF.
            for _ in 0..<count {
                let u = rng.uniform()
                var c = 0, acc = weights[0]
                while u >= acc && c < k - 1 { c += 1; acc += weights[c] }
                counts[c] += 1
            }
            rng.fillNormal(out, count: 2 * count)
            var p = out
            for c in 0..<k where counts[c] > 0 {
                let mx = Float(means[c][0]), my = Float(means[c][1])
                let sx = Float(variances[c][0].squareRoot()), sy = Float(variances[c][1].squareRoot())
                for _ in 0..<counts[c] {
                    p[0] = mx + sx * p[0]
                    p[1] = my + sy * p[1]
                    p += 2
                }
            }
        }
    }
}

extension GaussianMixture {
    /// The blog's mixture: weights (0.5, 0.5), means (0,0) and (1,1), variances 0.1.
    public static let seed = try! GaussianMixture(
        weights: [0.5, 0.5], means: [[0, 0], [1, 1]], variances: [[0.1, 0.1], [0.1, 0.1]])

    /// See_GANs main.py: 8 equal modes at angle θ_k = 2πk/8 on a circle of radius 2,
    /// x = 2 sin θ, y = 2 cos θ, variance 0.02 on both axes.
    public static let ring8 = ring(modes: 8, radius: 2, variance: 0.02)

    /// `modes` equal-weight components on a circle, x = r sin θ_k, y = r cos θ_k, θ_k = 2πk/modes.
    public static func ring(modes: Int, radius: Double, variance: Double) -> GaussianMixture {
        let means = (0..<modes).map { k -> [Double] in
            let theta = 2 * Double.pi * Double(k) / Double(modes)
            return [radius * sin(theta), radius * cos(theta)]
        }
        return try! GaussianMixture(weights: Array(repeating: 1 / Double(modes), count: modes),
                                    means: means,
                                    variances: Array(repeating: [variance, variance], count: modes))
    }

    /// VEEGAN's and PacGAN's ring: 8 modes on a circle of radius 1, std 0.01 (variance 1e-4).
    public static let ring8VEEGAN = ring(modes: 8, radius: 1, variance: 1e-4)

    /// VEEGAN's grid: 25 equal modes at {−4, −2, 0, 2, 4}², std 0.05 (variance 0.0025).
    public static let grid25 = grid(side: 5, spacing: 2, variance: 0.0025)

    /// `side²` equal-weight components on a square grid centred at the origin, row by row
    /// (y outer, x inner), with the given spacing and variance on both axes.
    public static func grid(side: Int, spacing: Double, variance: Double) -> GaussianMixture {
        let offset = Double(side - 1) / 2
        let means: [[Double]] = (0..<side).flatMap { j in
            (0..<side).map { i in [(Double(i) - offset) * spacing, (Double(j) - offset) * spacing] }
        }
        let k = side * side
        return try! GaussianMixture(weights: Array(repeating: 1 / Double(k), count: k), means: means,
                                    variances: Array(repeating: [variance, variance], count: k))
    }
}

/// Why a mixture specification was rejected.
public enum MixtureError: Error, CustomStringConvertible, Equatable {
    /// No component.
    case empty
    /// `field` has another number of entries than the weights.
    case countMismatch(field: String, expected: Int, got: Int)
    /// A weight is negative or not finite.
    case badWeight(index: Int, value: Double)
    /// The weights do not sum to 1.
    case weightSum(Double)
    /// An entry of `field` is not an (x, y) pair.
    case dimension(field: String, index: Int, got: Int)
    /// An entry of `field` is not finite.
    case notFinite(field: String, index: Int)
    /// A variance is not finite and positive.
    case badVariance(index: Int, values: [Double])

    /// The message, naming the config key at fault.
    public var description: String {
        switch self {
        case .empty:
            return "mix_coeffs: at least one component is required"
        case let .countMismatch(field, expected, got):
            return "\(field): expected \(expected) entries (one per mix_coeffs weight), got \(got)"
        case let .badWeight(index, value):
            return "mix_coeffs[\(index)]: weight must be a finite number ≥ 0, got \(value)"
        case let .weightSum(sum):
            return "mix_coeffs: weights must sum to 1 (±\(GaussianMixture.weightSumTolerance)), they sum to \(sum)"
        case let .dimension(field, index, got):
            return "\(field)[\(index)]: expected 2 numbers (x, y), got \(got)"
        case let .notFinite(field, index):
            return "\(field)[\(index)]: values must be finite numbers"
        case let .badVariance(index, values):
            return "cov[\(index)]: variances must be finite and > 0, got \(values)"
        }
    }
}
