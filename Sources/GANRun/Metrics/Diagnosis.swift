import Foundation
import GANCore

/// A condition a run fell into: what, from which step (to which, if it went away), the numbers
/// that show it, and one line of advice. The rules are in docs/diagnosis.md.
public struct Diagnosis: Codable, Equatable, Sendable {
    /// The conditions, by their names in `summary.json` and `--stop-on`.
    public enum Kind: String, Codable, CaseIterable, Sendable {
        /// D's output no longer depends on its input.
        case deadDiscriminator = "dead_discriminator"
        /// Most units of a hidden layer of G are inactive.
        case deadGeneratorUnits = "dead_generator_units"
        /// D gives the generated points (almost) no gradient.
        case vanishingGeneratorGradient = "vanishing_generator_gradient"
        /// D tells real from generated almost perfectly, for a long stretch.
        case discriminatorOverpowering = "discriminator_overpowering"
        /// Few modes captured while the samples that exist are good.
        case modeCollapse = "mode_collapse"
        /// Fewer modes than the target's captured at the end.
        case modeDropping = "mode_dropping"
        /// The covered modes keep changing.
        case modeHopping = "mode_hopping"
        /// Non-finite or exploding losses.
        case divergence
        /// The samples are still far from the data at the end.
        case notConverged = "not_converged"

        /// Kinds that need the target's modes (a Gaussian mixture).
        public var needsModes: Bool { [.modeCollapse, .modeDropping, .modeHopping].contains(self) }

        /// What may help a run in this condition: flags with their values, or plain words.
        public var suggestions: [String] {
            switch self {
            case .deadDiscriminator: return ["--activation leaky-relu", "a lower --d-learning-rate"]
            case .deadGeneratorUnits: return ["--g-activation leaky-relu", "a lower --g-learning-rate"]
            case .vanishingGeneratorGradient: return ["--gan-type nsgan", "--gan-type wgan-gp", "a lower --d-learning-rate"]
            case .discriminatorOverpowering: return ["a lower --d-learning-rate", "--r1 10", "--gan-type wgan-gp"]
            case .modeCollapse: return ["--pack 2", "--gan-type wgan-gp"]
            case .modeDropping: return ["a longer run (--num-epochs)", "--pack 2"]
            case .modeHopping: return ["a lower --g-learning-rate", "--gan-type wgan-gp"]
            case .divergence: return ["a lower --learning-rate", "--gan-type wgan-gp"]
            case .notConverged: return ["a longer run (--num-epochs)", "a higher --learning-rate"]
            }
        }

        /// One line of advice: the ``suggestions`` that a run with the flags `current` (e.g.
        /// `--gan-type nsgan`) does not already follow.
        public func advice(excluding current: Set<String> = []) -> String {
            let open = suggestions.filter { !current.contains($0) }
            let list = open.isEmpty ? suggestions : open
            return "try " + (list.count == 1 ? list[0] : list.dropLast().joined(separator: ", ") + " or " + list.last!)
        }
    }

    /// What happened.
    public var kind: Kind
    /// The first evaluation step at which it held.
    public var beganStep: Int
    /// The first evaluation step at which it no longer held; nil while it lasts (JSON null).
    public var endedStep: Int?
    /// The numbers that show it.
    public var evidence: String
    /// One line of advice (``Kind/advice(excluding:)``).
    public var advice: String

    /// A condition of `kind` that began at `beganStep`, with advice for a run with the flags `current`.
    public init(kind: Kind, beganStep: Int, evidence: String, current: Set<String> = []) {
        self.kind = kind
        self.beganStep = beganStep
        self.evidence = evidence
        self.advice = kind.advice(excluding: current)
    }

    enum CodingKeys: String, CodingKey {
        case kind, beganStep = "began_step", endedStep = "ended_step", evidence, advice
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(kind, forKey: .kind)
        try c.encode(beganStep, forKey: .beganStep)
        try c.encode(endedStep, forKey: .endedStep)   // null while it lasts (synthesized code omits the key)
        try c.encode(evidence, forKey: .evidence)
        try c.encode(advice, forKey: .advice)
    }

    /// The console's warning line.
    public var warning: String { "\(kind.rawValue) since step \(beganStep): \(evidence); \(advice)" }
}

/// Watches a run's evaluations and reports the conditions of ``Diagnosis/Kind``. A condition
/// begins once it has held long enough (``Rules``), at the first evaluation of that stretch, and
/// ends at the first of two evaluations in a row without it. The warm-up (the first
/// ``Rules/warmUpFraction`` of the run, where every GAN starts collapsed and moves fast) is
/// recorded but judged by nothing.
public final class Diagnostician {
    /// The thresholds, in one place (docs/diagnosis.md explains each).
    public enum Rules {
        /// The first fraction of the run's steps, judged by nothing.
        public static let warmUpFraction = 0.1
        /// D's output spread at or below this counts as constant.
        public static let constantOutput = 1e-6
        /// A G layer with more than this fraction of dead units.
        public static let deadGeneratorFraction = 0.5
        /// Mean per-point generator gradient below this (data coordinates of order 1).
        public static let vanishingGradient = 1e-4
        /// D accuracy on both real and generated points at or above this.
        public static let overpoweringAccuracy = 0.95
        /// Conditions that must last: this fraction of the run's steps.
        public static let lastingFraction = 0.1
        /// Mode collapse needs the high-quality fraction at or above this.
        public static let collapseQuality = 0.5
        /// A mode is covered (for hopping) when at least 1/(4K) of the samples are nearest to it.
        public static let coveredShare = 0.25
        /// Hopping: this many hops within the last `hopWindow` evaluations.
        public static let hops = 3
        /// The evaluations `hops` are counted in.
        public static let hopWindow = 6
        /// A loss beyond this multiple of max(1, its level right after the warm-up) explodes.
        public static let explodingFactor = 100.0
        /// Not converged: final energy distance above this fraction of the data's RMS spread.
        public static let unconvergedDistance = 0.1
    }

    /// The run's steps.
    public let totalSteps: Int
    /// K, the number of modes, when the target is a Gaussian mixture.
    public let modes: Int?
    /// √(var x + var y) of the real data: the scale the distances are judged on.
    public let dataSpread: Double
    /// The run's settings as flags with values (`--gan-type nsgan`): advice leaves them out.
    public let current: Set<String>
    /// Every evaluation observed, in order: its metrics and the networks' signals (with the last losses).
    private var history: [(step: Int, metrics: MixtureMetrics, signals: TrainingSignals)] = []
    /// Every condition so far, in the order they began; those still lasting have no end step.
    public private(set) var diagnoses: [Diagnosis] = []
    private var streaks: [Diagnosis.Kind: Int] = [:]        // kind → index in history where its stretch began
    private var openIndex: [Diagnosis.Kind: Int] = [:]      // kind → index in diagnoses
    private var misses: [Diagnosis.Kind: Int] = [:]         // kind → consecutive evaluations without it (open ones)
    private var lossLevel: (d: Double, g: Double)?

    /// For a run of `totalSteps` steps on a target with `modes` modes (nil: none known);
    /// `real` (interleaved x, y) sets the scale distances are judged on; `current` is the run's
    /// settings as flags with values, which advice does not repeat.
    public init(totalSteps: Int, modes: Int?, real: [Float], current: Set<String> = []) {
        self.totalSteps = totalSteps
        self.modes = modes
        self.current = current
        let xs = stride(from: 0, to: real.count - 1, by: 2).map { Double(real[$0]) }
        let ys = stride(from: 1, to: real.count, by: 2).map { Double(real[$0]) }
        let n = Double(xs.count)
        let mx = xs.reduce(0, +) / n, my = ys.reduce(0, +) / n
        dataSpread = (zip(xs, ys).reduce(0.0) { $0 + (pow($1.0 - mx, 2) + pow($1.1 - my, 2)) } / n).squareRoot()
    }

    /// The kinds this run cannot check (they need known modes), in declaration order.
    public var skipped: [Diagnosis.Kind] { modes == nil ? Diagnosis.Kind.allCases.filter(\.needsModes) : [] }

    private var warmUpSteps: Int { Int((Double(totalSteps) * Rules.warmUpFraction).rounded(.up)) }
    private var lastingSteps: Int { Int((Double(totalSteps) * Rules.lastingFraction).rounded(.up)) }

    /// Adds the evaluation of `step`; returns the conditions that began with it.
    @discardableResult
    public func observe(step: Int, metrics: MixtureMetrics, signals: TrainingSignals) -> [Diagnosis] {
        history.append((step, metrics, signals))
        let judged = step >= warmUpSteps && step > 0
        if lossLevel == nil, judged { lossLevel = (abs(signals.dLoss), abs(signals.gLoss)) }
        var begun: [Diagnosis] = []
        guard judged else { return begun }
        for kind in Diagnosis.Kind.allCases where !kind.needsModes || modes != nil {
            guard kind != .modeDropping, kind != .notConverged else { continue }   // judged at the end
            if let evidence = check(kind) {
                misses[kind] = 0
                let start = streaks[kind] ?? (history.count - 1)
                streaks[kind] = start
                if openIndex[kind] == nil, confirmed(kind, from: start) {
                    openIndex[kind] = diagnoses.count
                    let began = kind == .modeHopping ? recentHops()[0] : history[start].step
                    let d = Diagnosis(kind: kind, beganStep: began, evidence: evidence, current: current)
                    diagnoses.append(d)
                    begun.append(d)
                } else if let i = openIndex[kind] {
                    diagnoses[i].evidence = evidence
                }
            } else {
                streaks[kind] = nil
                if let i = openIndex[kind] {
                    misses[kind, default: 0] += 1
                    if misses[kind] == 2 {
                        diagnoses[i].endedStep = history[history.count - 2].step
                        openIndex[kind] = nil
                    }
                }
            }
        }
        return begun
    }

    /// A run that diverged at `step` (non-finite loss or parameters): begins `divergence`.
    @discardableResult
    public func diverged(at step: Int, dLoss: Float, gLoss: Float) -> Diagnosis? {
        guard openIndex[.divergence] == nil else { return nil }
        let d = Diagnosis(kind: .divergence, beganStep: step,
                          evidence: "a loss or parameter is not finite (d_loss \(dLoss), g_loss \(gLoss))", current: current)
        openIndex[.divergence] = diagnoses.count
        diagnoses.append(d)
        return d
    }

    /// Adds the end-of-run conditions (mode dropping, not converged) judged on the last
    /// evaluation and returns every diagnosis.
    public func finish() -> [Diagnosis] {
        guard let last = history.last, last.step > 0, last.step >= warmUpSteps else { return diagnoses }
        if let k = modes, openIndex[.modeCollapse] == nil, last.metrics.modesCaptured < k {
            var start = history.count - 1
            while start > 0, history[start - 1].metrics.modesCaptured < k, history[start - 1].step > 0 { start -= 1 }
            diagnoses.append(Diagnosis(kind: .modeDropping, beganStep: history[start].step,
                                       evidence: "\(last.metrics.modesCaptured) of \(k) modes captured at the end", current: current))
        }
        let distance = last.metrics.energyDistance / max(dataSpread, 1e-12)
        if openIndex[.divergence] == nil, !(distance <= Rules.unconvergedDistance) {
            diagnoses.append(Diagnosis(kind: .notConverged, beganStep: last.step,
                                       evidence: String(format: "energy distance %.3g at the end: %.2f times the data's spread %.3g",
                                                        last.metrics.energyDistance, distance, dataSpread), current: current))
        }
        return diagnoses
    }

    /// Whether the stretch of `kind` that began at history index `start` confirms it now.
    private func confirmed(_ kind: Diagnosis.Kind, from start: Int) -> Bool {
        let now = history[history.count - 1].step
        let evaluations = history.count - start
        switch kind {
        case .discriminatorOverpowering, .modeCollapse, .modeHopping:
            return evaluations >= 2 && now - history[start].step >= lastingSteps
        case .divergence:
            return true
        default:
            return evaluations >= 2
        }
    }

    /// The evidence for `kind` at the latest evaluation, or nil if it does not hold there.
    private func check(_ kind: Diagnosis.Kind) -> String? {
        let o = history[history.count - 1], s = o.signals, m = o.metrics
        switch kind {
        case .deadDiscriminator:
            let deadLayer = s.deadUnitsD.firstIndex { $0 >= 1 }
            guard s.outputSpread <= Rules.constantOutput || deadLayer != nil else { return nil }
            var parts = [String(format: "D's output varies by %.3g over the evaluation batch", s.outputSpread)]
            if let l = deadLayer { parts.append("every unit of D's hidden layer \(l + 1) is inactive") }
            parts.append(String(format: "d_loss %.6f (ln 4 = 1.386294)", s.dLoss))
            return parts.joined(separator: "; ")
        case .deadGeneratorUnits:
            guard let l = s.deadUnitsG.firstIndex(where: { $0 > Rules.deadGeneratorFraction }) else { return nil }
            return String(format: "%.0f%% of G's hidden layer %d units are inactive for every evaluation noise row", 100 * s.deadUnitsG[l], l + 1)
        case .vanishingGeneratorGradient:
            guard s.generatorPointGradient < Rules.vanishingGradient else { return nil }
            return String(format: "mean per-point generator gradient %.3g (below %.0e)", s.generatorPointGradient, Rules.vanishingGradient)
        case .discriminatorOverpowering:
            guard s.accuracyReal >= Rules.overpoweringAccuracy, s.accuracyFake >= Rules.overpoweringAccuracy else { return nil }
            return String(format: "D is right on %.0f%% of real and %.0f%% of generated points", 100 * s.accuracyReal, 100 * s.accuracyFake)
        case .modeCollapse:
            guard let k = modes, k >= 2, m.modesCaptured <= 1 || 2 * m.modesCaptured < k,
                  m.highQualityFraction >= Rules.collapseQuality else { return nil }
            return String(format: "%d of %d modes captured while %.0f%% of the samples are high quality", m.modesCaptured, k, 100 * m.highQualityFraction)
        case .modeHopping:
            let hops = recentHops()
            guard hops.count >= Rules.hops else { return nil }
            return "the covered modes changed (one lost, another gained) at steps " + hops.map(String.init).joined(separator: ", ")
        case .divergence:
            guard let level = lossLevel else { return nil }
            let dLimit = Rules.explodingFactor * max(1, level.d), gLimit = Rules.explodingFactor * max(1, level.g)
            guard abs(s.dLoss) > dLimit || abs(s.gLoss) > gLimit else { return nil }
            return String(format: "losses exploded: d_loss %.4g, g_loss %.4g (more than %.0f× their level after the warm-up)",
                          s.dLoss, s.gLoss, Rules.explodingFactor)
        case .modeDropping, .notConverged:
            return nil
        }
    }

    /// Steps, within the last ``Rules/hopWindow`` evaluations, at which some covered mode
    /// was lost and another gained.
    private func recentHops() -> [Int] {
        guard let k = modes else { return [] }
        let first = max(1, history.count - Rules.hopWindow)
        guard first < history.count else { return [] }
        func covered(_ m: MixtureMetrics) -> Set<Int> {
            Set(m.modeHistogram.indices.filter { m.modeHistogram[$0] >= Rules.coveredShare / Double(k) })
        }
        var hops: [Int] = []
        for i in first..<history.count where history[i - 1].step >= warmUpSteps && history[i - 1].step > 0 {
            let before = covered(history[i - 1].metrics), after = covered(history[i].metrics)
            if !before.subtracting(after).isEmpty && !after.subtracting(before).isEmpty { hops.append(history[i].step) }
        }
        return hops
    }
}
