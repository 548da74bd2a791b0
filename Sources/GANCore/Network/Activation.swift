import Foundation

/// Hidden-layer nonlinearities, applied in the bias-add pass and differentiated from their
/// *output*, so the backward pass needs no stored pre-activations.
public enum Activation: String, Sendable, CaseIterable, Codable {
    /// f(u) = u.
    case identity
    /// f(u) = max(u, 0); f' = 1 where the output is positive, else 0.
    case relu
    /// f(u) = u for u > 0, 0.2·u otherwise (slope ``leakySlope``).
    case leakyRelu = "leaky-relu"
    /// f(u) = tanh u; f' = 1 − f².
    case tanh

    /// Negative-side slope of ``leakyRelu``.
    public static let leakySlope: Float = 0.2

    /// Whether a unit with output `y` passes useful gradient: y > 0 for (leaky) ReLU, |y| < 0.99
    /// for tanh (saturated units pass almost none), always for identity.
    public func isActive(_ y: Float) -> Bool {
        switch self {
        case .identity: return true
        case .relu, .leakyRelu: return y > 0
        case .tanh: return abs(y) < 0.99
        }
    }

    /// y[i, j] ← f(y[i, j] + b[j]) over a `[rows, cols]` block: the pass after every GEMM
    /// (plain scalar loops, which the compiler vectorizes).
    public func applyBias(_ y: Matrix, bias b: UnsafePointer<Float>) {
        switch self {
        case .identity: Self.eachElement(y, bias: b) { $0 }
        // Swift.max(u, 0) is `0 >= u ? 0 : u`, so NaN stays NaN.
        case .relu: Self.eachElement(y, bias: b) { Swift.max($0, 0) }
        case .leakyRelu: Self.eachElement(y, bias: b) { $0 > 0 ? $0 : Activation.leakySlope * $0 }
        case .tanh: Self.eachElement(y, bias: b) { Activation.tanh($0) }
        }
    }

    /// tanh u within 3e-7: odd degree-13 over even degree-6 polynomial in u clamped to ±7.9053
    /// (where Float's tanh is ±1). Branch-free, so it vectorizes (libm's scalar tanh would
    /// dominate a tanh network's step). NaN stays NaN.
    @inline(__always)
    static func tanh(_ u: Float) -> Float {
        let x = Swift.min(Swift.max(u, -7.90531110763549805), 7.90531110763549805), x2 = x * x
        var p: Float = -2.76076847742355e-16
        p = p * x2 + 2.00018790482477e-13
        p = p * x2 - 8.60467152213735e-11
        p = p * x2 + 5.12229709037114e-08
        p = p * x2 + 1.48572235717979e-05
        p = p * x2 + 6.37261928875436e-04
        p = p * x2 + 4.89352455891786e-03
        var q: Float = 1.19825839466702e-06
        q = q * x2 + 1.18534705686654e-04
        q = q * x2 + 2.26843463243900e-03
        q = q * x2 + 4.89352518554385e-03
        return x * p / q
    }

    @inline(__always)
    private static func eachElement(_ y: Matrix, bias b: UnsafePointer<Float>, _ f: (Float) -> Float) {
        let cols = y.cols
        var p = y.data
        for _ in 0..<y.rows {
            for j in 0..<cols { p[j] = f(p[j] + b[j]) }
            p += cols
        }
    }

    /// delta ← dy ⊙ f'(y) over a `[rows, cols]` block (`delta` may alias `dy`: each chunk is
    /// loaded before it is stored) and, given `columnSums`, the bias gradient
    /// columnSums[j] ← Σ_i delta[i, j] in the same pass.
    public func backward(dy: UnsafePointer<Float>, output y: UnsafePointer<Float>,
                         into delta: UnsafeMutablePointer<Float>, rows: Int, cols: Int,
                         columnSums db: UnsafeMutablePointer<Float>?) {
        if self == .identity && db == nil {
            if UnsafePointer(delta) != dy { delta.update(from: dy, count: rows * cols) }
            return
        }
        // Without sums the block is one long row, so the lanes run over contiguous memory.
        let (r, c) = db == nil ? (1, rows * cols) : (rows, cols)
        withDerivative { lanes, one in
            Self.backwardColumns(dy: dy, y: y, delta: delta, rows: r, cols: c, db: db, lanes, one)
        }
    }

    /// Calls `body` with dy·f'(y) for 16 lanes and for one element: the same function twice,
    /// so the lane and leftover paths give the same bits.
    @inline(__always)
    private func withDerivative(_ body: (_ lanes: (SIMD16<Float>, SIMD16<Float>) -> SIMD16<Float>,
                                         _ one: (Float, Float) -> Float) -> Void) {
        switch self {
        case .identity:
            body({ d, _ in d }, { d, _ in d })
        case .relu:
            body({ d, v in d.replacing(with: 0, where: .!(v .> 0)) }, { d, v in v > 0 ? d : 0 })
        case .leakyRelu:
            let s = Activation.leakySlope
            body({ d, v in d.replacing(with: s * d, where: .!(v .> 0)) }, { d, v in v > 0 ? d : s * d })
        case .tanh:
            body({ d, v in d * (1 - v * v) }, { d, v in d * (1 - v * v) })
        }
    }

    /// 16 columns at a time, each column's sum (stored when `db` is given) in a register down the
    /// rows: the same operations in the same order as a row-by-row loop, so bit-identical to it.
    @inline(__always)
    private static func backwardColumns(dy: UnsafePointer<Float>, y: UnsafePointer<Float>,
                                        delta: UnsafeMutablePointer<Float>, rows: Int, cols: Int,
                                        db: UnsafeMutablePointer<Float>?,
                                        _ lanes: (SIMD16<Float>, SIMD16<Float>) -> SIMD16<Float>,
                                        _ one: (Float, Float) -> Float) {
        typealias V = SIMD16<Float>
        let rawDy = UnsafeRawPointer(dy), rawY = UnsafeRawPointer(y), rawDelta = UnsafeMutableRawPointer(delta)
        var j = 0
        while j + V.scalarCount <= cols {
            var sum = V()
            var o = j
            for _ in 0..<rows {
                let d = lanes(rawDy.loadUnaligned(fromByteOffset: o * 4, as: V.self),
                              rawY.loadUnaligned(fromByteOffset: o * 4, as: V.self))
                rawDelta.storeBytes(of: d, toByteOffset: o * 4, as: V.self)
                sum += d
                o += cols
            }
            if let db { UnsafeMutableRawPointer(db + j).storeBytes(of: sum, as: V.self) }
            j += V.scalarCount
        }
        while j < cols {
            var sum: Float = 0
            var o = j
            for _ in 0..<rows {
                let d = one(dy[o], y[o])
                delta[o] = d
                sum += d
                o += cols
            }
            db?[j] = sum
            j += 1
        }
    }
}
