import Foundation
import Testing
@testable import GANCore

/// The double backward of ``InputGradientPenalty``: the penalty's input gradient against
/// the MLP's own backward pass, its value against the formula, and its parameter gradient
/// against central differences of the penalty itself, for every activation and both kinds;
/// and f'' from outputs against differences of f'.
///
/// Tolerances: the net is small (2 → 6 → 5 → 1, weights N(0, 0.5²), random biases), so P ≈ 0.1–5
/// in Float, round-off ≈ 6e-8·|P|/2h ≈ 3e-5·|P| at h = 1e-3; truncation h²·|P'''|/6 is ≈ 1e-6
/// for tanh and 0 on a ReLU piece (P is polynomial in θ between kinks, and only inputs whose
/// pre-activations stay ≥ 0.02 from the kink are used, far beyond any move a step h makes).
/// 1e-2 of the largest gradient plus 1e-2 relative is ≥ 10× that and far below a missing term
/// (e.g. dropping the tanh f'' sweep changes the bias gradients by O(1)).
@Suite("Input-gradient penalty double backward")
struct InputGradientPenaltyTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let activation: Activation, kind: InputGradientPenalty.Kind, sizes: [Int]
        var testDescription: String { "\(activation.rawValue) \(kind) \(sizes)" }
    }
    static let cases: [Case] = [Activation.relu, .leakyRelu, .tanh].flatMap { a in
        [Case(activation: a, kind: .unitNorm, sizes: [2, 6, 5, 1]), Case(activation: a, kind: .squaredNorm, sizes: [4, 6, 5, 1])]
    } + [Case(activation: .tanh, kind: .unitNorm, sizes: [3, 1]), Case(activation: .tanh, kind: .squaredNorm, sizes: [2, 7, 1])]

    static let n = 6, weight: Float = 0.8

    /// A network and an input batch whose hidden pre-activations stay ≥ 0.02 from 0.
    static func setup(_ c: Case) -> (MLP, FloatBuffer) {
        for seed in UInt64(1)...200 {
            var rng = RNG(seed: seed)
            let mlp = MLP(sizes: c.sizes, hiddenActivation: c.activation, maxBatch: n, initStd: 0.5, rng: &rng, runner: nil)
            for layer in mlp.layers { for j in 0..<layer.outFeatures { layer.b[j] = 0.3 * rng.normal() } }
            let x = FloatBuffer(count: n * c.sizes[0])
            rng.fillNormal(x.base, count: x.count)
            if GradientCheck.minimumHiddenPreactivation(mlp, x.matrix(rows: n, cols: c.sizes[0])) >= 0.02 { return (mlp, x) }
        }
        fatalError("no clean setup")
    }

    @Test("g = ∇ₓD, P by the formula, ∂P/∂θ by central differences", arguments: cases)
    func doubleBackward(_ c: Case) {
        let (mlp, x) = Self.setup(c)
        let d = c.sizes[0]
        let xm = x.matrix(rows: Self.n, cols: d)
        let penalty = InputGradientPenalty(network: mlp, maxBatch: Self.n)
        mlp.gradients.fill(0)
        let p = penalty.penalize(xm, kind: c.kind, weight: Self.weight)
        let analytic = mlp.gradients.array
        let g = penalty.inputGradient.array

        // g against the MLP's own input gradient with unit upstream.
        mlp.forward(xm)
        let ones = FloatBuffer([Float](repeating: 1, count: Self.n))
        let ref = mlp.backward(ones.matrix(rows: Self.n, cols: 1), parameterGradients: false, inputGradient: true)!
        for i in 0..<(Self.n * d) { #expect(abs(g[i] - ref.data[i]) <= 1e-5 * max(1, abs(ref.data[i]))) }

        // P by the formula, in Double.
        var expected = 0.0
        for i in 0..<Self.n {
            let norm = (0..<d).map { Double(g[i * d + $0]) }.map { $0 * $0 }.reduce(0, +).squareRoot()
            expected += c.kind == .unitNorm ? (norm - 1) * (norm - 1) : 0.5 * norm * norm
        }
        expected *= Double(Self.weight) / Double(Self.n)
        #expect(abs(Double(p) - expected) <= 1e-5 * max(1, expected))

        // ∂P/∂θ.
        let numeric = GradientCheck.numeric(mlp.parameters.base, count: mlp.parameterCount, h: 1e-3) {
            Double(penalty.penalize(xm, kind: c.kind, weight: Self.weight))
        }
        GradientCheck.expectMatch(analytic, numeric, relTol: 1e-2, absTol: 1e-2, "∂P/∂θ \(c)")
        // The output bias never affects ∇ₓD.
        #expect(analytic.last == 0)
        if c.activation != .tanh {
            // f'' = 0: the penalty moves hidden biases not at all.
            for layer in mlp.layers.dropLast() {
                let offset = layer.b - mlp.parameters.base
                for j in 0..<layer.outFeatures { #expect(analytic[offset + j] == 0) }
            }
        }
    }

    /// Accumulates: the gradients already present are kept.
    @Test func addsToExistingGradients() {
        let c = Self.cases[0]
        let (mlp, x) = Self.setup(c)
        let penalty = InputGradientPenalty(network: mlp, maxBatch: Self.n)
        mlp.gradients.fill(0)
        penalty.penalize(x.matrix(rows: Self.n, cols: 2), kind: .unitNorm, weight: 1)
        let once = mlp.gradients.array
        penalty.penalize(x.matrix(rows: Self.n, cols: 2), kind: .unitNorm, weight: 1)
        let twice = mlp.gradients.array
        for i in once.indices { #expect(abs(twice[i] - 2 * once[i]) <= 1e-6 * max(1, abs(once[i]))) }
    }

    /// f'(u) and f''(u) from y = f(u), against central differences of f and f' in u
    /// (h = 1e-3 in Double; |u| ≥ 0.1 keeps ReLU-type kinks out of reach).
    @Test("first and second derivatives from outputs", arguments: Activation.allCases)
    func derivatives(_ a: Activation) {
        func f(_ u: Double) -> Double {
            switch a {
            case .identity: return u
            case .relu: return max(u, 0)
            case .leakyRelu: return u > 0 ? u : 0.2 * u
            case .tanh: return Foundation.tanh(u)
            }
        }
        let h = 1e-3
        for u in [-2.5, -1.1, -0.4, -0.1, 0.15, 0.5, 0.9, 1.8, 3.0] {
            let y = Float(f(u))
            let d1 = (f(u + h) - f(u - h)) / (2 * h)
            let d2 = (Double(a.derivative(output: Float(f(u + h)))) - Double(a.derivative(output: Float(f(u - h))))) / (2 * h)
            #expect(abs(Double(a.derivative(output: y)) - d1) <= 1e-5, "\(a) f' at \(u)")
            #expect(abs(Double(a.secondDerivative(output: y)) - d2) <= 2e-3, "\(a) f'' at \(u)")
        }
    }
}
