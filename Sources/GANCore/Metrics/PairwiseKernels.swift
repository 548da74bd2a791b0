// Not API: the O(n·m) loops behind ``TwoSampleDistances``, eight pairs at a time in
// `SIMD8<Float>` into one `SIMD8<Double>` accumulator: the order of the additions is fixed
// by the code, so results reproduce bit for bit. Each pair's term is evaluated in Float
// (relative error about 2·10⁻⁷, rounding as often up as down); sums over millions of pairs
// are Double sums.

/// A 2-D point set as x and y columns in Float, the precision the points arrive in.
struct _Points {
    var x: [Float]
    var y: [Float]
    var count: Int { x.count }
}

extension _Points {
    /// Splits interleaved `[x0, y0, x1, y1, …]`. The count must be even.
    init(interleaved p: [Float]) {
        precondition(p.count % 2 == 0, "interleaved points need an even number of floats, got \(p.count)")
        let n = p.count / 2
        self.init(x: (0..<n).map { p[2 * $0] }, y: (0..<n).map { p[2 * $0 + 1] })
    }
}

/// A radial kernel f(‖a − b‖²), evaluated on eight squared distances at once.
protocol _RadialKernel {
    func callAsFunction(_ d2: SIMD8<Float>) -> SIMD8<Float>
}

/// f(d²) = d: the Euclidean distance (energy distance).
struct _DistanceKernel: _RadialKernel {
    @inline(__always)
    func callAsFunction(_ d2: SIMD8<Float>) -> SIMD8<Float> { vectorSquareRoot(d2) }
}

/// f(d²) = exp(−γ d²), γ = 1 / (2σ²): the Gaussian RBF kernel (MMD).
struct _GaussianKernel: _RadialKernel {
    let gamma: Float
    @inline(__always)
    func callAsFunction(_ d2: SIMD8<Float>) -> SIMD8<Float> { _expNonPositive(-gamma * d2) }
}

/// Σ_i Σ_j f(‖a_i − b_j‖²) over all n·m pairs.
func _crossSum<K: _RadialKernel>(_ a: _Points, _ b: _Points, _ f: K) -> Double {
    a.x.withUnsafeBufferPointer { ax in a.y.withUnsafeBufferPointer { ay in
    b.x.withUnsafeBufferPointer { bx in b.y.withUnsafeBufferPointer { by in
        var acc = SIMD8<Double>.zero
        for i in 0..<ax.count {
            _addRow(ax[i], ay[i], bx.baseAddress!, by.baseAddress!, from: 0, to: bx.count, f, into: &acc)
        }
        return acc.sum()
    } } } }
}

/// Σ_i Σ_i' f(‖a_i − a_i'‖²) over all n² ordered pairs, computed as
/// n·f(0) + 2 Σ_{i<i'} f(‖a_i − a_i'‖²) (each unordered pair once).
func _selfSum<K: _RadialKernel>(_ a: _Points, _ f: K) -> Double {
    a.x.withUnsafeBufferPointer { ax in a.y.withUnsafeBufferPointer { ay in
        let n = ax.count
        var acc = SIMD8<Double>.zero
        for i in 0..<n {
            _addRow(ax[i], ay[i], ax.baseAddress!, ay.baseAddress!, from: i + 1, to: n, f, into: &acc)
        }
        let diagonal = Double(n) * Double(f(.zero)[0])
        return diagonal + 2 * acc.sum()
    } }
}

/// acc += f(‖p − b_j‖²) for j ∈ [from, to), eight lanes at a time, the last vector masked.
@inline(__always)
func _addRow<K: _RadialKernel>(_ px: Float, _ py: Float,
                               _ bx: UnsafePointer<Float>, _ by: UnsafePointer<Float>,
                               from: Int, to: Int, _ f: K, into acc: inout SIMD8<Double>) {
    let vx = SIMD8<Float>(repeating: px), vy = SIMD8<Float>(repeating: py)
    var j = from
    while j + 8 <= to {
        let dx = vx - UnsafeRawPointer(bx + j).loadUnaligned(as: SIMD8<Float>.self)
        let dy = vy - UnsafeRawPointer(by + j).loadUnaligned(as: SIMD8<Float>.self)
        acc += SIMD8<Double>(f(dx * dx + dy * dy))
        j += 8
    }
    if j < to {
        var dx = SIMD8<Float>.zero, dy = SIMD8<Float>.zero
        var mask = SIMD8<Float>.zero
        for l in 0..<(to - j) {
            dx[l] = px - bx[j + l]
            dy[l] = py - by[j + l]
            mask[l] = 1
        }
        acc += SIMD8<Double>(mask * f(dx * dx + dy * dy))
    }
}

/// e^x for x ≤ 0, eight Float lanes, relative error about 2·10⁻⁷: x = k·ln 2 + r, k = round(x / ln 2)
/// (adding 1.5·2²³ rounds and leaves k in the low mantissa bits), |r| ≤ ln 2 / 2 (Cody–Waite);
/// e^r by Taylor to degree 7 (remainder ≤ (ln 2 / 2)⁸ / 8! ≈ 5·10⁻⁹); 2^k into the exponent
/// bits. x is clamped at −87 (e^−87 ≈ 1.6·10⁻³⁸, still normal).
@inline(__always)
func _expNonPositive(_ x: SIMD8<Float>) -> SIMD8<Float> {
    let x = x.replacing(with: -87, where: x .< -87)
    let shifter = SIMD8<Float>(repeating: 0x1.8p23)
    let shifted = x * 1.44269504 + shifter                // 1.5·2²³ + k
    let k = shifted - shifter
    let r = (x - k * 0.693359375) - k * -2.12194440e-4     // ln 2 = 0.693359375 − 2.12194440e-4
    var p = SIMD8<Float>(repeating: 1.0 / 5040)            // 1/7!
    p = p * r + 1.0 / 720
    p = p * r + 1.0 / 120
    p = p * r + 1.0 / 24
    p = p * r + 1.0 / 6
    p = p * r + 0.5
    p = p * r + 1
    p = p * r + 1
    let kBits = unsafeBitCast(shifted, to: SIMD8<UInt32>.self) &- 0x4B40_0000
    let scale = unsafeBitCast((kBits &+ 127) &<< 23, to: SIMD8<Float>.self)   // 2^k
    return p * scale
}
