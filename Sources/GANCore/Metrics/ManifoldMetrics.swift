/// Precision and recall (Kynkäänniemi et al. 2019), density and coverage (Naeem et al. 2020):
/// how much of the generated set Y lies on the real set X's manifold, estimated by k-NN balls
/// (docs/metrics.md). B(p, S, k) is the closed ball around p ∈ S out to p's k-th nearest
/// neighbour in S, p excluded (a duplicate counts, at distance 0). Neighbours come from k-d
/// trees. NaN when either set has at most k points or a non-finite coordinate.
public struct ManifoldMetrics: Sendable, Equatable {
    /// (1/M) #{j : y_j ∈ some B(x_i, X, 3)}.
    public var precision: Double
    /// (1/N) #{i : x_i ∈ some B(y_j, Y, 3)}.
    public var recall: Double
    /// 1/(5M) Σ_j #{i : y_j ∈ B(x_i, X, 5)}: ≈ 1 for a perfect generator, can exceed 1.
    public var density: Double
    /// (1/N) #{i : some y_j ∈ B(x_i, X, 5)}.
    public var coverage: Double

    /// k of precision and recall (the paper's choice).
    public static let precisionRecallK = 3
    /// k of density and coverage (the paper's choice).
    public static let densityCoverageK = 5

    /// The four values.
    public init(precision: Double, recall: Double, density: Double, coverage: Double) {
        (self.precision, self.recall, self.density, self.coverage) = (precision, recall, density, coverage)
    }

    /// Every value NaN: not computed.
    public static let undefined = ManifoldMetrics(precision: .nan, recall: .nan, density: .nan, coverage: .nan)

    /// The four metrics of `generated` against `real` (both interleaved `[x0, y0, …]`).
    public static func evaluate(real: [Float], generated: [Float]) -> ManifoldMetrics {
        let kPR = precisionRecallK, kDC = densityCoverageK
        let n = real.count / 2, m = generated.count / 2
        guard n > max(kPR, kDC), m > max(kPR, kDC),
              real.allSatisfy(\.isFinite), generated.allSatisfy(\.isFinite) else { return undefined }
        let realTree = _KDTree(interleaved: real), generatedTree = _KDTree(interleaved: generated)
        // One pass of k+1 neighbours (the point itself first) gives both real radii.
        let realRadii = kthNeighbourDistance2(realTree, ks: [kPR, kDC])
        let generatedRadii = kthNeighbourDistance2(generatedTree, ks: [kPR])
        let realPR = _Balls(tree: realTree, radius2: realRadii[0])
        let realDC = _Balls(tree: realTree, radius2: realRadii[1])
        let generatedPR = _Balls(tree: generatedTree, radius2: generatedRadii[0])

        var onManifold = 0, ballsHolding = 0
        for j in 0..<m {
            let qx = Double(generated[2 * j]), qy = Double(generated[2 * j + 1])
            onManifold += realPR.containing(qx, qy, firstOnly: true)
            ballsHolding += realDC.containing(qx, qy, firstOnly: false)
        }
        var recalled = 0, covered = 0
        var nearest = 0.0
        for i in 0..<n {
            let qx = Double(real[2 * i]), qy = Double(real[2 * i + 1])
            recalled += generatedPR.containing(qx, qy, firstOnly: true)
            generatedTree.nearest(qx, qy, k: 1, into: &nearest)
            if nearest <= realRadii[1][i] { covered += 1 }
        }
        return ManifoldMetrics(precision: Double(onManifold) / Double(m), recall: Double(recalled) / Double(n),
                               density: Double(ballsHolding) / Double(kDC * m), coverage: Double(covered) / Double(n))
    }

    /// For each k of `ks`, the squared distance of every point (input order) to its k-th
    /// nearest neighbour in the same set, itself excluded.
    static func kthNeighbourDistance2(_ tree: _KDTree, ks: [Int]) -> [[Double]] {
        let kMax = ks.max()! + 1
        var out = ks.map { _ in [Double](repeating: 0, count: tree.count) }
        withUnsafeTemporaryAllocation(of: Double.self, capacity: kMax) { best in
            for t in 0..<tree.count {
                tree.nearest(tree.x[t], tree.y[t], k: kMax, into: best.baseAddress!)
                for (slot, k) in ks.enumerated() { out[slot][tree.index[t]] = best[k] }
            }
        }
        return out
    }
}
