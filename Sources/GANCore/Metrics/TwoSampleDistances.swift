import Foundation

/// Distances between two sets of 2-D points X = {x_i}, i < n, and Y = {y_j}, j < m, that
/// need nothing but the points: usable for any dataset, not only a known mixture.
///
/// Points come interleaved as the trainer writes them (`[x0, y0, x1, y1, …]`, Float). The
/// O(n·m) pair terms of energy and MMD are evaluated eight at a time in Float, the points'
/// own precision (relative error ≈ 2·10⁻⁷ per term, unbiased rounding), and summed in
/// Double; projections and everything else are Double.
///
/// Shared conventions:
/// - an empty X or Y gives `.nan` (there is nothing to compare); a non-finite coordinate
///   makes the result `.nan`;
/// - X compared with an identical array gives exactly 0 (checked first, which also skips
///   the O(n·m) work); for any other pair of sets the value is ≥ 0;
/// - energy and MMD are V-statistics (all n², n·m, m² pairs, including i = i'): never
///   negative, but biased upward by O(1/n + 1/m), so two independent samples of the same
///   distribution score slightly above 0 (about (1/n + 1/m)·E‖X − X'‖ for energy).
///
/// Cost for n = m = 2,500: energy evaluates 2n² = 12.5 M distances (each unordered pair
/// within a set once); MMD the same on at most 1,000 points per set (2 M kernel values);
/// sliced Wasserstein sorts 2·L projections. A few milliseconds each in release.
public enum TwoSampleDistances {

    /// The answer that needs no work, if any: NaN for an empty set or a non-finite
    /// coordinate, 0 for identical arrays; nil otherwise.
    static func trivialValue(_ x: [Float], _ y: [Float]) -> Double? {
        if x.isEmpty || y.isEmpty { return .nan }
        if !x.allSatisfy(\.isFinite) || !y.allSatisfy(\.isFinite) { return .nan }
        if x == y { return 0 }
        return nil
    }

    // MARK: energy distance

    /// Energy distance (Székely & Rizzo, "Energy statistics: a class of statistics based on
    /// distances", J. Stat. Planning and Inference 143, 2013; Székely 1989/2003):
    ///
    ///     E(X, Y) = 2·E‖X − Y‖ − E‖X − X'‖ − E‖Y − Y'‖
    ///             ≈ 2/(n·m) Σ_ij ‖x_i − y_j‖ − 1/n² Σ_ii' ‖x_i − x_i'‖ − 1/m² Σ_jj' ‖y_j − y_j'‖
    ///
    /// (the V-statistic: the self sums run over all ordered pairs, zero diagonal included).
    /// In the population it is ≥ 0 and 0 exactly when the two distributions are equal;
    /// it has the units of a distance (it is not squared again). The empirical value is also
    /// ≥ 0 (the distance is a conditionally negative definite kernel); rounding below 0 is
    /// clamped to 0.
    public static func energy(_ x: [Float], _ y: [Float]) -> Double {
        if let v = trivialValue(x, y) { return v }
        return energy(_Points(interleaved: x), _Points(interleaved: y))
    }

    static func energy(_ x: _Points, _ y: _Points) -> Double {
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

    /// Sliced 2-Wasserstein distance (Rabin, Peyré, Delon & Bernot 2011; Bonneel, Rabin,
    /// Peyré & Pfister, "Sliced and Radon Wasserstein barycenters of measures", JMIV 2015;
    /// used as a GAN loss by Deshpande, Zhang & Schwing, CVPR 2018):
    ///
    ///     SW₂(X, Y) = ( 1/L Σ_l W₂²(⟨X, u_l⟩, ⟨Y, u_l⟩) )^½,  u_l = (cos θ_l, sin θ_l),
    ///     θ_l = π·l / L,  l = 0 … L−1
    ///
    /// The directions are fixed and evenly spaced over the half circle (a direction and its
    /// opposite give the same 1-D distance), so the value is deterministic; the average is
    /// the rectangle rule for (1/π)∫₀^π W₂²(θ) dθ, which converges fast because the
    /// integrand is smooth and periodic. In one dimension
    /// W₂²(a, b) = ∫₀¹ (F_a⁻¹(u) − F_b⁻¹(u))² du, computed exactly from the sorted
    /// projections: for n = m it is the mean of (a_(i) − b_(i))²; for n ≠ m the two
    /// step-function quantile functions are merged at the breakpoints i/n and j/m (integer
    /// arithmetic decides which comes first). Units of x; ≥ 0; a metric on distributions.
    ///
    /// - Parameter projections: L ≥ 1 (default 64).
    public static func slicedWasserstein(_ x: [Float], _ y: [Float],
                                         projections: Int = defaultProjections) -> Double {
        precondition(projections >= 1, "sliced Wasserstein needs at least one projection")
        if let v = trivialValue(x, y) { return v }
        return slicedWasserstein(_Points(interleaved: x), _Points(interleaved: y), projections: projections)
    }

    static func slicedWasserstein(_ x: _Points, _ y: _Points, projections L: Int) -> Double {
        guard x.isFinite && y.isFinite else { return .nan }
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

    /// W₂² between two 1-D empirical distributions given sorted: ∫₀¹ (F_a⁻¹ − F_b⁻¹)².
    /// Time runs in units of 1/(n·m): a's i-th value covers (i·m, (i+1)·m], b's j-th covers
    /// (j·n, (j+1)·n], so breakpoints compare exactly as integers.
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

    /// At most this many pooled points (taken with a fixed stride) enter the median
    /// heuristic, so choosing σ costs O(1) pairs instead of O((n+m)²).
    public static let bandwidthSubsample = 500

    /// Squared maximum mean discrepancy with a Gaussian RBF kernel, biased V-statistic
    /// (Gretton, Borgwardt, Rasch, Schölkopf & Smola, "A kernel two-sample test", JMLR 13, 2012):
    ///
    ///     MMD²_b(X, Y) = 1/n² Σ_ii' k(x_i, x_i') + 1/m² Σ_jj' k(y_j, y_j') − 2/(n·m) Σ_ij k(x_i, y_j)
    ///     k(a, b) = exp(−‖a − b‖² / (2σ²))
    ///
    /// The returned value is MMD² (not its square root). It is the squared distance between
    /// the kernel mean embeddings, so it is ≥ 0 even for finite samples (rounding below 0 is
    /// clamped), 0 for identical sets, at most 2, and in the population 0 exactly when the
    /// distributions are equal (the Gaussian kernel is characteristic).
    /// σ comes from `bandwidth` (on the full sets); see ``MMDBandwidth`` and
    /// ``medianHeuristicSigma(_:_:)``.
    ///
    /// Cost: every kernel value needs an exponential, so the sums use at most `maxPoints`
    /// points of each set (default ``mmdMaxPoints`` = 1,000), spread evenly through it
    /// (indices ⌊i·n/maxPoints⌋, deterministic, proportions of a grouped set kept). Pass
    /// `Int.max` for all pairs. With 1,000 per set the V-statistic's bias for two samples
    /// of one distribution is about (2/1000)·(1 − E k(X, X')), which is the noise floor.
    /// Kernel values are evaluated in Float (a vectorised e^x, relative error ≈ 2·10⁻⁷),
    /// summed in Double.
    public static func mmdRBF(_ x: [Float], _ y: [Float], bandwidth: MMDBandwidth = .medianHeuristic,
                              maxPoints: Int = mmdMaxPoints) -> Double {
        if let v = trivialValue(x, y) { return v }
        return mmdRBF(_Points(interleaved: x), _Points(interleaved: y), bandwidth: bandwidth, maxPoints: maxPoints)
    }

    static func mmdRBF(_ x: _Points, _ y: _Points, bandwidth: MMDBandwidth, maxPoints: Int) -> Double {
        precondition(maxPoints >= 1, "maxPoints must be ≥ 1")
        guard x.isFinite && y.isFinite else { return .nan }
        let sigma: Double
        switch bandwidth {
        case .medianHeuristic: sigma = medianHeuristicSigma(x, y)
        case let .fixed(s):
            precondition(s > 0 && s.isFinite, "MMD bandwidth σ must be finite and > 0, got \(s)")
            sigma = s
        }
        let f = _GaussianKernel(gamma: Float(1 / (2 * sigma * sigma)))
        let x = x.thinned(to: maxPoints), y = y.thinned(to: maxPoints)
        let n = Double(x.count), m = Double(y.count)
        let xy = _crossSum(x, y, f) / (n * m)
        let xx = _selfSum(x, f) / (n * n)
        let yy = _selfSum(y, f) / (m * m)
        return _clampedAtZero((xx - xy) + (yy - xy))
    }

    /// The median heuristic bandwidth σ for X ∪ Y:
    ///
    ///     σ² = ½ · median{ ‖z_a − z_b‖² : a < b, ‖z_a − z_b‖ > 0 }
    ///
    /// over the pooled points z (X then Y), thinned to at most ``bandwidthSubsample`` points
    /// with the fixed stride ⌈(n+m)/500⌉ (deterministic). This is the rule of Gretton et al.'s
    /// reference code (`sig = sqrt(0.5*median(dists(dists>0)))`), under which
    /// k = exp(−d² / median d²), i.e. k = e⁻¹ at the median pair distance. For an even number
    /// of pairs the median is the mean of the two middle values. If no two points differ,
    /// σ = 1 (every kernel value is then 1 and MMD² = 0 whatever σ is).
    public static func medianHeuristicSigma(_ x: [Float], _ y: [Float]) -> Double {
        medianHeuristicSigma(_Points(interleaved: x), _Points(interleaved: y))
    }

    static func medianHeuristicSigma(_ x: _Points, _ y: _Points) -> Double {
        let total = x.count + y.count
        let stride = Swift.max(1, (total + bandwidthSubsample - 1) / bandwidthSubsample)
        var zx: [Double] = [], zy: [Double] = []
        var idx = 0
        while idx < total {
            if idx < x.count { zx.append(Double(x.x[idx])); zy.append(Double(x.y[idx])) }
            else { zx.append(Double(y.x[idx - x.count])); zy.append(Double(y.y[idx - x.count])) }
            idx += stride
        }
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
        let c = d2.count
        var median = _select(&d2, c / 2)
        if c % 2 == 0 {
            // After selection every element before c/2 is ≤ the one at c/2: the lower middle
            // value is their maximum.
            median = 0.5 * (median + d2[..<(c / 2)].max()!)
        }
        return (0.5 * median).squareRoot()
    }
}

/// Clamps a V-statistic that is ≥ 0 in exact arithmetic; NaN passes through.
@inline(__always)
func _clampedAtZero(_ v: Double) -> Double { v < 0 ? 0 : v }
