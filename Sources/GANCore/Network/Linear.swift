/// A fully connected layer y = x·W + b with a hand-written backward pass. It owns no memory:
/// `W` `[in, out]` and `b` `[out]` are views into the network's flat parameter buffer, `dW`
/// and `db` into its gradient buffer, so one optimizer pass updates every layer.
public struct Linear {
    /// Input width.
    public let inFeatures: Int
    /// Output width.
    public let outFeatures: Int
    /// Weights `[in, out]`.
    public let W: Matrix
    /// Bias `[out]`.
    public let b: UnsafeMutablePointer<Float>
    /// Gradient of the loss with respect to `W`, `[in, out]`.
    public let dW: Matrix
    /// Gradient of the loss with respect to `b`, `[out]`.
    public let db: UnsafeMutablePointer<Float>

    /// Number of parameters: in·out weights plus out biases.
    public static func parameterCount(inFeatures: Int, outFeatures: Int) -> Int {
        inFeatures * outFeatures + outFeatures
    }

    /// A layer whose parameters start `offset` floats into `params` (gradients likewise in `grads`).
    public init(inFeatures: Int, outFeatures: Int, params: FloatBuffer, grads: FloatBuffer, offset: Int) {
        self.inFeatures = inFeatures
        self.outFeatures = outFeatures
        W = params.matrix(rows: inFeatures, cols: outFeatures, offset: offset)
        dW = grads.matrix(rows: inFeatures, cols: outFeatures, offset: offset)
        b = params.base + offset + inFeatures * outFeatures
        db = grads.base + offset + inFeatures * outFeatures
    }

    /// Weights drawn by `scheme` (`std` is ``WeightInitialization/normal``'s σ), biases zero.
    public func initialize(_ scheme: WeightInitialization = .normal, std: Float, rng: inout RNG) {
        switch scheme {
        case .normal:
            rng.fillNormal(W.data, count: W.count, std: std)
        case .glorot:
            let a = (6 / Float(inFeatures + outFeatures)).squareRoot()
            rng.fillUniform(W.data, count: W.count, lo: -a, hi: a)
        }
        b.update(repeating: 0, count: outFeatures)
    }

    /// y ← f(x·W + b) `// [batch, in] × [in, out] → [batch, out]`
    public func forward(_ x: Matrix, into y: Matrix, activation: Activation = .identity) {
        Matrix.gemm(x, W, into: y)
        activation.applyBias(y, bias: b)
    }

    /// From `delta = ∂L/∂(xW + b)`: dW ← xᵀ·delta `// [in, batch] × [batch, out]`; db ← Σ_rows delta
    /// comes from the activation's backward pass (``Activation/backward(dy:output:into:rows:cols:columnSums:)``).
    public func backwardWeights(x: Matrix, delta: Matrix) {
        Matrix.gemm(x, delta, into: dW, transposeA: true)
    }

    /// Input gradient dx ← delta·Wᵀ `// [batch, out] × [out, in] → [batch, in]`.
    public func backwardInput(delta: Matrix, into dx: Matrix) {
        Matrix.gemm(delta, W, into: dx, transposeB: true)
    }
}
