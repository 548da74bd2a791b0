/// How a network's initial weights are drawn (`--weight-init`); biases always start at 0.
public enum WeightInitialization: String, Sendable, CaseIterable, Codable {
    /// N(0, σ²) with the run's σ (0.01: the seed's `linear(..., stddev=0.01)`).
    case normal
    /// Glorot uniform U[−a, a), a = √(6 / (fan_in + fan_out)): keeps the variance of
    /// activations and gradients about level through the layers (most libraries' default).
    case glorot
}
