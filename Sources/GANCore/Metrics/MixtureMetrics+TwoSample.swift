/// Metrics for a target that is not a Gaussian mixture: only the two-sample distances and
/// ``ManifoldMetrics`` apply; every mixture metric is NaN (JSON `null`), the histogram empty.
extension MixtureMetrics {
    /// Whether the mixture metrics were computed (a mixture's histogram is never empty);
    /// without them `modes_captured` encodes as `null`.
    public var hasMixture: Bool { !modeHistogram.isEmpty }

    /// At most this many reference points, evenly spread, enter energy distance and sliced
    /// Wasserstein (cost n·m and m²); ``ManifoldMetrics`` uses them all.
    public static let distanceMaxReference = 10_000

    /// The distances and ``ManifoldMetrics`` of `samples` to `reference` only.
    public static func evaluate(samples: [Float], reference: [Float], options: MetricsOptions = .init()) -> MixtureMetrics {
        var energy = Double.nan, sw = Double.nan, mmd = Double.nan
        if let v = TwoSampleDistances.trivialValue(samples, reference) {
            (energy, sw, mmd) = (v, v, v)
        } else {
            let x = _Points(interleaved: samples)
            let y = _Points(interleaved: reference).thinned(to: distanceMaxReference)
            energy = TwoSampleDistances.energy(x, y)
            sw = TwoSampleDistances.slicedWasserstein(x, y, projections: options.slicedProjections)
            mmd = TwoSampleDistances.mmdRBF(x, y, bandwidth: options.mmdBandwidth, maxPoints: options.mmdMaxPoints)
        }
        return MixtureMetrics(nSamples: samples.count / 2, modesCaptured: 0, highQualityFraction: .nan,
                              reverseKL: .nan, inceptionScore: .nan, meanLogLikelihood: .nan,
                              energyDistance: energy, slicedWasserstein: sw, mmdRBF: mmd, modeHistogram: [],
                              manifold: ManifoldMetrics.evaluate(real: reference, generated: samples))
    }
}
