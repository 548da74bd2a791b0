import Foundation
import Testing
@testable import GANCore
@testable import GANRun

/// The training signals on constructed networks, and every detector on a constructed run
/// that must trigger it and one that must not.
@Suite("Diagnosis: signals and detectors")
struct DiagnosisTests {
    // MARK: signals

    @Test func inactiveUnitsAreCountedPerHiddenLayer() {
        var rng = RNG(seed: 1)
        let net = MLP(sizes: [2, 4, 3, 1], maxBatch: 8, rng: &rng, runner: nil)
        // Layer 1: zero weights, biases +1, −1, +1, −1: units 2 and 4 output 0 for every input.
        let l0 = net.layers[0]
        for i in 0..<(2 * 4) { l0.W.data[i] = 0 }
        for (j, b) in [Float(1), -1, 1, -1].enumerated() { l0.b[j] = b }
        // Layer 2: biases 1, 1, −100; its weights (N(0, 0.01²)) move that by far less than 1.
        for (j, b) in [Float(1), 1, -100].enumerated() { net.layers[1].b[j] = b }
        let x = FloatBuffer([0.5, -0.5, 2, 3, -1, 1])
        net.forward(x.matrix(rows: 3, cols: 2))
        #expect(net.inactiveUnitFractions() == [0.5, 1.0 / 3])
    }

    /// A trainer whose D has a first hidden layer of dead units: zero weights, bias −1.
    static func trainerWithDeadDiscriminator() -> Trainer {
        var s = TrainingSettings()
        s.numZ = 4; s.hiddenSize = 8; s.batchSize = 16
        let t = Trainer(settings: s, data: GaussianMixture.seed)
        t.step()
        let l0 = t.discriminator.layers[0]
        for i in 0..<(l0.inFeatures * l0.outFeatures) { l0.W.data[i] = 0 }
        for j in 0..<l0.outFeatures { l0.b[j] = -1 }
        return t
    }

    @Test func aDeadDiscriminatorShowsInEverySignal() {
        let t = Self.trainerWithDeadDiscriminator()
        var rng = RNG(seed: 2)
        let real = GaussianMixture.seed.sample(count: 16, rng: &rng)
        let noise = FloatBuffer(count: 16 * 4)
        t.settings.latent.fill(noise.base, count: noise.count, rng: &rng)
        let s = TrainingSignals.measure(t, real: real, noise: noise.matrix(rows: 16, cols: 4), losses: (1.386, 0.693))
        #expect(s.deadUnitsD[0] == 1)
        #expect(s.outputSpread == 0)
        #expect(s.generatorPointGradient == 0)
        // The output is the last bias for every point: real and fake are told apart no better than by a constant.
        #expect(s.accuracyReal + s.accuracyFake == 1 || (s.accuracyReal == 0 && s.accuracyFake == 0))
        #expect(abs(s.meanDReal - s.meanDFake) < 1e-12)
        #expect(s.dLoss == Double(Float(1.386)))
    }

    @Test func signalsOfAHealthyStepAreMeasuredNotAssumed() {
        var s = TrainingSettings()
        s.numZ = 4; s.hiddenSize = 8; s.batchSize = 16
        let t = Trainer(settings: s, data: GaussianMixture.seed)
        for _ in 0..<5 { t.step() }
        var expected = 0.0
        for i in 0..<t.discriminator.gradients.count { expected += Double(t.discriminator.gradients.base[i] * t.discriminator.gradients.base[i]) }
        var rng = RNG(seed: 3)
        let real = GaussianMixture.seed.sample(count: 16, rng: &rng)
        let noise = FloatBuffer(count: 16 * 4)
        s.latent.fill(noise.base, count: noise.count, rng: &rng)
        let m = TrainingSignals.measure(t, real: real, noise: noise.matrix(rows: 16, cols: 4), losses: (1, 1))
        #expect(abs(m.gradientNormD - expected.squareRoot()) <= 1e-6 * max(1, m.gradientNormD))
        #expect(m.gradientNormD > 0 && m.gradientNormG > 0)
        #expect(m.outputSpread > 0 && m.generatorPointGradient > 0)
        #expect((0...1).contains(m.accuracyReal) && (0...1).contains(m.accuracyFake))
        #expect(m.deadUnitsD.count == 2 && m.deadUnitsG.count == 2)
    }

    // MARK: detectors on constructed runs

    static let healthy = TrainingSignals(
        deadUnitsD: [0.1, 0.2], deadUnitsG: [0.1, 0.1], gradientNormD: 0.5, gradientNormG: 0.3,
        accuracyReal: 0.6, accuracyFake: 0.55, meanDReal: 0.55, meanDFake: 0.45,
        generatorPointGradient: 0.2, outputSpread: 2, dLoss: 1.3, gLoss: 0.8)

    static func metrics(modes: Int, quality: Double = 0.9, histogram: [Double], distance: Double = 0.01) -> MixtureMetrics {
        var m = MixtureMetrics()
        (m.nSamples, m.modesCaptured, m.highQualityFraction, m.reverseKL) = (2500, modes, quality, 0)
        (m.inceptionScore, m.meanLogLikelihood, m.energyDistance, m.slicedWasserstein) = (1, 0, distance, 0)
        (m.mmdRBF, m.modeHistogram) = (0, histogram)
        return m
    }

    static let even8 = [Double](repeating: 1.0 / 8, count: 8)
    /// Real points with RMS spread √2 about the origin (±1 on each axis).
    static let real: [Float] = [1, 1, -1, -1, 1, -1, -1, 1]

    /// Runs a 10 000-step run evaluated every 500 steps through a diagnostician; `at` gives
    /// each evaluation's metrics and signals.
    static func run(modes: Int? = 8, _ at: (Int) -> (MixtureMetrics, TrainingSignals)) -> (Diagnostician, [Diagnosis], [Diagnosis]) {
        let d = Diagnostician(totalSteps: 10_000, modes: modes, real: real)
        var begun: [Diagnosis] = []
        for step in stride(from: 0, through: 10_000, by: 500) {
            let (m, s) = at(step)
            begun += d.observe(step: step, metrics: m, signals: s)
        }
        return (d, begun, d.finish())
    }

    static func kinds(_ list: [Diagnosis]) -> [Diagnosis.Kind] { list.map(\.kind) }

    @Test func aHealthyRunHasNoDiagnosis() {
        let (_, begun, all) = Self.run { _ in (Self.metrics(modes: 8, histogram: Self.even8), Self.healthy) }
        #expect(begun.isEmpty && all.isEmpty)
    }

    @Test func deadDiscriminatorBeginsWhereItsStretchBeganAndCanEnd() throws {
        var dead = Self.healthy
        dead.outputSpread = 0; dead.deadUnitsD = [1, 1]; dead.generatorPointGradient = 0
        let (_, begun, all) = Self.run { step in
            (Self.metrics(modes: 8, histogram: Self.even8), (3000...6000).contains(step) ? dead : Self.healthy)
        }
        #expect(Self.kinds(begun) == [.deadDiscriminator, .vanishingGeneratorGradient])
        let d = try #require(all.first { $0.kind == .deadDiscriminator })
        #expect(d.beganStep == 3000 && d.endedStep == 6500)
        #expect(d.evidence.contains("every unit of D's hidden layer 1 is inactive"))
        #expect(d.advice.contains("--activation leaky-relu"))
        // A brief dip of one evaluation is not a dead discriminator.
        let (_, brief, _) = Self.run { step in (Self.metrics(modes: 8, histogram: Self.even8), step == 3000 ? dead : Self.healthy) }
        #expect(brief.isEmpty)
    }

    @Test func deadGeneratorUnits() {
        var bad = Self.healthy
        bad.deadUnitsG = [0.7, 0.1]
        var fine = Self.healthy
        fine.deadUnitsG = [0.5, 0.4]
        #expect(Self.kinds(Self.run { _ in (Self.metrics(modes: 8, histogram: Self.even8), bad) }.2) == [.deadGeneratorUnits])
        #expect(Self.run { _ in (Self.metrics(modes: 8, histogram: Self.even8), fine) }.2.isEmpty)
    }

    @Test func vanishingGeneratorGradient() {
        var bad = Self.healthy
        bad.generatorPointGradient = 1e-7
        var fine = Self.healthy
        fine.generatorPointGradient = 1e-3
        #expect(Self.kinds(Self.run { _ in (Self.metrics(modes: 8, histogram: Self.even8), bad) }.2) == [.vanishingGeneratorGradient])
        #expect(Self.run { _ in (Self.metrics(modes: 8, histogram: Self.even8), fine) }.2.isEmpty)
    }

    @Test func discriminatorOverpoweringNeedsALongStretch() throws {
        var strong = Self.healthy
        strong.accuracyReal = 0.99; strong.accuracyFake = 0.98
        let long = Self.run { step in (Self.metrics(modes: 8, histogram: Self.even8), step >= 4000 ? strong : Self.healthy) }
        let d = try #require(long.2.first)
        #expect(Self.kinds(long.2) == [.discriminatorOverpowering] && d.beganStep == 4000 && d.endedStep == nil)
        // 500 steps (two evaluations) is 5 % of the run: not a long stretch.
        let short = Self.run { step in (Self.metrics(modes: 8, histogram: Self.even8), (4000...4500).contains(step) ? strong : Self.healthy) }
        #expect(short.2.isEmpty)
    }

    @Test func modeCollapseNeedsHighQualityOnFewModes() {
        let one = [1.0] + [Double](repeating: 0, count: 7)
        let collapsed = Self.run { step in
            (step >= 2000 ? Self.metrics(modes: 1, quality: 0.95, histogram: one) : Self.metrics(modes: 8, histogram: Self.even8), Self.healthy)
        }
        #expect(Self.kinds(collapsed.2) == [.modeCollapse] && collapsed.2[0].beganStep == 2000)
        // Few modes but poor quality: not converged, not a collapse.
        let poor = Self.run { _ in (Self.metrics(modes: 1, quality: 0.1, histogram: one, distance: 1), Self.healthy) }
        #expect(!Self.kinds(poor.2).contains(.modeCollapse))
        #expect(Self.kinds(poor.2).contains(.notConverged))
    }

    @Test func modeDroppingIsJudgedAtTheEnd() throws {
        let six = Self.run { step in (Self.metrics(modes: step >= 7000 ? 6 : 8, histogram: Self.even8), Self.healthy) }
        let d = try #require(six.2.first)
        #expect(Self.kinds(six.2) == [.modeDropping] && d.beganStep == 7000 && d.evidence.hasPrefix("6 of 8"))
        #expect(six.1.isEmpty)   // nothing during the run
        let dipped = Self.run { step in (Self.metrics(modes: step == 7000 ? 6 : 8, histogram: Self.even8), Self.healthy) }
        #expect(dipped.2.isEmpty)
    }

    @Test func modeHoppingNeedsRepeatedSwaps() throws {
        let a = [0.5, 0.5, 0, 0, 0, 0, 0, 0], b = [0, 0, 0.5, 0.5, 0, 0, 0, 0]
        let hopping = Self.run { step in
            (Self.metrics(modes: 2, histogram: step >= 3000 && (step / 500) % 2 == 1 ? b : a), Self.healthy)
        }
        #expect(Self.kinds(hopping.1).contains(.modeHopping))
        let d = try #require(hopping.2.first { $0.kind == .modeHopping })
        #expect(d.beganStep == 3500)
        // Growing coverage (modes gained, none lost) is learning, not hopping.
        let growing = Self.run { step in
            let k = min(8, 1 + step / 1000)
            let h = (0..<8).map { $0 < k ? 1.0 / Double(k) : 0 }
            return (Self.metrics(modes: k, histogram: h), Self.healthy)
        }
        #expect(!Self.kinds(growing.2).contains(.modeHopping))
    }

    @Test func explodingLossesAreADivergence() {
        var wild = Self.healthy
        wild.dLoss = 5e3
        let exploded = Self.run { step in (Self.metrics(modes: 8, histogram: Self.even8), step >= 6000 ? wild : Self.healthy) }
        #expect(Self.kinds(exploded.1) == [.divergence])
        var noisy = Self.healthy
        noisy.dLoss = 50
        #expect(Self.run { step in (Self.metrics(modes: 8, histogram: Self.even8), step >= 6000 ? noisy : Self.healthy) }.2.isEmpty)
        let d = Diagnostician(totalSteps: 100, modes: nil, real: Self.real)
        let entry = d.diverged(at: 42, dLoss: .nan, gLoss: 1)
        #expect(entry?.kind == .divergence && entry?.beganStep == 42 && d.finish().count == 1)
    }

    @Test func adviceLeavesOutWhatTheRunAlreadyDoes() {
        let kind = Diagnosis.Kind.vanishingGeneratorGradient
        #expect(kind.advice() == "try --gan-type nsgan, --gan-type wgan-gp or a lower --d-learning-rate")
        var c = RunConfig()   // the seed's settings: nsgan
        #expect(c.flags.contains("--gan-type nsgan") && c.flags.contains("--pack 1") && c.flags.contains("--g-activation relu"))
        #expect(kind.advice(excluding: c.flags) == "try --gan-type wgan-gp or a lower --d-learning-rate")
        c.ganType = .wganGP
        #expect(Diagnosis.Kind.modeCollapse.advice(excluding: c.flags) == "try --pack 2")
        #expect(Diagnosis(kind: .modeCollapse, beganStep: 5, evidence: "", current: c.flags).advice == "try --pack 2")
    }

    @Test func notConvergedComparesTheDistanceWithTheDataSpread() {
        // Spread √2: 0.1 of it is 0.141.
        #expect(Self.kinds(Self.run { _ in (Self.metrics(modes: 8, histogram: Self.even8, distance: 0.2), Self.healthy) }.2) == [.notConverged])
        #expect(Self.run { _ in (Self.metrics(modes: 8, histogram: Self.even8, distance: 0.1), Self.healthy) }.2.isEmpty)
    }

    @Test func modeDetectorsAreSkippedWithoutKnownModes() {
        let one = [1.0] + [Double](repeating: 0, count: 7)
        let (d, begun, all) = Self.run(modes: nil) { _ in (Self.metrics(modes: 1, quality: 0.95, histogram: one), Self.healthy) }
        #expect(d.skipped == [.modeCollapse, .modeDropping, .modeHopping])
        #expect(begun.isEmpty && all.isEmpty)
    }

    @Test func summaryJSONWritesEndedStepAsNull() throws {
        let d = Diagnosis(kind: .modeCollapse, beganStep: 100, evidence: "e")
        let json = String(decoding: try JSONEncoder().encode(d), as: UTF8.self)
        #expect(json.contains("\"ended_step\":null") && json.contains("\"kind\":\"mode_collapse\""))
        #expect(try JSONDecoder().decode(Diagnosis.self, from: Data(json.utf8)) == d)
    }

    @Test func stopOnParsesKindsAndNamesTheAcceptedOnes() throws {
        #expect(try ListParsing.names("dead_discriminator, mode_collapse, dead_discriminator", field: "stop_on") == [Diagnosis.Kind.deadDiscriminator, .modeCollapse])
        #expect(throws: RunError.self) { let _: [Diagnosis.Kind] = try ListParsing.names("dead_d", field: "stop_on") }
        do {
            let _: [Diagnosis.Kind] = try ListParsing.names("dead_d", field: "stop_on")
            Issue.record("accepted an unknown kind")
        } catch {
            #expect("\(error)".contains("stop_on") && "\(error)".contains("mode_hopping"))
        }
    }
}
