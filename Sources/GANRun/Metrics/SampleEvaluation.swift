import Foundation
import GANCore

/// Scores 2-D points against real points of the target, for `ganscope eval` and while training.
/// A mixture gets every metric; any other target the two-sample distances and
/// ``ManifoldMetrics`` (every mixture metric `null`).
public struct SampleEvaluation: Sendable {
    /// Real points in the reference set while training (the protocol's 2,500).
    public static let referenceCount = 2_500
    /// Real points drawn for `ganscope eval` when the target is not a file of points.
    public static let evalReferenceCount = 10_000
    /// The RNG stream of the reference set (trainer 1, frames 2, final samples 3, evaluation noise 4).
    public static let referenceStream: UInt64 = 5

    /// The target as a mixture; `nil` for any other target.
    public var mixture: GaussianMixture? { target.mixture }
    /// The target scored against: a non-mixture with a ``TargetDistribution/logDensity(x:y:)``
    /// also gets the mean log-likelihood.
    public let target: any TargetDistribution
    /// Interleaved reference points.
    public let reference: [Float]

    /// Scores against `count` points of `target` drawn from stream ``referenceStream`` of `seed`.
    public init(target: any TargetDistribution, seed: UInt64, count: Int = referenceCount) {
        self.init(reference: Self.referenceSamples(target: target, seed: seed, count: count), target: target)
    }

    /// Scores against the given real points of `target` (interleaved x, y).
    public init(reference: [Float], target: any TargetDistribution) {
        self.target = target
        self.reference = reference
    }

    /// What `ganscope eval` compares with: every point of a file of points, else
    /// ``evalReferenceCount`` points drawn from `seed`.
    public static func forEval(target: any TargetDistribution, seed: UInt64) -> SampleEvaluation {
        if let cloud = target as? PointCloud { return SampleEvaluation(reference: cloud.points, target: cloud) }
        return SampleEvaluation(target: target, seed: seed, count: evalReferenceCount)
    }

    /// `count` points of `target` from stream ``referenceStream`` of `seed`.
    public static func referenceSamples(target: any TargetDistribution, seed: UInt64, count: Int = referenceCount) -> [Float] {
        var rng = RNG(seed: seed).derived(referenceStream)
        return target.sample(count: count, rng: &rng)
    }

    /// Every metric of `points` (interleaved x, y); without a mixture, the mean log-likelihood
    /// (1/n) Σ log p(x_i) under the target's own density, NaN when it has none.
    public func evaluate(points: [Float]) -> MixtureMetrics {
        if let mixture { return MixtureMetrics.evaluate(samples: points, mixture: mixture, reference: reference) }
        var m = MixtureMetrics.evaluate(samples: points, reference: reference)
        let n = points.count / 2
        guard n > 0, target.logDensity(x: Double(points[0]), y: Double(points[1])) != nil else { return m }
        var sum = 0.0
        for i in 0..<n { sum += target.logDensity(x: Double(points[2 * i]), y: Double(points[2 * i + 1])) ?? .nan }
        m.meanLogLikelihood = sum / Double(n)
        return m
    }

    /// One JSON line with the keys of ``MixtureMetrics/CodingKeys``, sorted (same metrics, same bytes).
    public static func json(_ m: MixtureMetrics) throws -> String {
        String(decoding: try Experiment.encoder(pretty: false).encode(m), as: UTF8.self)
    }

    /// An aligned table of metric (with its JSON key) and value (``MetricsFormat/rows(_:componentCount:)``).
    public static func table(_ m: MixtureMetrics, componentCount k: Int) -> String {
        let rows = MetricsFormat.rows(m, componentCount: k)
        let width = rows.map { $0.label.count + $0.key.count + 3 }.max() ?? 0
        return rows.map { row in
            let left = "\(row.label) (\(row.key))"
            return left + String(repeating: " ", count: width - left.count + 2) + row.value
        }.joined(separator: "\n") + "\n"
    }
}

/// Display names and number formats of the metrics: the console, the eval table, the report.
public enum MetricsFormat {
    /// One row per key of ``MixtureMetrics/CodingKeys``, in that order; without a mixture
    /// (k = 0) the mode-based rows, all null, are left out.
    public static func rows(_ m: MixtureMetrics, componentCount k: Int) -> [(label: String, key: String, value: String)] {
        let modeBased: Set<MixtureMetrics.CodingKeys> = [.modesCaptured, .highQualityFraction, .reverseKL, .inceptionScore,
                                                         .meanLogLikelihood, .modeHistogram]
        return MixtureMetrics.CodingKeys.allCases.filter { k > 0 || !modeBased.contains($0) }.map { key in
            (label(key), key.rawValue, value(key, m, componentCount: k))
        }
    }

    /// A short human name of a metric.
    public static func label(_ key: MixtureMetrics.CodingKeys) -> String {
        switch key {
        case .nSamples: return "samples"
        case .modesCaptured: return "modes captured"
        case .highQualityFraction: return "high-quality fraction"
        case .reverseKL: return "reverse KL"
        case .inceptionScore: return "inception score"
        case .meanLogLikelihood: return "mean log-likelihood"
        case .energyDistance: return "energy distance"
        case .slicedWasserstein: return "sliced Wasserstein"
        case .mmdRBF: return "MMD², RBF kernel"
        case .precision: return "precision (k = 3)"
        case .recall: return "recall (k = 3)"
        case .density: return "density (k = 5)"
        case .coverage: return "coverage (k = 5)"
        case .modeHistogram: return "mode histogram"
        }
    }

    /// The value of `key` in `m` as text: counts as integers (modes as "m / K"), fractions
    /// as percentages with one decimal, the rest with 4 significant digits.
    public static func value(_ key: MixtureMetrics.CodingKeys, _ m: MixtureMetrics, componentCount k: Int) -> String {
        switch key {
        case .nSamples: return "\(m.nSamples)"
        case .modesCaptured: return "\(m.modesCaptured) / \(k)"
        case .modeHistogram:
            return m.modeHistogram.map { $0.isFinite ? String(format: "%.3f", $0) : "\($0)" }.joined(separator: ", ")
        default:
            let v = m[keyPath: MixtureMetrics.doubleFields.first { $0.0 == key }!.1]
            return [.highQualityFraction, .precision, .recall, .coverage].contains(key) ? percent(v) : number(v)
        }
    }

    /// `12.3%`, or `nan`.
    public static func percent(_ v: Double) -> String { v.isFinite ? String(format: "%.1f%%", 100 * v) : "\(v)" }

    /// 4 significant digits (`0.001234`, `-1.013`, `7.997`), or `nan` / `inf`.
    public static func number(_ v: Double) -> String { v.isFinite ? String(format: "%.4g", v) : "\(v)" }
}
