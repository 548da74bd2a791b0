import Foundation
import Testing
@testable import GANCore

/// RMSProp (PyTorch form) and momentum SGD against steps worked out by hand in Double from
/// their formulas; Float state agrees to ≈ 1e-7 relative, so 1e-6 is tight (a wrong α, ε
/// inside the root or a dampened momentum changes the numbers by ≥ 1e-3).
@Suite("RMSProp and momentum SGD")
struct OptimizerVariantTests {
    static func near(_ a: [Float], _ b: [Double], tol: Double = 1e-6) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { abs(Double($0) - $1) <= tol * max(1, abs($1)) }
    }

    /// lr 0.01, α 0.99, ε 1e-8; θ₀ = (1, −2); g₁ = (0.5, −1), g₂ = (−0.25, 2).
    /// v₁ = 0.01·g₁² = (0.0025, 0.01); θ₁ = θ₀ − 0.01·g₁/(√v₁ + ε) = (0.99, −1.99) (up to ε);
    /// v₂ = 0.99·v₁ + 0.01·g₂² = (0.003100, 0.0499); θ₂ = θ₁ − 0.01·g₂/(√v₂ + ε).
    @Test func rmspropTwoSteps() {
        let opt = RMSProp(parameterCount: 2, learningRate: 0.01)
        var theta: [Float] = [1, -2]
        let g1: [Float] = [0.5, -1], g2: [Float] = [-0.25, 2]
        opt.step(params: &theta, grads: g1)
        let v1 = [0.0025, 0.01]
        let t1 = [1 - 0.01 * 0.5 / (0.05 + 1e-8), -2 + 0.01 * 1 / (0.1 + 1e-8)]
        #expect(Self.near(opt.v.array, v1) && Self.near(theta, t1), "\(theta) vs \(t1)")
        opt.step(params: &theta, grads: g2)
        let v2 = [0.99 * 0.0025 + 0.01 * 0.0625, 0.99 * 0.01 + 0.01 * 4]
        let t2 = [t1[0] + 0.01 * 0.25 / (v2[0].squareRoot() + 1e-8), t1[1] - 0.01 * 2 / (v2[1].squareRoot() + 1e-8)]
        #expect(Self.near(opt.v.array, v2) && Self.near(theta, t2), "\(theta) vs \(t2)")
        // The first step of RMSProp from v₀ = 0 is lr/√(1 − α) = 10·lr per unit sign: 0.1 here.
        #expect(abs(Double(1 - t1[0]) - 0.1) < 1e-6)
    }

    /// lr 0.1, μ 0.9; θ₀ = (1, 0); g = (1, −2) three times:
    /// b = (1, −2), (1.9, −3.8), (2.71, −5.42); θ = θ₀ − 0.1·Σb = (0.439, 1.122).
    @Test func momentumThreeSteps() {
        let opt = MomentumSGD(parameterCount: 2, learningRate: 0.1, momentum: 0.9)
        var theta: [Float] = [1, 0]
        let g: [Float] = [1, -2]
        for _ in 0..<3 { opt.step(params: &theta, grads: g) }
        #expect(Self.near(opt.velocity.array, [2.71, -5.42]))
        let expected: [Double] = [1 - 0.1 * (1 + 1.9 + 2.71), 0.1 * (2 + 3.8 + 5.42)]
        #expect(Self.near(theta, expected), "\(theta)")
        // μ = 0 is plain SGD.
        let sgd = MomentumSGD(parameterCount: 2, learningRate: 0.1, momentum: 0)
        var p: [Float] = [1, 0]
        sgd.step(params: &p, grads: g); sgd.step(params: &p, grads: g)
        #expect(Self.near(p, [0.8, 0.4]))
    }

    /// Every kind builds through the factory with the settings' hyperparameters.
    @Test func factory() {
        var s = TrainingSettings()
        s.momentum = 0.5; s.beta1 = 0.8
        #expect((OptimizerKind.adam.make(parameterCount: 3, learningRate: 0.1, settings: s) as? Adam)?.beta1 == 0.8)
        #expect((OptimizerKind.sgd.make(parameterCount: 3, learningRate: 0.1, settings: s) as? MomentumSGD)?.momentum == 0.5)
        #expect(OptimizerKind.rmsprop.make(parameterCount: 3, learningRate: 0.1, settings: s) is RMSProp)
    }
}
