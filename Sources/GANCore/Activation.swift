import Foundation

/// Hidden-layer nonlinearities. Each is applied in the same pass as the bias add
/// (``Activation/applyBias(_:bias:)``), and differentiated from its *output*, so the
/// backward pass needs no stored pre-activations.
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

    /// y[i, j] ← f(y[i, j] + b[j]) for a row-major `[rows, cols]` block: the fused
    /// bias-add-and-activate pass that follows every GEMM.
    public func applyBias(_ y: Matrix, bias b: UnsafePointer<Float>) {
        let rows = y.rows, cols = y.cols
        var p = y.data
        switch self {
        case .identity:
            for _ in 0..<rows { for j in 0..<cols { p[j] += b[j] }; p += cols }
        case .relu:
            for _ in 0..<rows { for j in 0..<cols { p[j] = Swift.max(p[j] + b[j], 0) }; p += cols }
        case .leakyRelu:
            let s = Activation.leakySlope
            for _ in 0..<rows {
                for j in 0..<cols { let u = p[j] + b[j]; p[j] = u > 0 ? u : s * u }
                p += cols
            }
        case .tanh:
            for _ in 0..<rows { for j in 0..<cols { p[j] = Foundation.tanh(p[j] + b[j]) }; p += cols }
        }
    }

    /// delta ← dy ⊙ f'(y) over a `[rows, cols]` block (`delta` may alias `dy`), and, when
    /// `columnSums` is given, columnSums[j] ← Σ_i delta[i, j] in the same pass (the bias
    /// gradient), so the backward pass reads the block once.
    public func backward(dy: UnsafePointer<Float>, output y: UnsafePointer<Float>,
                         into delta: UnsafeMutablePointer<Float>, rows: Int, cols: Int,
                         columnSums db: UnsafeMutablePointer<Float>?) {
        guard let db else {
            backward(dy: dy, output: y, into: delta, count: rows * cols)
            return
        }
        db.update(repeating: 0, count: cols)
        var o = 0
        switch self {
        case .identity:
            for _ in 0..<rows {
                for j in 0..<cols { let d = dy[o + j]; delta[o + j] = d; db[j] += d }
                o += cols
            }
        case .relu:
            for _ in 0..<rows {
                for j in 0..<cols { let d = y[o + j] > 0 ? dy[o + j] : 0; delta[o + j] = d; db[j] += d }
                o += cols
            }
        case .leakyRelu:
            let s = Activation.leakySlope
            for _ in 0..<rows {
                for j in 0..<cols { let d = y[o + j] > 0 ? dy[o + j] : s * dy[o + j]; delta[o + j] = d; db[j] += d }
                o += cols
            }
        case .tanh:
            for _ in 0..<rows {
                for j in 0..<cols { let v = y[o + j]; let d = dy[o + j] * (1 - v * v); delta[o + j] = d; db[j] += d }
                o += cols
            }
        }
    }

    /// out[i] ← dy[i] · f'(at output y[i]) for `count` elements (`out` may alias `dy`).
    public func backward(dy: UnsafePointer<Float>, output y: UnsafePointer<Float>,
                         into out: UnsafeMutablePointer<Float>, count: Int) {
        switch self {
        case .identity:
            if UnsafePointer(out) != dy { out.update(from: dy, count: count) }
        case .relu:
            for i in 0..<count { out[i] = y[i] > 0 ? dy[i] : 0 }
        case .leakyRelu:
            let s = Activation.leakySlope
            for i in 0..<count { out[i] = y[i] > 0 ? dy[i] : s * dy[i] }
        case .tanh:
            for i in 0..<count { out[i] = dy[i] * (1 - y[i] * y[i]) }
        }
    }
}
