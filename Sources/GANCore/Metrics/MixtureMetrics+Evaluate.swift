import Foundation

/// Computing the metrics. Samples and reference points are interleaved Floats
/// `[x0, y0, x1, y1, …]` (the trainer's layout; the count must be even); all arithmetic is
/// in Double. The mixture metrics cost O(n·K) in one pass; the distances O(n·m).
extension MixtureMetrics {

    /// Every metric of `samples` against `mixture`, with the two-sample distances measured
    /// against `reference` (fresh samples of the true mixture; the protocol uses 2,500).
    public static func evaluate(samples: [Float], mixture: GaussianMixture, reference: [Float],
                                options: MetricsOptions = .init()) -> MixtureMetrics {
        let scan = _MixtureScan(samples: samples, table: _MixtureTable(mixture),
                                highQualityThreshold: options.highQualityThreshold)
        let histogram = modeHistogram(scan)
        let distances = evaluate(samples: samples, reference: reference, options: options)
        return MixtureMetrics(
            nSamples: scan.n,
            modesCaptured: modesCaptured(scan, minCount: options.minCountPerMode),
            highQualityFraction: highQualityFraction(scan),
            reverseKL: reverseKL(histogram: histogram, weights: mixture.weights),
            inceptionScore: inceptionScore(scan),
            meanLogLikelihood: meanLogLikelihood(scan),
            energyDistance: distances.energyDistance, slicedWasserstein: distances.slicedWasserstein,
            mmdRBF: distances.mmdRBF, modeHistogram: histogram, manifold: distances.manifold)
    }

    /// ``evaluate(samples:mixture:reference:options:)`` against a fresh reference set of
    /// `options.referenceSampleCount` points drawn from `mixture` with `rng`.
    public static func evaluate(samples: [Float], mixture: GaussianMixture,
                                options: MetricsOptions = .init(), rng: inout RNG) -> MixtureMetrics {
        let reference = mixture.sample(count: options.referenceSampleCount, rng: &rng)
        return evaluate(samples: samples, mixture: mixture, reference: reference, options: options)
    }

    // MARK: the individual metrics

    /// q_k = (1/n) #{i : c(x_i) = k}, c the nearest component by Mahalanobis distance.
    /// All entries NaN for no samples.
    public static func modeHistogram(samples: [Float], mixture: GaussianMixture) -> [Double] {
        modeHistogram(scan(samples, mixture, MetricsOptions()))
    }

    /// The number of components that are the nearest component of at least
    /// `options.minCountPerMode` high-quality samples (d ≤ `options.highQualityThreshold`).
    public static func modesCaptured(samples: [Float], mixture: GaussianMixture,
                                     options: MetricsOptions = .init()) -> Int {
        modesCaptured(scan(samples, mixture, options), minCount: options.minCountPerMode)
    }

    /// The fraction of samples within `options.highQualityThreshold` Mahalanobis distance of
    /// their nearest component. NaN for no samples.
    public static func highQualityFraction(samples: [Float], mixture: GaussianMixture,
                                           options: MetricsOptions = .init()) -> Double {
        highQualityFraction(scan(samples, mixture, options))
    }

    /// KL(q ‖ π) = Σ_{k : q_k > 0} q_k log(q_k / π_k) (terms with q_k = 0 are 0, the limit of
    /// q log q). +∞ when some q_k > 0 has π_k = 0. NaN when q is not a distribution
    /// (an entry NaN or negative, or |Σq − 1| > 1e-9: empty or non-finite samples).
    /// Rounding below 0 is clamped to 0. Both arrays must have K entries.
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

    /// ``reverseKL(histogram:weights:)`` of the samples' ``modeHistogram(samples:mixture:)``.
    public static func reverseKL(samples: [Float], mixture: GaussianMixture) -> Double {
        reverseKL(histogram: modeHistogram(samples: samples, mixture: mixture), weights: mixture.weights)
    }

    /// IS = exp((1/n) Σ_i KL(p(·|x_i) ‖ p̂)) with the exact posterior of `mixture` as the
    /// classifier, in one pass as H(p̂) − (1/n) Σ_i H(p_i), log-sum-exp for log p(k|x), the
    /// exponent clamped to [0, log K] so 1 ≤ IS ≤ K. NaN for no samples or a non-finite sample.
    public static func inceptionScore(samples: [Float], mixture: GaussianMixture) -> Double {
        inceptionScore(scan(samples, mixture, MetricsOptions()))
    }

    /// (1/n) Σ_i log p(x_i), nats, log-sum-exp per sample. NaN for no samples or a
    /// non-finite sample.
    public static func meanLogLikelihood(samples: [Float], mixture: GaussianMixture) -> Double {
        meanLogLikelihood(scan(samples, mixture, MetricsOptions()))
    }

    // MARK: from one scan

    static func scan(_ samples: [Float], _ mixture: GaussianMixture, _ options: MetricsOptions) -> _MixtureScan {
        _MixtureScan(samples: samples, table: _MixtureTable(mixture),
                     highQualityThreshold: options.highQualityThreshold)
    }

    static func modeHistogram(_ s: _MixtureScan) -> [Double] {
        s.nearestCounts.map { Double($0) / Double(s.n) }
    }

    static func modesCaptured(_ s: _MixtureScan, minCount: Int) -> Int {
        s.highQualityCounts.filter { $0 >= minCount }.count
    }

    static func highQualityFraction(_ s: _MixtureScan) -> Double {
        Double(s.highQualityCounts.reduce(0, +)) / Double(s.n)
    }

    static func meanLogLikelihood(_ s: _MixtureScan) -> Double {
        guard s.n > 0 && s.allFinite else { return .nan }
        return s.sumLogDensity / Double(s.n)
    }

    static func inceptionScore(_ s: _MixtureScan) -> Double {
        guard s.n > 0 && s.allFinite else { return .nan }
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
