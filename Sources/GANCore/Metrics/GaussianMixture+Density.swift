import Foundation

/// Per-point quantities of p(x) = Σ_k π_k N(x; μ_k, diag(σ²_k1, σ²_k2)), unpacking the mixture
/// on every call (for plots and one-off questions; ``MixtureMetrics`` batches the same formulas).
extension GaussianMixture {
    /// The component of smallest d_k(x) = √((x − μ_k1)²/σ²_k1 + (y − μ_k2)²/σ²_k2), lowest index
    /// on a tie, regardless of the weights, as VEEGAN and PacGAN assign; `nil` for a non-finite point.
    public func nearestComponent(x: Double, y: Double) -> Int? {
        let t = _MixtureTable(self)
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: componentCount) { d2 in
            let k = t.squaredMahalanobis(x, y, into: d2.baseAddress!)
            return k < 0 ? nil : k
        }
    }

    /// log p(x) by log-sum-exp over log π_k N_k(x) = log π_k − log 2π − ½ log(σ²_k1 σ²_k2) −
    /// ½ d_k(x)², so it stays finite far from every component; NaN for a non-finite point.
    public func logDensity(x: Double, y: Double) -> Double {
        guard x.isFinite && y.isFinite else { return .nan }
        let t = _MixtureTable(self)
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: 2 * componentCount) { buf in
            let d2 = buf.baseAddress!
            _ = t.squaredMahalanobis(x, y, into: d2)
            return t.logJoint(fromSquaredMahalanobis: d2, into: d2 + componentCount)
        }
    }
}
