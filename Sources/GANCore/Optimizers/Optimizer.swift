/// A first-order optimizer over one network's flat parameter buffer, allocating nothing after
/// `init`. The update is elementwise: ``beginStep()`` once, then ``apply(params:grads:range:)``
/// on disjoint ranges covering the buffer, on any threads, gives the numbers of one pass.
public protocol Optimizer: AnyObject {
    /// Step size; may be changed between steps.
    var learningRate: Float { get set }
    /// Updates begun so far.
    var t: Int { get set }
    /// The buffers carried from update to update (moments, velocity), one entry per
    /// parameter each: with ``t``, everything a checkpoint saves and ``copyState(from:)`` copies.
    var stateBuffers: [FloatBuffer] { get }
    /// Starts an update that ``apply(params:grads:range:)`` then carries out piecewise.
    func beginStep()
    /// The update of the step begun last, for the parameters in `range` only.
    func apply(params: UnsafeMutablePointer<Float>, grads: UnsafePointer<Float>, range: Range<Int>)
}

extension Optimizer {
    /// Number of parameters updated: the count of the first state buffer.
    public var parameterCount: Int { stateBuffers[0].count }

    /// Counts the update; nothing else is fixed per step.
    public func beginStep() { t += 1 }

    /// Takes over the state of `other`, an optimizer of the same kind and size, so an update
    /// can be tried and undone (Unrolled GAN).
    public func copyState(from other: any Optimizer) {
        for (mine, theirs) in zip(stateBuffers, other.stateBuffers) { mine.copy(from: theirs) }
        t = other.t
    }

    /// One update of `params` from `grads`, split by index over ``ParallelRunner/shared``'s
    /// workers for a large buffer (elementwise, so the split changes nothing).
    public func step(params: UnsafeMutablePointer<Float>, grads: UnsafePointer<Float>) {
        beginStep()
        let n = parameterCount, runner = ParallelRunner.shared ?? ParallelRunner(workers: 1)
        let blocks = runner.blocks(parameters: n)
        runner.run(blocks: blocks) { b in
            apply(params: params, grads: grads, range: ParallelRunner.range(b, of: n, blocks: blocks))
        }
    }
}

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
