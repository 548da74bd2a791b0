/// SGD with heavy-ball momentum as PyTorch's `SGD` (dampening 0, no Nesterov) and TensorFlow
/// 1's `MomentumOptimizer` share: b ← μ·b + g, θ ← θ − lr·b, b₀ = 0 (μ = 0 is plain SGD).
public final class MomentumSGD: Optimizer {
    /// Step size lr.
    public var learningRate: Float
    /// Momentum μ.
    public let momentum: Float
    /// The velocity b, one per parameter.
    public let velocity: FloatBuffer
    /// Updates begun so far.
    public var t = 0

    /// An optimizer for `parameterCount` parameters, velocity 0.
    public init(parameterCount: Int, learningRate: Float, momentum: Float = 0.9) {
        self.learningRate = learningRate
        self.momentum = momentum
        velocity = FloatBuffer(count: parameterCount)
    }

    /// The velocity.
    public var stateBuffers: [FloatBuffer] { [velocity] }

    public func apply(params: UnsafeMutablePointer<Float>, grads: UnsafePointer<Float>, range: Range<Int>) {
        let mu = momentum, lr = learningRate
        let b = velocity.base
        for i in range {
            let bi = mu * b[i] + grads[i]
            b[i] = bi
            params[i] -= lr * bi
        }
    }
}
