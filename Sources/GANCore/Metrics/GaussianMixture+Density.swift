import Foundation

/// Per-point quantities of the mixture p(x) = Σ_k π_k N(x; μ_k, diag(σ²_k1, σ²_k2)).
///
/// These evaluate one point at a time and unpack the mixture on every call: convenient for
/// tests, plots and one-off questions. The batch metrics in ``MixtureMetrics`` use the same
/// formulas in a single pass over the samples.
extension GaussianMixture {
    /// Mahalanobis distance to component k under its diagonal covariance:
    /// d_k(x) = √( (x − μ_k1)² / σ²_k1 + (y − μ_k2)² / σ²_k2 ).
    /// For samples of component k, d_k² follows χ² with 2 degrees of freedom, so
    /// P(d_k ≤ r) = 1 − e^(−r²/2).
    public func mahalanobisDistance(x: Double, y: Double, component k: Int) -> Double {
        precondition(k >= 0 && k < componentCount, "component \(k) out of 0..<\(componentCount)")
        let dx = x - means[k][0], dy = y - means[k][1]
        return (dx * dx / variances[k][0] + dy * dy / variances[k][1]).squareRoot()
    }

    /// The component with the smallest Mahalanobis distance d_k(x) (the lowest index on a
    /// tie), regardless of the weights — the assignment VEEGAN and PacGAN use. `nil` when a
    /// coordinate is NaN or infinite.
    public func nearestComponent(x: Double, y: Double) -> Int? {
        let t = _MixtureTable(self)
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: componentCount) { d2 in
            let k = t.squaredMahalanobis(x, y, into: d2.baseAddress!)
            return k < 0 ? nil : k
        }
    }

    /// log p(x) = log Σ_k π_k N(x; μ_k, Σ_k), by log-sum-exp (the largest term factored
    /// out), so it stays finite and accurate far from every component, where each N_k
    /// underflows to 0. Each term: log N_k(x) = −log 2π − ½ log(σ²_k1 σ²_k2) − ½ d_k(x)².
    /// NaN for a non-finite point.
    public func logDensity(x: Double, y: Double) -> Double {
        guard x.isFinite && y.isFinite else { return .nan }
        let t = _MixtureTable(self)
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: 2 * componentCount) { buf in
            let d2 = buf.baseAddress!
            _ = t.squaredMahalanobis(x, y, into: d2)
            return t.logJoint(fromSquaredMahalanobis: d2, into: d2 + componentCount)
        }
    }

    /// The exact posterior p(k | x) = π_k N_k(x) / p(x), computed as exp(a_k − LSE(a)) with
    /// a_k = log π_k N_k(x): sums to 1 up to rounding and is finite everywhere (far away it
    /// becomes one-hot on the component that decays slowest). NaN entries for a non-finite
    /// point. Components of weight 0 get probability 0.
    public func posterior(x: Double, y: Double) -> [Double] {
        guard x.isFinite && y.isFinite else { return Array(repeating: .nan, count: componentCount) }
        let t = _MixtureTable(self)
        let K = componentCount
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: 2 * K) { buf in
            let d2 = buf.baseAddress!, a = d2 + K
            _ = t.squaredMahalanobis(x, y, into: d2)
            let lse = t.logJoint(fromSquaredMahalanobis: d2, into: a)
            return (0..<K).map { exp(a[$0] - lse) }
        }
    }
}
