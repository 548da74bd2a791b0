import Foundation
import Testing
@testable import GANCore

/// `Adam` in TensorFlow 1's form against steps worked out by hand:
///
///     m ← β1·m + (1 − β1)·g,  v ← β2·v + (1 − β2)·g²,
///     lr_t = lr·√(1 − β2ᵗ)/(1 − β1ᵗ),  θ ← θ − lr_t·m/(√v + ε).
///
/// The expected numbers below were computed from these formulas in Double, independently of
/// the implementation; the implementation runs in Float, so states agree to ≈ 1e-7 relative
/// and 1e-6 absolute is tight (a wrong β, a missing bias correction or ε in the other place
/// changes them by ≥ 1e-3).
@Suite("Adam (TF1 form)")
struct AdamTests {
    /// |a − b| ≤ tol·max(1, |b|): absolute for parameters and m.
    static func near(_ a: [Float], _ b: [Double], tol: Double = 1e-6) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { abs(Double($0) - $1) <= tol * max(1, abs($1)) }
    }

    /// |a − b| ≤ 1e-6·|b| + 1e-15: relative, for the small second moments v.
    static func nearRelative(_ a: [Float], _ b: [Double]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { abs(Double($0) - $1) <= 1e-6 * abs($1) + 1e-15 }
    }

    /// lr 0.1, β1 0.5, β2 0.999, ε 1e-8; θ₀ = (1, −2, 0.5); three steps with known gradients.
    /// The hyperparameters are Float, as in TF1: β2 is 0.99900001287 and 1 − β2 is
    /// 9.99987125e-4, a 1.3e-5 relative difference in v that the expected values include
    /// (they were computed with these exact Float values; lr_t in Double as the code does).
    @Test func threeHandComputedSteps() {
        let adam = Adam(parameterCount: 3, learningRate: 0.1)
        #expect(adam.beta1 == 0.5 && adam.beta2 == 0.999 && adam.epsilon == 1e-8)
        let theta = FloatBuffer([1, -2, 0.5])
        let grads: [[Float]] = [[0.5, -1, 0], [0.1, 2, 0], [-0.3, 0.5, 1]]
        // Step t: (lr_t, m, v, θ).
        let expected: [(Double, [Double], [Double], [Double])] = [
            // lr_1 = lr·√(1−β2)/(1−β1); m = ½g, v = (1−β2)·g², so each moved parameter moves by lr·sign(g).
            (0.00632451470137802, [0.25, -0.5, 0], [0.00024999678134918213, 0.0009999871253967285, 0],
             [0.9000000617558048, -1.9000000301328543, 0.5]),
            (0.0059613187744794625, [0.175, 0.75, 0], [0.000259746659338429, 0.004998935652732683, 0],
             [0.8352701311322118, -1.9632360860142077, 0.5]),
            // The third parameter sees its first non-zero gradient at t = 3.
            (0.006256516647297546, [-0.0625, 0.625, 0.5],
             [0.00034948576446139676, 0.005243933562788446, 0.0009999871253967285],
             [0.8561870486155864, -2.0172348689430035, 0.40107518035071854]),
        ]
        for (t, (lrT, m, v, th)) in expected.enumerated() {
            #expect(abs(Double(adam.nextStepSize) - lrT) <= 1e-9, "lr_\(t + 1)")
            let g = FloatBuffer(grads[t])
            adam.step(params: theta.base, grads: g.base)
            #expect(adam.t == t + 1)
            #expect(Self.near(adam.m.array, m), "m after step \(t + 1): \(adam.m.array)")
            #expect(Self.nearRelative(adam.v.array, v), "v after step \(t + 1): \(adam.v.array)")
            #expect(Self.near(theta.array, th), "θ after step \(t + 1): \(theta.array)")
        }
    }

    /// Step 1 moves θ by lr_1·(1−β1)g / (√(1−β2)·|g| + ε) = lr·g / (|g| + ε/√(1−β2)):
    /// ≈ lr·sign(g) whatever the scale of g, until |g| approaches ε/√(1−β2). At g = 1e-7 the
    /// TF1 form moves 0.240·lr, where ε on the bias-corrected √v̂ would move 0.909·lr.
    @Test("first step ≈ lr·sign(g)", arguments: [(Float(0.5), Float(0.999)), (0.9, 0.999), (0.8, 0.99)])
    func firstStep(beta1: Float, beta2: Float) {
        let g: [Float] = [1e3, 1, -1e-3, 4e-2, -1e-7, 0]
        let lr: Float = 0.01
        let adam = Adam(parameterCount: g.count, learningRate: lr, beta1: beta1, beta2: beta2)
        let theta = FloatBuffer(count: g.count), grads = FloatBuffer(g)
        adam.step(params: theta.base, grads: grads.base)
        let floor = 1e-8 / Double(1 - beta2).squareRoot()
        for (i, gi) in g.enumerated() {
            let gd = Double(gi)
            let move = gd == 0 ? 0 : Double(lr) * gd / (abs(gd) + floor)
            #expect(abs(Double(-theta[i]) - move) <= 1e-6 * Double(lr), "g = \(gi): moved \(-theta[i]), expected \(move)")
            if abs(gd) >= 1e-3 { #expect(abs(abs(Double(theta[i])) - Double(lr)) <= 1e-3 * Double(lr)) }
        }
        if beta2 == 0.999 { #expect(abs(Double(abs(theta[4])) / Double(lr) - 0.2403) <= 1e-3) }
    }

    /// Constant gradients: m̂ and v̂ are exact, so every step moves by lr·g/(|g| + ε/√(1−β2ᵗ))
    /// ≈ lr — the textbook "Adam steps have size lr" property, here over 50 steps.
    @Test func constantGradientStepsHaveSizeLR() {
        let adam = Adam(parameterCount: 2, learningRate: 1e-3, beta1: 0.9, beta2: 0.999)
        let theta = FloatBuffer([0, 0]), g = FloatBuffer([0.3, -7])
        for _ in 0..<50 { adam.step(params: theta.base, grads: g.base) }
        #expect(abs(Double(theta[0]) + 0.05) <= 1e-6)
        #expect(abs(Double(theta[1]) - 0.05) <= 1e-6)
    }

    /// Setting t resumes the bias correction where a checkpoint left it.
    @Test func restoreSetsStepCount() {
        let adam = Adam(parameterCount: 1, learningRate: 0.1)
        adam.t = 9
        // lr_10 = 0.1·√(1 − 0.999¹⁰)/(1 − 0.5¹⁰) with Float β2 (0.0099872240; 0.0099873 with Double β2).
        #expect(abs(Double(adam.nextStepSize) - 0.009987224017860554) <= 1e-9)
        #expect(adam.t == 9)
    }

    /// The eight-wide SIMD path gives the bits of the scalar formula, wherever a range
    /// starts and however the parameters are split into ranges (the trainer splits them by
    /// worker): 37 parameters, five steps, as one range and as ranges of 5, 19 and 13.
    @Test func simdPathMatchesTheScalarFormulaBitForBit() {
        var rng = RNG(seed: 3)
        let n = 37
        let start = FloatBuffer(count: n), whole = FloatBuffer(count: n), split = FloatBuffer(count: n)
        rng.fillNormal(start.base, count: n)
        whole.base.update(from: start.base, count: n)
        split.base.update(from: start.base, count: n)
        var theta = start.array, m = [Float](repeating: 0, count: n), v = m
        let a = Adam(parameterCount: n, learningRate: 0.01), b = Adam(parameterCount: n, learningRate: 0.01)
        let g = FloatBuffer(count: n)
        for _ in 0..<5 {
            rng.fillNormal(g.base, count: n)
            let lrT = a.nextStepSize
            a.beginStep()
            a.apply(params: whole.base, grads: g.base, range: 0..<n)
            b.beginStep()
            for r in [0..<5, 5..<24, 24..<n] { b.apply(params: split.base, grads: g.base, range: r) }
            for i in 0..<n {   // the formula, one parameter at a time
                let gi = g[i]
                m[i] = a.beta1 * m[i] + (1 - a.beta1) * gi
                v[i] = a.beta2 * v[i] + (1 - a.beta2) * gi * gi
                theta[i] -= lrT * m[i] / (v[i].squareRoot() + a.epsilon)
            }
        }
        #expect(whole.array.map(\.bitPattern) == theta.map(\.bitPattern))
        #expect(split.array.map(\.bitPattern) == theta.map(\.bitPattern))
        #expect(a.m.array == m && a.v.array == v && b.m.array == m && b.v.array == v)
    }
}
