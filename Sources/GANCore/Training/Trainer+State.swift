/// The complete state of a ``Trainer`` for checkpoints: every network, every optimizer, the
/// training stream and the step count. Buffers used only within a step (batches, scratch,
/// activations) are not state: each step overwrites them before reading them.
extension Trainer {
    /// G, then the discriminators in order.
    public var networks: [MLP] { [generator] + discriminators }

    /// G's optimizer, then the discriminators' in order (one per network of ``networks``).
    public var optimizers: [any Optimizer] { [generatorOptimizer] + discriminatorOptimizers }

    /// Sets the step count and the training stream (parameters and optimizer state are
    /// restored through their buffers).
    public func restore(stepsDone: Int, rng: RNG) {
        precondition(stepsDone >= 0)
        self.stepsDone = stepsDone
        self.rng = rng
    }

    /// Whether every parameter of every network is finite (a divergence check: one pass
    /// over the parameters, cheap next to a frame or an evaluation).
    public var parametersAreFinite: Bool {
        for net in networks {
            let p = net.parameters.base
            for i in 0..<net.parameters.count where !p[i].isFinite { return false }
        }
        return true
    }
}
