// Not API: the O(n·m) inner loops behind ``TwoSampleDistances``.
//
// Points live as structure-of-arrays Doubles (`_Points`); the loops run four pairs at a time
// in `SIMD4<Double>` with one vector accumulator, so the order of the additions is fixed by
// the code (the compiler may not reassociate floating-point sums) and results are
// reproducible bit for bit.

/// A 2-D point set as separate x and y columns in Double (converted once from the trainer's
/// interleaved Floats).
struct _Points {
    var x: [Double]
    var y: [Double]
    var count: Int { x.count }

    /// Splits interleaved `[x0, y0, x1, y1, …]`. The count must be even.
    init(interleaved p: [Float]) {
        precondition(p.count % 2 == 0, "interleaved points need an even number of floats, got \(p.count)")
        let n = p.count / 2
        x = [Double](unsafeUninitializedCapacity: n) { buf, done in
            for i in 0..<n { buf[i] = Double(p[2 * i]) }
            done = n
        }
        y = [Double](unsafeUninitializedCapacity: n) { buf, done in
            for i in 0..<n { buf[i] = Double(p[2 * i + 1]) }
            done = n
        }
    }

    init(x: [Double], y: [Double]) {
        precondition(x.count == y.count)
        self.x = x
        self.y = y
    }

    /// True when every coordinate is finite.
    var isFinite: Bool { x.allSatisfy(\.isFinite) && y.allSatisfy(\.isFinite) }
}

/// A radial kernel f(‖a − b‖²), evaluated on four squared distances at once.
protocol _RadialKernel {
    func callAsFunction(_ d2: SIMD4<Double>) -> SIMD4<Double>
}

/// f(d²) = d: the Euclidean distance (energy distance).
struct _DistanceKernel: _RadialKernel {
    @inline(__always)
    func callAsFunction(_ d2: SIMD4<Double>) -> SIMD4<Double> { d2.squareRoot() }
}

/// f(d²) = exp(−γ d²), γ = 1 / (2σ²): the Gaussian RBF kernel (MMD).
struct _GaussianKernel: _RadialKernel {
    let gamma: Double
    @inline(__always)
    func callAsFunction(_ d2: SIMD4<Double>) -> SIMD4<Double> { _expNonPositive(-gamma * d2) }
}

/// Σ_i Σ_j f(‖a_i − b_j‖²) over all n·m pairs.
func _crossSum<K: _RadialKernel>(_ a: _Points, _ b: _Points, _ f: K) -> Double {
    a.x.withUnsafeBufferPointer { ax in a.y.withUnsafeBufferPointer { ay in
    b.x.withUnsafeBufferPointer { bx in b.y.withUnsafeBufferPointer { by in
        var acc = SIMD4<Double>.zero
        for i in 0..<ax.count {
            acc += _rowSum(ax[i], ay[i], bx.baseAddress!, by.baseAddress!, from: 0, to: bx.count, f)
        }
        return acc.sum()
    } } } }
}

/// Σ_i Σ_i' f(‖a_i − a_i'‖²) over all n² ordered pairs, computed as
/// n·f(0) + 2 Σ_{i<i'} f(‖a_i − a_i'‖²) (each unordered pair once).
func _selfSum<K: _RadialKernel>(_ a: _Points, _ f: K) -> Double {
    a.x.withUnsafeBufferPointer { ax in a.y.withUnsafeBufferPointer { ay in
        let n = ax.count
        var acc = SIMD4<Double>.zero
        for i in 0..<n {
            acc += _rowSum(ax[i], ay[i], ax.baseAddress!, ay.baseAddress!, from: i + 1, to: n, f)
        }
        let diagonal = Double(n) * f(.zero)[0]
        return diagonal + 2 * acc.sum()
    } }
}

/// Σ_{j ∈ [from, to)} f(‖p − b_j‖²) as four lane sums; a partial last vector is masked.
@inline(__always)
func _rowSum<K: _RadialKernel>(_ px: Double, _ py: Double,
                               _ bx: UnsafePointer<Double>, _ by: UnsafePointer<Double>,
                               from: Int, to: Int, _ f: K) -> SIMD4<Double> {
    let vx = SIMD4<Double>(repeating: px), vy = SIMD4<Double>(repeating: py)
    var acc = SIMD4<Double>.zero
    var j = from
    while j + 4 <= to {
        let dx = vx - UnsafeRawPointer(bx + j).loadUnaligned(as: SIMD4<Double>.self)
        let dy = vy - UnsafeRawPointer(by + j).loadUnaligned(as: SIMD4<Double>.self)
        acc += f(dx * dx + dy * dy)
        j += 4
    }
    if j < to {
        var dx = SIMD4<Double>.zero, dy = SIMD4<Double>.zero
        var mask = SIMD4<Double>.zero
        for l in 0..<(to - j) {
            dx[l] = px - bx[j + l]
            dy[l] = py - by[j + l]
            mask[l] = 1
        }
        acc += mask * f(dx * dx + dy * dy)
    }
    return acc
}

/// e^x for x ≤ 0, four lanes at once, relative error below 1e-14.
///
/// x = k·ln 2 + r with k = round(x / ln 2) and |r| ≤ ln 2 / 2 (ln 2 split in a high and low
/// part, Cody–Waite); e^r by its Taylor polynomial of degree 11, whose remainder is at most
/// (ln 2 / 2)¹² / 12! ≈ 6·10⁻¹⁵; 2^k built directly in the exponent bits. Adding
/// 1.5·2⁵² rounds x / ln 2 to the nearest integer and leaves k in the low mantissa bits.
/// Inputs below −708 are clamped there (e^−708 ≈ 3·10⁻³⁰⁸, still a normal number).
@inline(__always)
func _expNonPositive(_ x: SIMD4<Double>) -> SIMD4<Double> {
    let x = x.replacing(with: -708, where: x .< -708)
    let shifter = SIMD4<Double>(repeating: 0x1.8p52)
    let shifted = x * 1.4426950408889634 + shifter          // 1.5·2⁵² + k
    let k = shifted - shifter
    let r = (x - k * 6.93147180369123816490e-01) - k * 1.90821492927058770002e-10
    var p = SIMD4<Double>(repeating: 1.0 / 39916800)         // 1/11!
    p = p * r + 1.0 / 3628800
    p = p * r + 1.0 / 362880
    p = p * r + 1.0 / 40320
    p = p * r + 1.0 / 5040
    p = p * r + 1.0 / 720
    p = p * r + 1.0 / 120
    p = p * r + 1.0 / 24
    p = p * r + 1.0 / 6
    p = p * r + 0.5
    p = p * r + 1
    p = p * r + 1
    let kBits = unsafeBitCast(shifted, to: SIMD4<UInt64>.self) &- 0x4338_0000_0000_0000
    let scale = unsafeBitCast((kBits &+ 1023) &<< 52, to: SIMD4<Double>.self)  // 2^k
    return p * scale
}

/// The k-th smallest element (0-based) of `v`, reordering `v` (Hoare quickselect with a
/// median-of-three pivot; deterministic). Afterwards v[..<k] ≤ v[k] ≤ v[(k+1)...].
func _select(_ v: inout [Double], _ k: Int) -> Double {
    precondition(k >= 0 && k < v.count)
    return v.withUnsafeMutableBufferPointer { a in
        var lo = 0, hi = a.count - 1
        while lo < hi {
            let mid = lo + (hi - lo) / 2
            if a[mid] < a[lo] { a.swapAt(mid, lo) }
            if a[hi] < a[lo] { a.swapAt(hi, lo) }
            if a[hi] < a[mid] { a.swapAt(hi, mid) }
            let pivot = a[mid]
            var i = lo, j = hi
            while i <= j {
                while a[i] < pivot { i += 1 }
                while pivot < a[j] { j -= 1 }
                if i <= j { a.swapAt(i, j); i += 1; j -= 1 }
            }
            if k <= j { hi = j } else if k >= i { lo = i } else { break }
        }
        return a[k]
    }
}
