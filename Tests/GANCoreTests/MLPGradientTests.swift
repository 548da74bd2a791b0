import Testing
@testable import GANCore

/// A whole `MLP`: every parameter gradient and the input gradient against central
/// differences through the network's own forward pass, for each hidden activation and
/// several depths.
///
/// Step and tolerance: h = 2e-3 on weights of size ~0.5. The loss (≈ 1–10) carries Float
/// round-off ≈ 6e-8·|L|·(layers) ≤ 2e-6 per evaluation, i.e. ≤ 5e-4 after dividing by 2h, and
/// the truncation error h²·|L'''|/6 is ≈ 1e-6; the largest gradients are 1.4–15, so the
/// expected error is ≲ 3e-4 of the largest entry (observed: ≤ 1.3e-4 on these nine nets).
/// Allowance: 5e-3·|g| + 1e-3·max|g|, still far below what a wrong transpose, a missing
/// activation derivative or a mixed-up buffer produces (O(1)).
/// ReLU and leaky-ReLU nets are only checked where no hidden pre-activation lies within 0.05
/// of the kink: a single step of 2e-3 moves a pre-activation by at most ≈ 1e-2 here.
@Suite("MLP gradients")
struct MLPGradientTests {
    struct Architecture: CustomTestStringConvertible, Sendable {
        var sizes: [Int]
        var activation: Activation
        var testDescription: String { "\(sizes.map(String.init).joined(separator: "→")) \(activation)" }
    }

    static let architectures: [Architecture] = Activation.allCases.flatMap { a in
        [Architecture(sizes: [3, 5, 4, 2], activation: a),
         Architecture(sizes: [2, 6, 5, 4, 1], activation: a)]
    } + [Architecture(sizes: [3, 2], activation: .relu)]   // a single layer: no hidden units

    static let batch = 4

    /// Network, input and loss weights for `seed`, run on 4 rows of a 6-row network.
    struct Fixture {
        let mlp: MLP, x: FloatBuffer, c: [Double]
        init(_ arch: Architecture, seed: UInt64) {
            var rng = RNG(seed: seed)
            mlp = MLP(sizes: arch.sizes, hiddenActivation: arch.activation, maxBatch: 6, initStd: 0.5, rng: &rng)
            // Non-zero biases so they matter for the kinks and the forward values.
            for layer in mlp.layers {
                for j in 0..<layer.outFeatures { layer.b[j] = 0.3 * rng.normal() }
            }
            x = FloatBuffer((0..<(batch * arch.sizes[0])).map { _ in rng.normal() })
            c = (0..<(batch * arch.sizes.last!)).map { _ in Double(rng.normal()) }
        }
        var xm: Matrix { x.matrix(rows: batch, cols: mlp.inputSize) }
        func loss() -> Double { GradientCheck.quadraticLoss(mlp.forward(xm), c) }
    }

    /// The first seed whose hidden pre-activations all stay ≥ 0.05 from 0 (always the first
    /// for identity and tanh, which have no kink).
    static func fixture(_ arch: Architecture) -> Fixture? {
        for seed in UInt64(100)..<300 {
            let f = Fixture(arch, seed: seed)
            if arch.activation == .identity || arch.activation == .tanh
                || GradientCheck.minimumHiddenPreactivation(f.mlp, f.xm) >= 0.05 { return f }
        }
        return nil
    }

    @Test("parameter and input gradients match central differences", arguments: architectures)
    func gradientsMatch(_ arch: Architecture) throws {
        let f = try #require(Self.fixture(arch), "no seed keeps the pre-activations off the kink")
        let out = f.mlp.forward(f.xm)
        let dOut = FloatBuffer(count: out.count)
        GradientCheck.quadraticLossGradient(out, f.c, into: dOut.matrix(rows: out.rows, cols: out.cols))
        let dx = try #require(f.mlp.backward(dOut.matrix(rows: out.rows, cols: out.cols), inputGradient: true))
        let analyticX = (0..<dx.count).map { dx.data[$0] }
        let analyticP = f.mlp.gradients.array

        let numericP = GradientCheck.numeric(f.mlp.parameters.base, count: f.mlp.parameterCount, h: 2e-3, loss: f.loss)
        let numericX = GradientCheck.numeric(f.x.base, count: f.x.count, h: 2e-3, loss: f.loss)
        GradientCheck.expectMatch(analyticP, numericP, relTol: 5e-3, absTol: 1e-3, "\(arch.testDescription) parameters")
        GradientCheck.expectMatch(analyticX, numericX, relTol: 5e-3, absTol: 1e-3, "\(arch.testDescription) input")
    }

    /// `parameterGradients: false` leaves ``MLP/gradients`` alone and still returns the same
    /// input gradient (the trainer's G step relies on both).
    @Test func inputGradientWithoutParameterGradients() throws {
        let f = try #require(Self.fixture(Architecture(sizes: [2, 5, 5, 1], activation: .relu)))
        let out = f.mlp.forward(f.xm)
        let dOut = FloatBuffer((0..<out.count).map { Float($0) - 1.5 })
        let full = try #require(f.mlp.backward(dOut.matrix(rows: out.rows, cols: 1), inputGradient: true))
        let fullX = (0..<full.count).map { full.data[$0] }
        f.mlp.gradients.fill(42)
        f.mlp.forward(f.xm)
        let only = try #require(f.mlp.backward(dOut.matrix(rows: out.rows, cols: 1),
                                               parameterGradients: false, inputGradient: true))
        #expect((0..<only.count).map { only.data[$0] } == fullX)
        #expect(f.mlp.gradients.array.allSatisfy { $0 == 42 })
        #expect(f.mlp.backward(dOut.matrix(rows: out.rows, cols: 1)) == nil)
    }

    /// The layout: parameters are [W₀, b₀, W₁, b₁, …] and initial biases are zero.
    @Test func parameterLayoutAndInitialization() {
        var rng = RNG(seed: 5)
        let mlp = MLP(sizes: [3, 4, 2], maxBatch: 1, initStd: 0.01, rng: &rng)
        #expect(mlp.parameterCount == 3 * 4 + 4 + 4 * 2 + 2)
        #expect(mlp.layers[0].W.data == mlp.parameters.base)
        #expect(mlp.layers[0].b == mlp.parameters.base + 12)
        #expect(mlp.layers[1].W.data == mlp.parameters.base + 16)
        #expect(mlp.layers[1].db == mlp.gradients.base + 24)
        #expect((0..<4).allSatisfy { mlp.layers[0].b[$0] == 0 })
        let w = (0..<12).map { mlp.layers[0].W.data[$0] }
        #expect(w.allSatisfy { $0 != 0 && abs($0) < 0.06 })   // N(0, 0.01²): 6σ
    }
}
