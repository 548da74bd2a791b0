import Foundation

/// Distances between two sets of interleaved 2-D points (docs/metrics.md): NaN for an empty
/// set or a non-finite coordinate, exactly 0 for identical arrays, else ≥ 0. Energy and MMD
/// are V-statistics whose pair terms are evaluated in Float, summed in Double.
public enum TwoSampleDistances {
    /// NaN for an empty set or a non-finite coordinate, 0 for identical arrays, else nil.
    static func trivialValue(_ x: [Float], _ y: [Float]) -> Double? {
        if x.isEmpty || y.isEmpty { return .nan }
        if !x.allSatisfy(\.isFinite) || !y.allSatisfy(\.isFinite) { return .nan }
        if x == y { return 0 }
        return nil
    }

    // MARK: energy distance

    /// Energy distance (Székely & Rizzo 2013), the V-statistic
    /// 2/(n·m) Σ_ij ‖x_i − y_j‖ − 1/n² Σ_ii' ‖x_i − x_i'‖ − 1/m² Σ_jj' ‖y_j − y_j'‖, clamped at 0.
    public static func energy(_ x: [Float], _ y: [Float]) -> Double {
        if let v = trivialValue(x, y) { return v }
        let x = _Points(interleaved: x), y = _Points(interleaved: y)
        let n = Double(x.count), m = Double(y.count)
        let f = _DistanceKernel()
        let xy = _crossSum(x, y, f) / (n * m)
        let xx = _selfSum(x, f) / (n * n)
        let yy = _selfSum(y, f) / (m * m)
        return _clampedAtZero((xy - xx) + (xy - yy))
    }

    // MARK: sliced Wasserstein

    /// The default number of projection directions L.
    public static let defaultProjections = 64

    /// Sliced 2-Wasserstein distance (Bonneel et al. 2015): the root mean of the exact 1-D W₂²
    /// of the sorted projections on L ≥ 1 directions evenly spaced over the half circle.
    public static func slicedWasserstein(_ x: [Float], _ y: [Float],
                                         projections: Int = defaultProjections) -> Double {
        precondition(projections >= 1, "sliced Wasserstein needs at least one projection")
        if let v = trivialValue(x, y) { return v }
        let x = _Points(interleaved: x), y = _Points(interleaved: y), L = projections
        var a = [Double](repeating: 0, count: x.count)
        var b = [Double](repeating: 0, count: y.count)
        var total = 0.0
        for l in 0..<L {
            let theta = Double.pi * Double(l) / Double(L)
            let c = cos(theta), s = sin(theta)
            for i in 0..<x.count { a[i] = c * Double(x.x[i]) + s * Double(x.y[i]) }
            for j in 0..<y.count { b[j] = c * Double(y.x[j]) + s * Double(y.y[j]) }
            a.sort()
            b.sort()
            total += wasserstein2Squared(sortedA: a, sortedB: b)
        }
        return (total / Double(L)).squareRoot()
    }

    /// W₂² = ∫₀¹ (F_a⁻¹ − F_b⁻¹)² of sorted 1-D samples, in time units of 1/(n·m): a's i-th
    /// value covers (i·m, (i+1)·m], b's j-th (j·n, (j+1)·n], so breakpoints compare as integers.
    static func wasserstein2Squared(sortedA a: [Double], sortedB b: [Double]) -> Double {
        let n = a.count, m = b.count
        if n == m {
            var s = 0.0
            for i in 0..<n { let d = a[i] - b[i]; s += d * d }
            return s / Double(n)
        }
        var i = 0, j = 0, t = 0
        var s = 0.0
        while i < n && j < m {
            let endA = (i + 1) * m, endB = (j + 1) * n
            let end = Swift.min(endA, endB)
            let d = a[i] - b[j]
            s += Double(end - t) * d * d
            t = end
            if endA == end { i += 1 }
            if endB == end { j += 1 }
        }
        return s / (Double(n) * Double(m))
    }

    // MARK: maximum mean discrepancy

    /// The default cap on points per set entering the MMD sums.
    public static let mmdMaxPoints = 1_000

    /// At most this many pooled points (fixed stride) enter the median heuristic: O(1) pairs.
    public static let bandwidthSubsample = 500

    /// Squared MMD, Gaussian RBF kernel, biased V-statistic (Gretton et al. 2012) clamped at 0;
    /// σ from `bandwidth` on the full sets, sums over ≤ `maxPoints` evenly spread points per set.
    public static func mmdRBF(_ x: [Float], _ y: [Float], bandwidth: MMDBandwidth = .medianHeuristic,
                              maxPoints: Int = mmdMaxPoints) -> Double {
        if let v = trivialValue(x, y) { return v }
        precondition(maxPoints >= 1, "maxPoints must be ≥ 1")
        precondition(bandwidth.isValid, "MMD bandwidth σ must be finite and > 0, got \(bandwidth)")
        let sigma: Double
        if case let .fixed(s) = bandwidth { sigma = s } else { sigma = medianHeuristicSigma(x, y) }
        let f = _GaussianKernel(gamma: Float(1 / (2 * sigma * sigma)))
        let x = _Points(interleaved: thinned(x, to: maxPoints)), y = _Points(interleaved: thinned(y, to: maxPoints))
        let n = Double(x.count), m = Double(y.count)
        let xy = _crossSum(x, y, f) / (n * m)
        let xx = _selfSum(x, f) / (n * n)
        let yy = _selfSum(y, f) / (m * m)
        return _clampedAtZero((xx - xy) + (yy - xy))
    }

    /// At most `m` of the interleaved points `p`, indices ⌊i·n/m⌋ (deterministic; keeps the
    /// proportions of a set grouped by component).
    static func thinned(_ p: [Float], to m: Int) -> [Float] {
        let n = p.count / 2
        guard n > m else { return p }
        var out: [Float] = []
        out.reserveCapacity(2 * m)
        for i in 0..<m {
            let j = 2 * (i * n / m)
            out += [p[j], p[j + 1]]
        }
        return out
    }

    /// The median heuristic σ for X ∪ Y (≤ ``bandwidthSubsample`` points, fixed stride):
    /// σ² = ½ · median of the nonzero squared pair distances; 1 if no two points differ.
    public static func medianHeuristicSigma(_ x: [Float], _ y: [Float]) -> Double {
        let x = _Points(interleaved: x), y = _Points(interleaved: y)
        let px = x.x + y.x, py = x.y + y.y
        let step = Swift.max(1, (px.count + bandwidthSubsample - 1) / bandwidthSubsample)
        let picked = Array(stride(from: 0, to: px.count, by: step))
        let zx = picked.map { Double(px[$0]) }, zy = picked.map { Double(py[$0]) }
        var d2: [Double] = []
        d2.reserveCapacity(zx.count * (zx.count - 1) / 2)
        for a in 0..<zx.count {
            for b in (a + 1)..<zx.count {
                let dx = zx[a] - zx[b], dy = zy[a] - zy[b]
                let d = dx * dx + dy * dy
                if d > 0 && d.isFinite { d2.append(d) }
            }
        }
        if d2.isEmpty { return 1 }
        d2.sort()
        let c = d2.count
        let median = c % 2 == 1 ? d2[c / 2] : 0.5 * (d2[c / 2] + d2[c / 2 - 1])
        return (0.5 * median).squareRoot()
    }
}

/// Clamps a V-statistic that is ≥ 0 in exact arithmetic; NaN passes through.
@inline(__always)
func _clampedAtZero(_ v: Double) -> Double { v < 0 ? 0 : v }
