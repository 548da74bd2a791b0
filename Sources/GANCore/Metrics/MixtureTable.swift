import Foundation

/// Not API: per-component constants of a mixture, so one sample costs K multiply-adds:
///
///     d²_k(x)        = (x − μ_k1)² / σ²_k1 + (y − μ_k2)² / σ²_k2        (squared Mahalanobis)
///     log π_k N_k(x) = c_k − ½ d²_k(x),  c_k = log π_k − log 2π − ½ log(σ²_k1 σ²_k2)
///
/// (c_k = −∞ for a component of weight 0.)
struct _MixtureTable {
    let K: Int
    let mx: [Double], my: [Double]        // μ_k
    let ix: [Double], iy: [Double]        // 1 / σ²_k
    let c: [Double]                       // c_k

    init(_ g: GaussianMixture) {
        K = g.componentCount
        mx = g.means.map { $0[0] }
        my = g.means.map { $0[1] }
        ix = g.variances.map { 1 / $0[0] }
        iy = g.variances.map { 1 / $0[1] }
        c = (0..<g.componentCount).map { k in
            log(g.weights[k]) - log(2 * Double.pi) - 0.5 * log(g.variances[k][0] * g.variances[k][1])
        }
    }

    /// d²_k for every k into `d2`; returns the nearest component (smallest d², first on
    /// ties) or −1 when the point is not finite.
    @inline(__always)
    func squaredMahalanobis(_ x: Double, _ y: Double, into d2: UnsafeMutablePointer<Double>) -> Int {
        var best = Double.infinity, arg = -1
        for k in 0..<K {
            let dx = x - mx[k], dy = y - my[k]
            let d = dx * dx * ix[k] + dy * dy * iy[k]
            d2[k] = d
            if d < best { best = d; arg = k }
        }
        return arg
    }

    /// a_k = log π_k N_k(x) into `a`; returns log p(x) = log Σ_k e^{a_k} by log-sum-exp:
    /// max_k a_k + log Σ_k e^{a_k − max}, exact up to rounding anywhere in the plane.
    @inline(__always)
    func logJoint(fromSquaredMahalanobis d2: UnsafePointer<Double>, into a: UnsafeMutablePointer<Double>) -> Double {
        var amax = -Double.infinity
        for k in 0..<K {
            a[k] = c[k] - 0.5 * d2[k]
            if a[k] > amax { amax = a[k] }
        }
        guard amax > -.infinity else { return -.infinity }   // every N_k underflowed (|x| ≳ 1e154)
        var s = 0.0
        for k in 0..<K { s += exp(a[k] - amax) }
        return amax + log(s)
    }
}

/// Not API: everything the mixture metrics need, from one pass over the samples.
struct _MixtureScan {
    var n = 0
    var nearestCounts: [Int]                // samples whose nearest component is k
    var highQualityCounts: [Int]            // high-quality ones among them
    var sumLogDensity = 0.0                 // Σ_i log p(x_i)
    var posteriorSums: [Double]             // Σ_i p(k | x_i)
    var sumNegEntropy = 0.0                 // Σ_i Σ_k p(k | x_i) log p(k | x_i) = −Σ_i H(p(·|x_i))
    var allFinite = true                    // false once any coordinate is NaN or ±∞

    init(samples p: [Float], table t: _MixtureTable, highQualityThreshold: Double) {
        precondition(p.count % 2 == 0, "interleaved points need an even number of floats, got \(p.count)")
        let K = t.K
        nearestCounts = Array(repeating: 0, count: K)
        highQualityCounts = Array(repeating: 0, count: K)
        posteriorSums = Array(repeating: 0, count: K)
        let t2 = highQualityThreshold * highQualityThreshold
        n = p.count / 2
        // Scratch per sample: d²_k, then a_k = log π_k N_k.
        withUnsafeTemporaryAllocation(of: Double.self, capacity: 2 * K) { buf in
            let d2 = buf.baseAddress!, a = d2 + K
            for i in 0..<n {
                let x = Double(p[2 * i]), y = Double(p[2 * i + 1])
                guard x.isFinite && y.isFinite else { allFinite = false; continue }
                let k = t.squaredMahalanobis(x, y, into: d2)
                nearestCounts[k] += 1
                if d2[k] <= t2 { highQualityCounts[k] += 1 }
                let lse = t.logJoint(fromSquaredMahalanobis: d2, into: a)
                sumLogDensity += lse
                for j in 0..<K {
                    let logPost = a[j] - lse            // log p(j | x) ≤ 0
                    if logPost < -745 { continue }     // e^logPost underflows to 0: no term
                    let pj = exp(logPost)
                    posteriorSums[j] += pj
                    sumNegEntropy += pj * logPost
                }
            }
        }
    }
}
