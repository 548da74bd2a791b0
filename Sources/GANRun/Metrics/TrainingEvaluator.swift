import Foundation
import GANCore

/// The metrics of a run while it trains (docs/metrics.md, "Protocol"): every `eval_freq` steps,
/// at step 0 and at the last step, G maps fixed evaluation noise (its own stream of the seed, so
/// evaluating changes nothing about training) to points scored by ``SampleEvaluation``, and the
/// ``TrainingSignals`` are measured: one row of `R/M/metrics.csv` each. ``realData`` is the
/// level a perfect generator would reach.
public final class TrainingEvaluator {
    /// Stream of `RNG(seed:)` for the evaluation noise, then the real-data baseline.
    public static let noiseStream: UInt64 = 4

    /// Steps between evaluations (`eval_freq`).
    public let frequency: Int
    /// Generated points scored per evaluation (`eval_samples`).
    public let sampleCount: Int
    /// Scores the points against the target.
    public let scorer: SampleEvaluation
    /// The metrics of `sampleCount` fresh real samples.
    public let realData: MixtureMetrics
    /// Every evaluation so far, in step order.
    public private(set) var history: [(step: Int, metrics: MixtureMetrics)] = []
    /// The signals of each evaluation of ``history``.
    public private(set) var signals: [TrainingSignals] = []
    /// `batch_size` real points the signals are measured on (drawn after ``realData``'s).
    public let signalPoints: [Float]
    /// Wall-clock seconds spent in ``evaluate(_:step:losses:)``.
    public private(set) var seconds = 0.0

    /// `metrics.csv` so far: the header and one row per evaluation.
    public private(set) var csvText: String
    private let numZ: Int
    private let noise: FloatBuffer          // [sampleCount, numZ]
    /// `step`, the keys of ``MixtureMetrics/CodingKeys`` with `mode_histogram` spread over
    /// `q_0 … q_{K−1}`, then ``TrainingSignals/csvHeader(dLayers:gLayers:)``.
    private let header: String

    /// Scores against `reference` (``Experiment/reference``); the real-data level scores fresh
    /// points of `target`.
    public init(config: RunConfig, target: any TargetDistribution, reference: [Float]) {
        frequency = config.evalFreq
        sampleCount = config.evalSamples
        numZ = config.numZ
        scorer = SampleEvaluation(reference: reference, target: target)
        var rng = RNG(seed: config.randomSeed).derived(Self.noiseStream)
        noise = FloatBuffer(count: sampleCount * numZ)
        config.latent.fill(noise.base, count: noise.count, rng: &rng)
        realData = scorer.evaluate(points: target.sample(count: sampleCount, rng: &rng))
        signalPoints = target.sample(count: config.batchSize, rng: &rng)
        let keys = MixtureMetrics.CodingKeys.allCases.filter { $0 != .modeHistogram }.map(\.rawValue)
        let histogram = (0..<(target.mixture?.componentCount ?? 0)).map { "q_\($0)" }
        let signalColumns = TrainingSignals.csvHeader(dLayers: config.trainingSettings.discriminatorSizes.count - 2,
                                                      gLayers: config.trainingSettings.generatorSizes.count - 2)
        header = (["step"] + keys + histogram + signalColumns).joined(separator: ",") + "\n"
        csvText = header
    }

    /// Whether `step` (steps done) is an evaluation step of a run of `total` steps.
    public func isDue(step: Int, total: Int) -> Bool { step % frequency == 0 || step == total }

    /// The latest evaluation, if any.
    public var latest: MixtureMetrics? { history.last?.metrics }

    /// Scores the generator on the fixed noise and measures the networks' signals (`losses`
    /// are the last step's), records both as `step` and returns them.
    @discardableResult
    public func evaluate(_ trainer: Trainer, step: Int, losses: (d: Float, g: Float)) -> (MixtureMetrics, TrainingSignals) {
        let start = Date()
        let evaluationNoise = noise.matrix(rows: sampleCount, cols: numZ)
        let m = scorer.evaluate(points: trainer.generate(noise: evaluationNoise))
        let s = TrainingSignals.measure(trainer, real: signalPoints, noise: evaluationNoise, losses: losses)
        history.append((step, m))
        signals.append(s)
        csvText += Self.row(step: step, m, s)
        seconds += Date().timeIntervalSince(start)
        return (m, s)
    }

    /// Replaces the evaluations so far with a checkpoint's (`Checkpoint`), rebuilding the CSV.
    public func restore(history: [(step: Int, metrics: MixtureMetrics)], signals: [TrainingSignals], seconds: Double) {
        precondition(history.count == signals.count, "one set of signals per evaluation")
        self.history = history
        self.signals = signals
        self.seconds = seconds
        csvText = header + zip(history, signals).map { Self.row(step: $0.step, $0.metrics, $1) }.joined()
    }

    /// One CSV row; non-finite values as `nan`, `inf`, `-inf`.
    static func row(step: Int, _ m: MixtureMetrics, _ s: TrainingSignals) -> String {
        let counts = ["\(step)", "\(m.nSamples)", m.hasMixture ? "\(m.modesCaptured)" : "nan"]
        return (counts + m.values.map { "\($0)" } + s.csvValues).joined(separator: ",") + "\n"
    }

    /// What the console line every 200 steps appends: ` | modes 2/2, HQ 97.1%, IS 1.93` (of the
    /// mixture's K modes, the length of the histogram).
    public static func consoleSuffix(_ m: MixtureMetrics) -> String {
        guard m.hasMixture else {
            return " | SW₂ " + MetricsFormat.number(m.slicedWasserstein)
                + ", precision " + MetricsFormat.percent(m.manifold.precision)
                + ", recall " + MetricsFormat.percent(m.manifold.recall)
        }
        return " | modes \(m.modesCaptured)/\(m.modeHistogram.count), HQ \(MetricsFormat.percent(m.highQualityFraction)), IS "
            + (m.inceptionScore.isFinite ? String(format: "%.2f", m.inceptionScore) : "\(m.inceptionScore)")
    }
}
