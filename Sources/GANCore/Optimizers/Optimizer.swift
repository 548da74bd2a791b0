/// A first-order optimizer over one network's flat parameter buffer, updated in one pass with
/// no allocation after `init`. The update is elementwise, so it can also run in pieces:
/// ``beginStep()`` once, then ``apply(params:grads:range:)`` on disjoint ranges covering the
/// buffer, on any threads, with the numbers of ``step(params:grads:)``.
public protocol Optimizer: AnyObject {
    /// Step size; may be changed between steps.
    var learningRate: Float { get set }
    /// Applies one update to `params` from `grads` (both the network's parameter count).
    func step(params: UnsafeMutablePointer<Float>, grads: UnsafePointer<Float>)
    /// Starts an update that ``apply(params:grads:range:)`` then carries out piecewise.
    func beginStep()
    /// The update of the step begun last, for the parameters in `range` only.
    func apply(params: UnsafeMutablePointer<Float>, grads: UnsafePointer<Float>, range: Range<Int>)
    /// Takes over the state of `other`, an optimizer of the same kind and size (moments,
    /// velocity, step count), so an update can be tried and undone (Unrolled GAN).
    func copyState(from other: any Optimizer)
}

extension Adam: Optimizer {}

/// The optimizers `--optimizer` accepts.
public enum OptimizerKind: String, Sendable, CaseIterable, Codable {
    /// ``Adam`` in TensorFlow 1's form (β1, β2, ε).
    case adam
    /// ``RMSProp`` in PyTorch's form (α = 0.99, ε = 1e-8 outside the root).
    case rmsprop
    /// ``MomentumSGD`` (heavy-ball momentum μ, PyTorch's and TF1's form).
    case sgd

    /// A fresh optimizer of this kind for `parameterCount` parameters.
    public func make(parameterCount: Int, learningRate: Float, settings s: TrainingSettings) -> any Optimizer {
        switch self {
        case .adam:
            return Adam(parameterCount: parameterCount, learningRate: learningRate,
                        beta1: s.beta1, beta2: s.beta2, epsilon: s.epsilon)
        case .rmsprop:
            return RMSProp(parameterCount: parameterCount, learningRate: learningRate)
        case .sgd:
            return MomentumSGD(parameterCount: parameterCount, learningRate: learningRate, momentum: s.momentum)
        }
    }
}
