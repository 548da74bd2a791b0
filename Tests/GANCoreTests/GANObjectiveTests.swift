import Foundation
import Testing
@testable import GANCore

/// The adversarial losses from logits: values against the textbook formulas, gradients
/// against central differences of the returned loss, and finiteness at extreme logits.
@Suite("GAN losses from logits")
struct GANObjectiveTests {
    static let real: [Float] = [-2.5, -0.3, 0, 1.1, 3.2]
    static let fake: [Float] = [-3.1, -0.7, 0.4, 2.0]

    static func log(_ x: Double) -> Double { Foundation.log(x) }
    static func sigma(_ l: Float) -> Double { 1 / (1 + exp(-Double(l))) }

    static func dLoss(_ o: GANObjective, real: [Float], fake: [Float]) -> (loss: Float, grad: [Float]) {
        let logits = real + fake
        var grad = [Float](repeating: .nan, count: logits.count)
        let loss = o.discriminatorLoss(logits: logits, realCount: real.count, fakeCount: fake.count, grad: &grad)
        return (loss, grad)
    }

    static func gLoss(_ o: GANObjective, fake: [Float]) -> (loss: Float, grad: [Float]) {
        var grad = [Float](repeating: .nan, count: fake.count)
        let loss = o.generatorLoss(logits: fake, count: fake.count, grad: &grad)
        return (loss, grad)
    }

    // MARK: values at moderate logits

    /// L_D = −mean log σ(ℓ_real) − mean log(1 − σ(ℓ_fake)), evaluated literally in Double.
    @Test("discriminator loss equals −mean[log D(x) + log(1 − D(G(z)))]", arguments: [GANObjective.gan, .nsgan])
    func discriminatorValue(_ o: GANObjective) {
        let expected = -Self.real.map { Self.log(Self.sigma($0)) }.reduce(0, +) / 5
            - Self.fake.map { Self.log(1 - Self.sigma($0)) }.reduce(0, +) / 4
        let got = Self.dLoss(o, real: Self.real, fake: Self.fake).loss
        #expect(abs(Double(got) - expected) <= 1e-6 * abs(expected))
        #expect(expected > 0.5)   // a real number, not a degenerate zero
    }

    @Test func generatorValues() {
        // gan: G minimizes mean log(1 − D(G(z))); nsgan: −mean log D(G(z)).
        let gan = Self.fake.map { Self.log(1 - Self.sigma($0)) }.reduce(0, +) / 4
        let nsgan = -Self.fake.map { Self.log(Self.sigma($0)) }.reduce(0, +) / 4
        #expect(abs(Double(Self.gLoss(.gan, fake: Self.fake).loss) - gan) <= 1e-6 * abs(gan))
        #expect(abs(Double(Self.gLoss(.nsgan, fake: Self.fake).loss) - nsgan) <= 1e-6 * abs(nsgan))
        #expect(gan < -0.5 && nsgan > 0.5)
        // At ℓ = 0, D = ½: both are ±log 2.
        #expect(abs(Self.gLoss(.gan, fake: [0, 0]).loss + Float(M_LN2)) <= 1e-7)
        #expect(abs(Self.gLoss(.nsgan, fake: [0, 0]).loss - Float(M_LN2)) <= 1e-7)
        #expect(abs(Self.dLoss(.nsgan, real: [0], fake: [0]).loss - 2 * Float(M_LN2)) <= 1e-6)
    }

    // MARK: gradients

    /// Central differences of the returned Float loss with h = 1e-2. |softplus'''| ≤ 0.1, so
    /// the truncation error is ≤ h²·0.1/6/n ≈ 2e-6; the loss (≈ 1) is rounded to Float, an
    /// error ≈ 6e-8/2h = 3e-6. Gradients are ≈ 0.05–0.25, so 2e-4 relative of the largest is
    /// ~10× the expected error and 1000× smaller than a missing factor or a wrong sign.
    @Test("∂L_D/∂ℓ matches central differences", arguments: [GANObjective.gan, .nsgan])
    func discriminatorGradient(_ o: GANObjective) {
        let logits = FloatBuffer(Self.real + Self.fake)
        let numeric = GradientCheck.numeric(logits.base, count: logits.count, h: 1e-2) {
            let a = logits.array
            return Double(Self.dLoss(o, real: Array(a[..<5]), fake: Array(a[5...])).loss)
        }
        let analytic = Self.dLoss(o, real: Self.real, fake: Self.fake).grad
        GradientCheck.expectMatch(analytic, numeric, relTol: 1e-3, absTol: 2e-4, "L_D \(o)")
        // Real logits are pushed up, fake ones down.
        #expect(analytic[..<5].allSatisfy { $0 < 0 } && analytic[5...].allSatisfy { $0 > 0 })
    }

    @Test("∂L_G/∂ℓ matches central differences", arguments: [GANObjective.gan, .nsgan])
    func generatorGradient(_ o: GANObjective) {
        let logits = FloatBuffer(Self.fake)
        let numeric = GradientCheck.numeric(logits.base, count: logits.count, h: 1e-2) {
            Double(Self.gLoss(o, fake: logits.array).loss)
        }
        let analytic = Self.gLoss(o, fake: Self.fake).grad
        GradientCheck.expectMatch(analytic, numeric, relTol: 1e-3, absTol: 2e-4, "L_G \(o)")
        // Both objectives make G raise the fake logits.
        #expect(analytic.allSatisfy { $0 < 0 })
    }

    /// The saturation the non-saturating loss exists to avoid: at ℓ = −10 (D sure the
    /// sample is fake) the minimax gradient is σ(−10)/n ≈ 4.5e-5/n, the NS one ≈ −1/n.
    @Test func saturation() {
        let gan = Self.gLoss(.gan, fake: [-10]).grad[0], ns = Self.gLoss(.nsgan, fake: [-10]).grad[0]
        #expect(abs(Double(gan) + 4.5398e-5) <= 1e-8)
        #expect(abs(Double(ns) + (1 - 4.5398e-5)) <= 1e-6)
    }

    // MARK: extreme logits

    /// softplus(u) = max(u, 0) + log1p(e^−|u|): at |ℓ| ≥ 100 the losses are exactly |ℓ| or 0
    /// and the gradients exactly 0 or ±1/n — never inf or NaN as log(sigmoid) would give.
    @Test("finite at extreme logits", arguments: [Float(100), 1e4])
    func extremeLogits(_ big: Float) {
        for o in [GANObjective.gan, .nsgan] {
            // D completely wrong: real scored −big, fake scored +big. Loss = big + big.
            let wrong = Self.dLoss(o, real: [-big, -big], fake: [big])
            #expect(wrong.loss == 2 * big)
            #expect(wrong.grad == [-0.5, -0.5, 1])
            // D completely right: loss 0, gradients 0.
            let right = Self.dLoss(o, real: [big], fake: [-big, -big])
            #expect(right.loss >= 0 && right.loss < 1e-30)   // log1p(e^−100) is a Float subnormal
            #expect(right.grad.allSatisfy { $0 == 0 || abs($0) < 1e-30 })
            for l in [-big, big] {
                let g = Self.gLoss(o, fake: [l, l])
                #expect(g.loss.isFinite && g.grad.allSatisfy(\.isFinite), "\(o) at \(l)")
            }
        }
        #expect(Self.gLoss(.nsgan, fake: [-big]).loss == big)     // −log σ(−big) = big
        #expect(Self.gLoss(.nsgan, fake: [-big]).grad == [-1])
        #expect(Self.gLoss(.nsgan, fake: [big]).loss >= 0 && Self.gLoss(.nsgan, fake: [big]).loss < 1e-30)
        #expect(Self.gLoss(.gan, fake: [big]).loss == -big)        // log(1 − σ(big)) = −big
        #expect(Self.gLoss(.gan, fake: [big]).grad == [-1])
        #expect(softplus(-big) >= 0 && softplus(-big) < 1e-30)
        #expect(sigmoid(big) == 1 && sigmoid(-big) >= 0 && sigmoid(-big) < 1e-30)
    }
}
