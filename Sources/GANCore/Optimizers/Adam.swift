import Foundation

/// Adam as TensorFlow 1's `tf.train.AdamOptimizer` (the seed's): the "epsilon hat" form
/// θ ← θ − lr·√(1 − β2ᵗ)/(1 − β1ᵗ) · m/(√v + ε), the bias correction in `Double`.
public final class Adam: Optimizer {
    /// Step size lr.
    public var learningRate: Float
    /// Decay β1 of the first moment.
    public let beta1: Float
    /// Decay β2 of the second moment.
    public let beta2: Float
    /// ε, added to √v (the "epsilon hat" form).
    public let epsilon: Float
    /// Number of updates begun so far.
    public var t: Int = 0
    private var stepSize: Float = 0     // lr_t of the update in progress
    /// First-moment estimates, one per parameter.
    public let m: FloatBuffer
    /// Second-moment estimates, one per parameter.
    public let v: FloatBuffer

    /// An optimizer for `parameterCount` parameters, moments 0, t = 0.
    public init(parameterCount: Int, learningRate: Float, beta1: Float = 0.5,
                beta2: Float = 0.999, epsilon: Float = 1e-8) {
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        m = FloatBuffer(count: parameterCount)
        v = FloatBuffer(count: parameterCount)
    }

    /// m and v.
    public var stateBuffers: [FloatBuffer] { [m, v] }

    /// The step size lr_t that the next update (t + 1) will use.
    public var nextStepSize: Float {
        let t1 = Double(t + 1)
        return Float(Double(learningRate) * (1 - pow(Double(beta2), t1)).squareRoot()
                     / (1 - pow(Double(beta1), t1)))
    }

    /// Advances t and fixes lr_t for the update that ``apply(params:grads:range:)`` applies.
    public func beginStep() {
        stepSize = nextStepSize
        t += 1
    }

    /// The update of step t for the parameters in `range`: eight at a time in SIMD registers,
    /// the rest one by one, with the same correctly rounded operations in the same order (no
    /// fused multiply-add), so the result does not depend on where a range starts (tested).
    public func apply(params: UnsafeMutablePointer<Float>, grads: UnsafePointer<Float>, range: Range<Int>) {
        let lrT = stepSize
        let b1 = beta1, b2 = beta2, c1 = 1 - beta1, c2 = 1 - beta2, eps = epsilon
        let mp = m.base, vp = v.base
        typealias V = SIMD8<Float>
        let vb1 = V(repeating: b1), vb2 = V(repeating: b2), vc1 = V(repeating: c1), vc2 = V(repeating: c2)
        let veps = V(repeating: eps), vlr = V(repeating: lrT)
        var i = range.lowerBound
        while i + 8 <= range.upperBound {
            let g = UnsafeRawPointer(grads + i).loadUnaligned(as: V.self)
            let mi = vb1 * UnsafeRawPointer(mp + i).loadUnaligned(as: V.self) + vc1 * g
            let vi = vb2 * UnsafeRawPointer(vp + i).loadUnaligned(as: V.self) + vc2 * g * g
            let theta = UnsafeRawPointer(params + i).loadUnaligned(as: V.self) - vlr * mi / (vectorSquareRoot(vi) + veps)
            UnsafeMutableRawPointer(mp + i).storeBytes(of: mi, as: V.self)
            UnsafeMutableRawPointer(vp + i).storeBytes(of: vi, as: V.self)
            UnsafeMutableRawPointer(params + i).storeBytes(of: theta, as: V.self)
            i += 8
        }
        while i < range.upperBound {
            let g = grads[i]
            let mi = b1 * mp[i] + c1 * g
            let vi = b2 * vp[i] + c2 * g * g
            mp[i] = mi
            vp[i] = vi
            params[i] -= lrT * mi / (vi.squareRoot() + eps)
            i += 1
        }
    }
}
