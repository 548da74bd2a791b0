/// A ``Trainer``'s checkpoint state: networks, optimizers, training stream, step count.
/// Buffers used within a step are not state: each step writes them before reading them.
extension Trainer {
    /// G, then the discriminators in order.
    public var networks: [MLP] { [generator] + discriminators }

    /// G's optimizer, then the discriminators' in order (one per network of ``networks``).
    public var optimizers: [any Optimizer] { [generatorOptimizer] + discriminatorOptimizers }

    /// Sets the step count and training stream (parameters and moments go through their buffers).
    public func restore(stepsDone: Int, rng: RNG) {
        precondition(stepsDone >= 0)
        self.stepsDone = stepsDone
        self.rng = rng
    }

    /// Whether every parameter is finite (a cheap divergence check).
    public var parametersAreFinite: Bool {
        networks.allSatisfy { net in
            UnsafeBufferPointer(start: net.parameters.base, count: net.parameters.count).allSatisfy(\.isFinite)
        }
    }
}
