import Foundation
import Testing
@testable import GANCore

/// The objectives of issue 4 on raw discriminator outputs: each loss against its formula
/// evaluated literally in Double, and ∂L/∂ℓ against central differences, for every head
/// (D1 and D2 of D2GAN separately).
///
/// Tolerance: h = 1e-2 on logits of size ≤ 2. The losses are at most quadratic in ℓ
/// (lsgan: exact central differences), piecewise linear (wgan, hinge: exact away from the
/// hinge, and the logits below stay ≥ 0.1 from ±1), or smooth with small third derivatives
/// (softplus, log softplus: |·'''| ≤ 1, truncation ≤ h²/6 ≈ 2e-5). The Float loss carries
/// ≈ 1e-7 of round-off, ≈ 1e-5 after dividing by 2h. 2e-4 of the largest gradient (≈ 0.25)
/// plus 1e-3 relative is several times that and far below a wrong factor or sign.
@Suite("Objectives: wgan, lsgan, hinge, d2gan")
struct VariantObjectiveTests {
    static let real: [Float] = [1.7, 0.4, -0.35, 2.2, 0.8]
    static let fake: [Float] = [-1.3, 0.25, -0.6, 1.4]

    struct Case: CustomTestStringConvertible, Sendable {
        let objective: GANObjective, head: Int
        var testDescription: String { "\(objective.rawValue) head \(head)" }
    }
    static let cases: [Case] = GANObjective.allCases.flatMap { o in (0..<o.discriminatorCount).map { Case(objective: o, head: $0) } }

    static let alpha: Float = 0.7, beta: Float = 1.3

    static func dLoss(_ c: Case, real: [Float], fake: [Float]) -> (loss: Float, grad: [Float]) {
        var grad = [Float](repeating: 0, count: real.count + fake.count)
        let l = c.objective.discriminatorLoss(head: c.head, logits: real + fake, realCount: real.count, fakeCount: fake.count,
                                              grad: &grad, alpha: alpha, beta: beta)
        return (l, grad)
    }

    static func gLoss(_ c: Case, fake: [Float]) -> (loss: Float, grad: [Float]) {
        var grad = [Float](repeating: 0, count: fake.count)
        let l = c.objective.generatorLoss(head: c.head, logits: fake, count: fake.count, grad: &grad, beta: beta)
        return (l, grad)
    }

    static func mean(_ v: [Float], _ f: (Double) -> Double) -> Double { v.map { f(Double($0)) }.reduce(0, +) / Double(v.count) }
    static func sp(_ u: Double) -> Double { max(u, 0) + log1p(exp(-abs(u))) }

    /// (L_D, L_G) of one head by the formulas of docs/variants.md, in Double.
    static func reference(_ c: Case) -> (d: Double, g: Double) {
        let a = Double(alpha), b = Double(beta)
        switch c.objective {
        case .gan, .nsgan:
            let d = mean(real) { sp(-$0) } + mean(fake) { sp($0) }
            return (d, c.objective == .gan ? -mean(fake) { sp($0) } : mean(fake) { sp(-$0) })
        case .wgan, .wganGP:
            return (mean(fake) { $0 } - mean(real) { $0 }, -mean(fake) { $0 })
        case .lsgan:
            return (0.5 * mean(real) { ($0 - 1) * ($0 - 1) } + 0.5 * mean(fake) { $0 * $0 }, 0.5 * mean(fake) { ($0 - 1) * ($0 - 1) })
        case .hinge:
            return (mean(real) { max(1 - $0, 0) } + mean(fake) { max(1 + $0, 0) }, -mean(fake) { $0 })
        case .d2gan:
            // D_k = softplus(ℓ_k); L_D1 = E[−α log D1(x)] + E[D1(G(z))], L_D2 = E[D2(x)] + E[−β log D2(G(z))],
            // L_G = E[−D1(G(z))] + E[β log D2(G(z))] (head 0 and head 1 shares).
            if c.head == 0 { return (mean(real) { -a * log(sp($0)) } + mean(fake) { sp($0) }, -mean(fake) { sp($0) }) }
            return (mean(real) { sp($0) } + mean(fake) { -b * log(sp($0)) }, mean(fake) { b * log(sp($0)) })
        }
    }

    @Test("loss values equal the formulas", arguments: cases)
    func values(_ c: Case) {
        let r = Self.reference(c)
        let d = Double(Self.dLoss(c, real: Self.real, fake: Self.fake).loss)
        let g = Double(Self.gLoss(c, fake: Self.fake).loss)
        #expect(abs(d - r.d) <= 1e-6 * max(1, abs(r.d)), "L_D \(c): \(d) vs \(r.d)")
        #expect(abs(g - r.g) <= 1e-6 * max(1, abs(r.g)), "L_G \(c): \(g) vs \(r.g)")
    }

    @Test("∂L_D/∂ℓ and ∂L_G/∂ℓ match central differences", arguments: cases)
    func gradients(_ c: Case) {
        let logits = FloatBuffer(Self.real + Self.fake)
        let nd = GradientCheck.numeric(logits.base, count: logits.count, h: 1e-2) {
            let a = logits.array
            return Double(Self.dLoss(c, real: Array(a[..<5]), fake: Array(a[5...])).loss)
        }
        GradientCheck.expectMatch(Self.dLoss(c, real: Self.real, fake: Self.fake).grad, nd, relTol: 1e-3, absTol: 2e-4, "L_D \(c)")
        let f = FloatBuffer(Self.fake)
        let ng = GradientCheck.numeric(f.base, count: f.count, h: 1e-2) { Double(Self.gLoss(c, fake: f.array).loss) }
        GradientCheck.expectMatch(Self.gLoss(c, fake: Self.fake).grad, ng, relTol: 1e-3, absTol: 2e-4, "L_G \(c)")
    }

    /// log softplus stays finite and accurate where softplus underflows (ℓ ≲ −104).
    @Test func d2ganFiniteAtExtremeLogits() {
        for l: Float in [-200, -40, -16, -14, 0, 30, 200] {
            let v = logSoftplus(l), d = logSoftplusDerivative(l)
            #expect(v.isFinite && d.isFinite && d > 0 && d <= 1, "at \(l)")
            if l > -80 { #expect(abs(Double(v) - log(Self.sp(Double(l)))) <= 1e-5 * max(1, abs(Double(v))), "value at \(l)") }
        }
        #expect(logSoftplus(-200) == -200)
        for head in 0..<2 {
            let c = Case(objective: .d2gan, head: head)
            let r = Self.dLoss(c, real: [-300, 300], fake: [300, -300]), g = Self.gLoss(c, fake: [-300, 300])
            #expect(r.loss.isFinite && r.grad.allSatisfy(\.isFinite) && g.loss.isFinite && g.grad.allSatisfy(\.isFinite))
        }
    }
}
