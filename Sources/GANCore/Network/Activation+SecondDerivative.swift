/// First and second derivatives of each activation as functions of its *output* y = f(u),
/// which is what the network stores. The gradient penalties differentiate the input
/// gradient, which contains f'(u), so their double backward needs f''(u):
///
/// | activation | f'(u) from y | f''(u) from y |
/// |---|---|---|
/// | identity | 1 | 0 |
/// | relu | 1 if y > 0 else 0 | 0 (almost everywhere) |
/// | leaky-relu | 1 if y > 0 else 0.2 | 0 (almost everywhere) |
/// | tanh | 1 − y² | −2y(1 − y²) |
///
/// The piecewise-linear activations have f'' = 0 away from the kink, so a penalty's
/// gradient flows through them only along the chain of f' (see ``InputGradientPenalty``).
extension Activation {
    /// f'(u) where y = f(u).
    @inline(__always)
    public func derivative(output y: Float) -> Float {
        switch self {
        case .identity: return 1
        case .relu: return y > 0 ? 1 : 0
        case .leakyRelu: return y > 0 ? 1 : Activation.leakySlope
        case .tanh: return 1 - y * y
        }
    }

    /// f''(u) where y = f(u).
    @inline(__always)
    public func secondDerivative(output y: Float) -> Float {
        switch self {
        case .identity, .relu, .leakyRelu: return 0
        case .tanh: return -2 * y * (1 - y * y)
        }
    }

    /// Whether f'' vanishes almost everywhere (so the forward-pass part of a double
    /// backward can be skipped).
    public var isPiecewiseLinear: Bool { self != .tanh }
}
