import Foundation
import Testing
@testable import GANCore

/// Each hidden activation: the fused bias-add-and-activate pass against its formula, and
/// `backward` (which differentiates from the *output*) against central differences.
///
/// Inputs stay at least 0.1 away from the ReLU kink at 0, far beyond h = 1e-3, so every
/// difference is taken on one smooth branch. Tolerance: the truncation error h²·|f'''|/6 is
/// below 1e-6 (|tanh'''| ≤ 2), the Float round-off of (f(u+h) − f(u−h))/2h is about
/// 2·6e-8·|f|/2e-3 ≤ 2e-4 for |f| ≤ 3 (times |dy| ≤ 2); the allowance is 1e-3 of the largest
/// entry (≈ 2e-3), a small fraction of any real slope error (relu's 0 vs 1, leaky's 0.2 vs 1).
@Suite("Activation forward and derivative")
struct ActivationGradientTests {
    /// Pre-activations u = x + b: a grid on both sides of 0 that avoids |u| < 0.1.
    static let x: [Float] = [-2.9, -1.3, -0.45, -0.16, 0.27, 0.4, 0.95, 1.7, 2.6, -0.8, 0.6, 3.0]
    static let bias: [Float] = [0.05, -0.1, 0.3]      // per column, 4 rows × 3 columns

    static func reference(_ a: Activation, _ u: Double) -> Double {
        switch a {
        case .identity: return u
        case .relu: return max(u, 0)
        case .leakyRelu: return u > 0 ? u : 0.2 * u
        case .tanh: return Foundation.tanh(u)
        }
    }

    static func preactivations() -> [Float] {
        x.indices.map { x[$0] + bias[$0 % 3] }
    }

    /// The rational tanh against libm's in Double, on a dense grid over ±10 and at the
    /// extremes: within 5e-7 everywhere, odd, ±1 beyond the clamp, NaN kept.
    @Test func rationalTanhIsWithinHalfAMicroOfTheExactValue() {
        var worst = 0.0
        for i in -100_000...100_000 {
            let u = Float(i) * 1e-4
            worst = max(worst, abs(Double(Activation.tanh(u)) - Foundation.tanh(Double(u))))
            #expect(Activation.tanh(-u) == -Activation.tanh(u))
        }
        #expect(worst <= 5e-7, "largest error \(worst)")
        #expect(Activation.tanh(40) == 1 && Activation.tanh(-.infinity) == -1 && Activation.tanh(0) == 0)
        #expect(Activation.tanh(.nan).isNaN)
    }

    @Test("forward: f(x + b) element-wise", arguments: Activation.allCases)
    func forwardMatchesFormula(_ a: Activation) {
        let y = FloatBuffer(Self.x), b = FloatBuffer(Self.bias)
        a.applyBias(y.matrix(rows: 4, cols: 3), bias: b.base)
        for (i, u) in Self.preactivations().enumerated() {
            #expect(abs(Double(y[i]) - Self.reference(a, Double(u))) <= 1e-6, "\(a) at u = \(u)")
        }
    }

    @Test("backward: dy·f'(y) equals central differences", arguments: Activation.allCases)
    func backwardMatchesFiniteDifferences(_ a: Activation) {
        let u = Self.preactivations()
        #expect(u.allSatisfy { abs($0) >= 0.1 })
        let dy = GradientCheck.normals(u.count, seed: 11).map(Float.init)
        let input = FloatBuffer(u), zero = FloatBuffer(count: 3)
        // Loss Σ dy_i·f(u_i); the Jacobian is diagonal, so ∂L/∂u_i = dy_i·f'(u_i).
        let numeric = GradientCheck.numeric(input.base, count: u.count, h: 1e-3) {
            let y = FloatBuffer(input.array)
            a.applyBias(y.matrix(rows: 4, cols: 3), bias: zero.base)
            return (0..<u.count).reduce(0.0) { $0 + Double(dy[$1]) * Double(y[$1]) }
        }
        let y = FloatBuffer(u)
        a.applyBias(y.matrix(rows: 4, cols: 3), bias: zero.base)
        let out = FloatBuffer(count: u.count), dyBuffer = FloatBuffer(dy)
        a.backward(dy: dyBuffer.base, output: y.base, into: out.base, rows: 4, cols: 3, columnSums: nil)
        GradientCheck.expectMatch(out.array, numeric, relTol: 0, absTol: 1e-3, "\(a)")

        // In place (out aliasing dy), as the MLP uses it: same result.
        a.backward(dy: dyBuffer.base, output: y.base, into: dyBuffer.base, rows: 4, cols: 3, columnSums: nil)
        #expect(dyBuffer.array == out.array)
    }

    /// The 16-lane paths against the scalar formula, bit for bit, on a block wide enough to
    /// use both the lanes and the leftover columns (5 × 37): NaN stays NaN through relu (as
    /// `max(NaN, 0)` does), −0 and exact zeros take the same branch, and the in-place backward
    /// (out aliasing dy) equals the out-of-place one.
    @Test("16-lane forward and backward give the scalar bits", arguments: Activation.allCases)
    func lanesMatchScalarFormula(_ a: Activation) {
        let rows = 5, cols = 37, n = rows * cols
        var u = GradientCheck.normals(n, seed: 5).map(Float.init)
        u[3] = .nan; u[40] = -0.0; u[41] = 0; u[77] = .infinity; u[78] = -.infinity
        let b = GradientCheck.normals(cols, seed: 6).map { Float($0) * 0.1 }
        func f(_ v: Float) -> Float {
            switch a {
            case .identity: return v
            case .relu: return max(v, 0)
            case .leakyRelu: return v > 0 ? v : 0.2 * v
            case .tanh: return Activation.tanh(v)   // within 5e-7 of libm (tested above)
            }
        }
        let y = FloatBuffer(u), bias = FloatBuffer(b)
        a.applyBias(y.matrix(rows: rows, cols: cols), bias: bias.base)
        let expected = (0..<n).map { f(u[$0] + b[$0 % cols]) }
        #expect(y.array.map(\.bitPattern) == expected.map(\.bitPattern), "\(a) forward")

        let dy = GradientCheck.normals(n, seed: 7).map(Float.init)
        let yv = y.array
        let slope: (Float, Float) -> Float = { d, v in
            switch a {
            case .identity: return d
            case .relu: return v > 0 ? d : 0
            case .leakyRelu: return v > 0 ? d : 0.2 * d
            case .tanh: return d * (1 - v * v)
            }
        }
        let want = (0..<n).map { slope(dy[$0], yv[$0]) }
        let dyBuffer = FloatBuffer(dy), out = FloatBuffer(count: n)
        a.backward(dy: dyBuffer.base, output: y.base, into: out.base, rows: rows, cols: cols, columnSums: nil)
        #expect(out.array.map(\.bitPattern) == want.map(\.bitPattern), "\(a) backward")
        a.backward(dy: dyBuffer.base, output: y.base, into: dyBuffer.base, rows: rows, cols: cols, columnSums: nil)
        #expect(dyBuffer.array.map(\.bitPattern) == want.map(\.bitPattern), "\(a) backward in place")
    }

    /// The slopes themselves, exactly: relu 1/0, leaky-relu 1/0.2, identity 1, tanh 1 − y².
    @Test func exactSlopes() {
        let y = FloatBuffer([-0.4, 0.5, 0, 2]), ones = FloatBuffer([1, 1, 1, 1]), out = FloatBuffer(count: 4)
        Activation.relu.backward(dy: ones.base, output: y.base, into: out.base, rows: 1, cols: 4, columnSums: nil)
        #expect(out.array == [0, 1, 0, 1])
        // For leaky-relu a negative output means u < 0: slope 0.2.
        Activation.leakyRelu.backward(dy: ones.base, output: y.base, into: out.base, rows: 1, cols: 4, columnSums: nil)
        #expect(out.array == [0.2, 1, 0.2, 1])
        Activation.identity.backward(dy: y.base, output: y.base, into: out.base, rows: 1, cols: 4, columnSums: nil)
        #expect(out.array == y.array)
        Activation.tanh.backward(dy: ones.base, output: y.base, into: out.base, rows: 1, cols: 4, columnSums: nil)
        for (got, want) in zip(out.array, [0.84, 0.75, 1, -3] as [Float]) { #expect(abs(got - want) <= 1e-6) }
    }
}
