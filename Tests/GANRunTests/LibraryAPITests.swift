import Foundation
import Testing
import GANCore
import GANRender
import GANRun

/// The extension points of the library, used as a Swift user would: a custom target,
/// objective and frame layer, and an experiment's callbacks.
@Suite("Library API: custom target, objective, layer; callbacks")
struct LibraryAPITests {
    /// A built-in objective behind a type of its own: the protocol's batch functions are the
    /// only path, so it must train bit-identically to the built-in.
    struct Forwarding: AdversarialObjective {
        let inner: GANObjective
        func discriminatorTerm(head: Int, logit: Float, real: Bool, alpha: Float, beta: Float) -> (Float, Float) {
            inner.discriminatorTerm(head: head, logit: logit, real: real, alpha: alpha, beta: beta)
        }
        func generatorTerm(head: Int, logit: Float, beta: Float) -> (Float, Float) {
            inner.generatorTerm(head: head, logit: logit, beta: beta)
        }
        var discriminatorCount: Int { inner.discriminatorCount }
        var usesGradientPenalty: Bool { inner.usesGradientPenalty }
    }

    /// Least squares with the −1/1 coding: L_D rows ½(ℓ ∓ 1)², L_G rows ½ℓ².
    struct SymmetricLeastSquares: AdversarialObjective {
        func discriminatorTerm(head: Int, logit l: Float, real: Bool, alpha: Float, beta: Float) -> (Float, Float) {
            let e = real ? l - 1 : l + 1
            return (0.5 * e * e, e)
        }
        func generatorTerm(head: Int, logit l: Float, beta: Float) -> (Float, Float) { (0.5 * l * l, l) }
    }

    static func settings(_ o: GANObjective) -> TrainingSettings {
        var s = TrainingSettings()
        (s.numZ, s.hiddenSize, s.batchSize, s.objective, s.randomSeed) = (4, 16, 64, o, 11)
        return s
    }

    @Test("a custom objective trains exactly as the built-in it forwards to", arguments: [GANObjective.nsgan, .wganGP, .d2gan])
    func forwardingObjectiveMatchesBuiltin(_ o: GANObjective) {
        let builtin = Trainer(settings: Self.settings(o), data: GaussianMixture.ring8)
        let custom = Trainer(settings: Self.settings(.gan), data: GaussianMixture.ring8, objective: Forwarding(inner: o))
        #expect(custom.discriminators.count == o.discriminatorCount)
        for _ in 0..<5 {
            let (a, b) = (builtin.step(), custom.step())
            #expect(a.dLoss == b.dLoss && a.gLoss == b.gLoss)
        }
        #expect(builtin.generator.parameters.array == custom.generator.parameters.array)
    }

    @Test("the protocol's batch gradients of a custom objective match central differences")
    func customObjectiveGradients() {
        let o = SymmetricLeastSquares()
        var logits: [Float] = [0.3, -1.2, 2.0, 0.7, -0.4]
        var grad = [Float](repeating: 0, count: 5)
        let loss = o.discriminatorLoss(logits: logits, realCount: 2, fakeCount: 3, grad: &grad)
        // ½·mean over 2 real (ℓ − 1)² + ½·mean over 3 fake (ℓ + 1)², by hand.
        let want = (0.49 + 4.84) / 4 + (9 + 2.89 + 0.36) / 6
        #expect(abs(Double(loss) - want) < 1e-5)
        let h: Float = 1e-2
        for i in logits.indices {
            var scratch = grad
            logits[i] += h
            let up = o.discriminatorLoss(logits: logits, realCount: 2, fakeCount: 3, grad: &scratch)
            logits[i] -= 2 * h
            let down = o.discriminatorLoss(logits: logits, realCount: 2, fakeCount: 3, grad: &scratch)
            logits[i] += h
            #expect(abs((up - down) / (2 * h) - grad[i]) < 1e-3, "row \(i)")
        }
        var gGrad = [Float](repeating: 0, count: 5)
        let gLoss = o.generatorLoss(logits: logits, count: 5, grad: &gGrad)
        #expect(abs(Double(gLoss) - logits.map { 0.5 * Double($0 * $0) }.reduce(0, +) / 5) < 1e-6)
        #expect(gGrad == logits.map { $0 * (1 / Float(5)) })
    }

    /// Uniform on the unit square, log p = 0 inside: its own density, no modes.
    struct UnitSquare: TargetDistribution {
        func sample(count: Int, rng: inout RNG, into out: UnsafeMutablePointer<Float>) {
            for i in 0..<(2 * count) { out[i] = Float(rng.uniform()) }
        }
        func logDensity(x: Double, y: Double) -> Double? { (0...1).contains(x) && (0...1).contains(y) ? 0 : -.infinity }
    }

    /// Only samples: no mixture, no density.
    struct Samples: TargetDistribution {
        func sample(count: Int, rng: inout RNG, into out: UnsafeMutablePointer<Float>) {
            for i in 0..<(2 * count) { out[i] = 0 }
        }
    }

    @Test func customTargetDensityGivesTheMeanLogLikelihood() {
        let square = SampleEvaluation(target: UnitSquare(), seed: 1)
        #expect(UnitSquare().mixture == nil)
        #expect(square.evaluate(points: [0.5, 0.5, 0.25, 0.75]).meanLogLikelihood == 0)
        #expect(square.evaluate(points: [0.5, 0.5, 2, 0]).meanLogLikelihood == -.infinity)
        #expect(SampleEvaluation(target: Samples(), seed: 1).evaluate(points: [0, 0]).meanLogLikelihood.isNaN)
        // A mixture's default density is its own.
        let m = GaussianMixture.ring8
        #expect((m as any TargetDistribution).logDensity(x: 0.3, y: 1.9) == m.logDensity(x: 0.3, y: 1.9))
    }

    /// Fills the plot area with one colour and records the steps it was drawn at.
    final class Fill: FrameLayer {
        var steps: [Int] = []
        func draw(on canvas: Canvas, context: FrameContext) {
            steps.append(context.step)
            let r = context.axes.plotRect
            canvas.fillRect(x0: r.x0, y0: r.y0, x1: r.x1, y1: r.y1, color: Color(hex: 0x00FF00))
        }
    }

    @Test func experimentCallsBackOnEveryStepFrameAndEvaluation() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ganscope-lib-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var c = RunConfig(preset: .ring8)
        (c.resultDir, c.numEpochs, c.animFreq, c.dispFreq, c.evalFreq) = (dir, 40, 10, 40, 20)
        (c.numZ, c.hiddenSize, c.batchSize, c.evalSamples) = (4, 16, 64, 200)
        let experiment = try Experiment(config: c, target: UnitSquare(), objective: SymmetricLeastSquares())
        let fill = Fill()
        experiment.extraLayers = [fill]
        var steps: [Int] = [], dLosses: [Float] = [], frames: [(Int, [UInt8])] = [], evaluations: [Int] = []
        experiment.onStep = { step, d, _ in steps.append(step); dLosses.append(d) }
        experiment.onFrame = { frames.append(($0, $1)) }
        experiment.onEvaluation = { step, m in evaluations.append(step); #expect(m.meanLogLikelihood <= 0) }
        let summary = try experiment.run()

        #expect(steps == Array(1...40))
        let csv = try String(contentsOfFile: experiment.layout.lossesCSV, encoding: .utf8)
        #expect(csv.contains("\n39,\(dLosses[39]),"))            // losses.csv numbers rows from step 0
        #expect(frames.map(\.0) == [10, 20, 30, 40] && summary.frames == 4)
        #expect(fill.steps == [10, 20, 30, 40])
        let last = try Canvas.decodePNG(frames[3].1)
        let r = LayeredFramePainter(config: c, mixture: nil, real: []).axes(step: 40).plotRect
        let centre = last.pixel(x: (r.x0 + r.x1) / 2, y: (r.y0 + r.y1) / 2)
        #expect(centre.r < 8 && centre.g > 247 && centre.b < 8, "\(centre)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: experiment.layout.animationFrame(index: 4))) == Data(frames[3].1))
        #expect(evaluations == [0, 20, 40])
    }
}
