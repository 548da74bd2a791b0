/// JSON form: the snake-case keys of ``CodingKeys`` in order (a CSV header's too), NaN and ±∞
/// as `null` (JSON has no such numbers), read back as NaN.
extension MixtureMetrics {
    /// The JSON keys, in the order of `metrics.csv`'s columns: each case names a field of
    /// ``MixtureMetrics`` (`precision` … `coverage`: of its ``MixtureMetrics/manifold``) and its
    /// raw value is that field's key.
    public enum CodingKeys: String, CodingKey, CaseIterable, Sendable {
        case nSamples = "n_samples"
        case modesCaptured = "modes_captured"
        case highQualityFraction = "high_quality_fraction"
        case reverseKL = "reverse_kl"
        case inceptionScore = "inception_score"
        case meanLogLikelihood = "mean_log_likelihood"
        case energyDistance = "energy_distance"
        case slicedWasserstein = "sliced_wasserstein"
        case mmdRBF = "mmd_rbf"
        case precision
        case recall
        case density
        case coverage
        case modeHistogram = "mode_histogram"
    }

    /// Non-finite values as `null`; `modes_captured` `null` without a mixture.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(nSamples, forKey: .nSamples)
        if hasMixture { try c.encode(modesCaptured, forKey: .modesCaptured) } else { try c.encodeNil(forKey: .modesCaptured) }
        for (key, field) in Self.doubleFields {
            let v = self[keyPath: field]
            if v.isFinite { try c.encode(v, forKey: key) } else { try c.encodeNil(forKey: key) }
        }
        var h = c.nestedUnkeyedContainer(forKey: .modeHistogram)
        for q in modeHistogram {
            if q.isFinite { try h.encode(q) } else { try h.encodeNil() }
        }
    }

    /// Reads what ``encode(to:)`` writes, `null` as NaN.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        var values = try Self.doubleFields.map { try c.decodeIfPresent(Double.self, forKey: $0.0) ?? .nan }
        var h = try c.nestedUnkeyedContainer(forKey: .modeHistogram)
        while !h.isAtEnd { values.append(try h.decodeIfPresent(Double.self) ?? .nan) }
        self.init(nSamples: try c.decode(Int.self, forKey: .nSamples),
                  modesCaptured: try c.decodeIfPresent(Int.self, forKey: .modesCaptured) ?? 0, values: values)
    }
}
