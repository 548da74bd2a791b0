/// First and second derivatives of each activation as functions of its *output* y = f(u),
/// which is what the network stores; the gradient penalties' double backward needs f''.
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

    /// Whether f'' = 0 almost everywhere (a double backward then skips its forward-pass part).
    public var isPiecewiseLinear: Bool { self != .tanh }
}
