/// How a network's initial weights are drawn (`--weight-init`); biases always start at 0.
public enum WeightInitialization: String, Sendable, CaseIterable, Codable {
    /// N(0, σ²) with the run's σ (0.01: the seed's `linear(..., stddev=0.01)`), whatever the
    /// layer's size.
    case normal
    /// Glorot (Xavier) uniform: U[−a, a) with a = √(6 / (fan_in + fan_out)), which keeps the
    /// variance of activations and gradients about the same through the layers: the default
    /// of most deep-learning libraries.
    case glorot
}
