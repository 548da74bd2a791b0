import Foundation

/// Computing the metrics. Samples and reference points are interleaved Floats
/// `[x0, y0, x1, y1, …]` (the trainer's layout; the count must be even); all arithmetic is
/// in Double. The mixture metrics cost O(n·K) in one pass; the distances O(n·m). Without a
/// mixture only the distances and ``ManifoldMetrics`` apply: the rest is NaN (JSON `null`).
extension MixtureMetrics {
    /// Every metric of `samples` against `mixture`, with the two-sample distances measured
    /// against `reference` (fresh samples of the true mixture; the protocol uses 2,500).
    public static func evaluate(samples: [Float], mixture: GaussianMixture, reference: [Float],
                                options: MetricsOptions = .init()) -> MixtureMetrics {
        let s = _MixtureScan(samples: samples, table: _MixtureTable(mixture),
                             highQualityThreshold: options.highQualityThreshold)
        let defined = s.n > 0 && s.allFinite
        var m = evaluate(samples: samples, reference: reference, options: options)
        m.modeHistogram = s.nearestCounts.map { Double($0) / Double(s.n) }
        m.modesCaptured = s.highQualityCounts.filter { $0 >= options.minCountPerMode }.count
        m.highQualityFraction = Double(s.highQualityCounts.reduce(0, +)) / Double(s.n)
        m.reverseKL = reverseKL(histogram: m.modeHistogram, weights: mixture.weights)
        m.inceptionScore = defined ? inceptionScore(s) : .nan
        m.meanLogLikelihood = defined ? s.sumLogDensity / Double(s.n) : .nan
        return m
    }

    /// At most this many reference points, evenly spread, enter energy distance and sliced
    /// Wasserstein (cost n·m and m²); ``ManifoldMetrics`` uses them all.
    public static let distanceMaxReference = 10_000

    /// The distances and ``ManifoldMetrics`` of `samples` to `reference` only; the histogram empty.
    public static func evaluate(samples: [Float], reference: [Float], options: MetricsOptions = .init()) -> MixtureMetrics {
        var result = MixtureMetrics()
        result.nSamples = samples.count / 2
        if let v = TwoSampleDistances.trivialValue(samples, reference) {
            (result.energyDistance, result.slicedWasserstein, result.mmdRBF) = (v, v, v)
        } else {
            let y = TwoSampleDistances.thinned(reference, to: distanceMaxReference)
            result.energyDistance = TwoSampleDistances.energy(samples, y)
            result.slicedWasserstein = TwoSampleDistances.slicedWasserstein(samples, y,
                                                                            projections: options.slicedProjections)
            result.mmdRBF = TwoSampleDistances.mmdRBF(samples, y, bandwidth: options.mmdBandwidth,
                                                      maxPoints: options.mmdMaxPoints)
        }
        result.manifold = ManifoldMetrics.evaluate(real: reference, generated: samples)
        return result
    }

    /// KL(q ‖ π) = Σ_{k : q_k > 0} q_k log(q_k / π_k) (0·log 0 = 0): +∞ when some q_k > 0 has
    /// π_k = 0, NaN when q is not a distribution (an entry NaN or negative, or |Σq − 1| > 1e-9:
    /// empty or non-finite samples); rounding below 0 clamped. Both arrays have K entries.
    public static func reverseKL(histogram q: [Double], weights pi: [Double]) -> Double {
        precondition(q.count == pi.count, "histogram has \(q.count) entries, weights \(pi.count)")
        guard q.allSatisfy({ $0 >= 0 }), abs(q.reduce(0, +) - 1) <= 1e-9 else { return .nan }
        var kl = 0.0
        for k in q.indices where q[k] > 0 {
            if pi[k] == 0 { return .infinity }
            kl += q[k] * log(q[k] / pi[k])
        }
        return _clampedAtZero(kl)
    }

    /// IS = exp(H(p̂) − (1/n) Σ_i H(p_i)) with the exact posterior as the classifier, the
    /// exponent clamped to [0, log K] so 1 ≤ IS ≤ K.
    private static func inceptionScore(_ s: _MixtureScan) -> Double {
        let n = Double(s.n)
        var entropyOfMean = 0.0                          // H(p̂)
        for total in s.posteriorSums where total > 0 {
            let p = total / n
            entropyOfMean -= p * log(p)
        }
        let meanEntropy = -s.sumNegEntropy / n           // (1/n) Σ_i H(p_i)
        let mi = Swift.min(Swift.max(entropyOfMean - meanEntropy, 0), log(Double(s.posteriorSums.count)))
        return exp(mi)
    }
}
