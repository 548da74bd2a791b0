import Testing
@testable import GANCore

/// Finite-difference helpers shared by the gradient-check suites.
///
/// The network code runs in `Float`, so a central difference taken through it carries the
/// round-off of the forward pass: with float epsilon ε ≈ 6e-8 and a loss of size |L| the
/// error of (L(θ+h) − L(θ−h)) / 2h is about ε·|L|/h, while the truncation error of the central
/// difference is h²·|L'''|/6. Each suite picks h and its tolerance from these two terms.
enum GradientCheck {
    /// Central differences ∂loss/∂p[i] for `count` floats at `p`, perturbing one at a time.
    /// The divisor is the step actually representable in `Float` around p[i], not 2h.
    static func numeric(_ p: UnsafeMutablePointer<Float>, count: Int, h: Float,
                        loss: () -> Double) -> [Double] {
        (0..<count).map { i in
            let saved = p[i]
            let plus = saved + h, minus = saved - h
            p[i] = plus
            let lp = loss()
            p[i] = minus
            let lm = loss()
            p[i] = saved
            return (lp - lm) / (Double(plus) - Double(minus))
        }
    }

    /// Expects |analytic − numeric| ≤ relTol·|numeric| + absTol·max|numeric| element-wise,
    /// and that the gradient is not trivially small (so a zero gradient cannot pass).
    static func expectMatch(_ analytic: [Float], _ numeric: [Double], relTol: Double, absTol: Double,
                            _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(analytic.count == numeric.count, "\(what): count", sourceLocation: sourceLocation)
        let scale = numeric.map(abs).max() ?? 0
        #expect(scale > 1e-3, "\(what): gradient too small to check (max |g| = \(scale))",
                sourceLocation: sourceLocation)
        var worst = (index: -1, excess: 0.0)
        for (i, (a, n)) in zip(analytic, numeric).enumerated() {
            let err = abs(Double(a) - n)
            let allowed = relTol * abs(n) + absTol * scale
            if err - allowed > worst.excess { worst = (i, err - allowed) }
        }
        if worst.index >= 0 {
            let i = worst.index
            Issue.record("\(what): gradient[\(i)] analytic \(analytic[i]) vs numeric \(numeric[i]) (max |g| \(scale))",
                         sourceLocation: sourceLocation)
        }
    }

    /// The largest |analytic − numeric| / max|numeric| (for tuning messages).
    static func relativeError(_ analytic: [Float], _ numeric: [Double]) -> Double {
        let scale = numeric.map(abs).max() ?? 1
        return zip(analytic, numeric).map { abs(Double($0) - $1) }.max()! / scale
    }

    /// L = Σ c_ij·y_ij + ½·Σ y_ij² in Double, with ∂L/∂y = c + y (a loss with curvature, so the
    /// check does not reduce to a linear identity).
    static func quadraticLoss(_ y: Matrix, _ c: [Double]) -> Double {
        var s = 0.0
        for i in 0..<y.count {
            let v = Double(y.data[i])
            s += c[i] * v + 0.5 * v * v
        }
        return s
    }

    /// ∂L/∂y for ``quadraticLoss(_:_:)``, written into `into`.
    static func quadraticLossGradient(_ y: Matrix, _ c: [Double], into d: Matrix) {
        for i in 0..<y.count { d.data[i] = Float(c[i]) + y.data[i] }
    }

    /// The smallest |pre-activation| of any hidden unit of `mlp` on input `x`, recomputed
    /// layer by layer with the network's own `Linear`s. A finite difference across a ReLU
    /// kink is meaningless, so the ReLU checks require this margin to exceed the largest
    /// change a step h can make.
    static func minimumHiddenPreactivation(_ mlp: MLP, _ x: Matrix) -> Float {
        var input = x
        var margin = Float.infinity
        var keep: [FloatBuffer] = []
        let zeros = FloatBuffer(count: mlp.sizes.max()!)
        for (l, layer) in mlp.layers.enumerated() where l < mlp.layers.count - 1 {
            let buffer = FloatBuffer(count: x.rows * layer.outFeatures)
            keep.append(buffer)
            let u = buffer.matrix(rows: x.rows, cols: layer.outFeatures)
            layer.forward(input, into: u, activation: .identity)
            for i in 0..<u.count { margin = min(margin, abs(u.data[i])) }
            mlp.hiddenActivation.applyBias(u, bias: zeros.base)
            input = u
        }
        return withExtendedLifetime(keep) { margin }
    }

    /// `count` standard normals from `seed` as Doubles (loss weights and inputs).
    static func normals(_ count: Int, seed: UInt64) -> [Double] {
        var rng = RNG(seed: seed)
        return (0..<count).map { _ in Double(rng.normal()) }
    }
}
