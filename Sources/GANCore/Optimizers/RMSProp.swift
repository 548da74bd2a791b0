/// RMSProp as PyTorch's `torch.optim.RMSprop` with its defaults (not centred, no momentum; the
/// WGAN authors'): v ← α·v + (1 − α)·g², θ ← θ − lr·g/(√v + ε), v₀ = 0, α = 0.99, ε = 1e-8.
public final class RMSProp: Optimizer {
    /// Step size lr.
    public var learningRate: Float
    /// Decay α of the running mean of squared gradients.
    public let alpha: Float
    /// ε added to the root of the mean square.
    public let epsilon: Float
    /// Running mean of g², one per parameter.
    public let v: FloatBuffer
    /// Updates begun so far.
    public var t = 0

    /// An optimizer for `parameterCount` parameters, mean square 0.
    public init(parameterCount: Int, learningRate: Float, alpha: Float = 0.99, epsilon: Float = 1e-8) {
        self.learningRate = learningRate
        self.alpha = alpha
        self.epsilon = epsilon
        v = FloatBuffer(count: parameterCount)
    }

    /// v.
    public var stateBuffers: [FloatBuffer] { [v] }

    public func apply(params: UnsafeMutablePointer<Float>, grads: UnsafePointer<Float>, range: Range<Int>) {
        let a = alpha, c = 1 - alpha, eps = epsilon, lr = learningRate
        let vp = v.base
        for i in range {
            let g = grads[i]
            let vi = a * vp[i] + c * g * g
            vp[i] = vi
            params[i] -= lr * g / (vi.squareRoot() + eps)
        }
    }
}
