import Foundation
import GANCore
import GANRender

/// What a run reports while it goes (the `events` of ``Experiment/run(control:events:)``).
public enum RunEvent: Sendable {
    /// The seed's console line, every 200 steps.
    case log(String)
    /// A training condition began (``Diagnosis/warning``): one line, once per condition.
    case warning(String)
    /// Progress for a live display: steps done, total, seconds elapsed.
    case progress(step: Int, total: Int, seconds: Double)
    /// A file was written.
    case wrote(String)
}

/// The end state of a run, written to `summary.json`.
public struct RunSummary: Codable, Equatable, Sendable {
    /// `finished`, `diverged at step N` or `interrupted at step N`.
    public var status: String
    /// Steps done.
    public var steps: Int
    /// Wall-clock seconds of the run, resumed parts included.
    public var seconds: Double
    /// ``steps`` / ``seconds``.
    public var stepsPerSecond: Double
    /// D's loss at the last step.
    public var finalDLoss: Double
    /// G's loss at the last step.
    public var finalGLoss: Double
    /// Frames in the GIF.
    public var frames: Int
    /// Worker threads of the row-parallel passes.
    public var workers: Int
    /// OpenBLAS threads.
    public var blasThreads: Int
    /// The metrics at the last step (`"metrics"`, keys as in ``MixtureMetrics/CodingKeys``).
    public var metrics: MixtureMetrics? = nil
    /// The same metrics for real samples of the same size: what a perfect generator scores.
    public var realDataMetrics: MixtureMetrics? = nil
    /// Number of evaluations.
    public var evaluations: Int = 0
    /// Seconds the evaluations took (included in ``seconds``).
    public var evalSeconds: Double = 0
    /// Live updates written (`--live-freq`).
    public var liveUpdates: Int = 0
    /// Seconds the live updates took (included in ``seconds``).
    public var liveSeconds: Double = 0
    /// Peak resident memory in MiB after the GIF (``ProcessMemory/peakResidentMB()``), if known.
    public var peakRSSMB: Double? = nil
    /// The conditions the run fell into (``Diagnosis``); empty for a healthy run.
    public var diagnosis: [Diagnosis] = []
    /// Kinds this run could not check, because the target has no known modes.
    public var diagnosisSkipped: [Diagnosis.Kind] = []

    enum CodingKeys: String, CodingKey {
        case status, steps, seconds, stepsPerSecond = "steps_per_second"
        case finalDLoss = "final_d_loss", finalGLoss = "final_g_loss", frames, workers, blasThreads = "blas_threads"
        case metrics, realDataMetrics = "real_data_metrics", evaluations, evalSeconds = "eval_seconds"
        case liveUpdates = "live_updates", liveSeconds = "live_seconds", peakRSSMB = "peak_rss_mb"
        case diagnosis, diagnosisSkipped = "diagnosis_skipped"
    }

    /// The summary in `path` (as ``Experiment/json(_:)`` writes it), or nil if there is none
    /// or it cannot be read.
    public static func read(path: String) -> RunSummary? { Experiment.decode(path: path) }
}

/// One training run with all of its outputs: the seed experiment, end to end.
///
/// In code: set up a ``RunConfig``, give a custom ``TargetDistribution`` or
/// ``AdversarialObjective`` to the initializer, add ``extraLayers`` and the callbacks
/// ``onStep``, ``onFrame`` and ``onEvaluation``, then call ``run(control:events:)``.
/// `config.json` records the configuration only: a custom target or objective is not in it.
public final class Experiment {
    /// The run's settings, validated.
    public let config: RunConfig
    /// Where the run's files go.
    public let layout: RunLayout
    /// The target distribution: the one given, or the config's (``RunConfig/target()``).
    public let target: any TargetDistribution
    /// The objective: the one given, or `config.ganType`.
    public let objective: any AdversarialObjective
    /// Layers drawn over the built-in ones (`config.layers`) on every frame.
    public var extraLayers: [any FrameLayer] = []
    /// Called after every training step with the steps done (1, 2, …) and that step's D and G losses.
    public var onStep: ((_ step: Int, _ dLoss: Float, _ gLoss: Float) -> Void)?
    /// Called with the steps done and the PNG bytes of every frame written (animation frames and snapshots).
    public var onFrame: ((_ step: Int, _ png: [UInt8]) -> Void)?
    /// Called with the steps done and the metrics of every evaluation (`eval_freq`, step 0 and the last step).
    public var onEvaluation: ((_ step: Int, _ metrics: MixtureMetrics) -> Void)?
    /// What training batches are drawn from: the target, or for a file of points the points
    /// not held out in ``reference``.
    public let trainingData: any TargetDistribution
    /// The fixed real points the metrics compare with while training: for a file of points
    /// a held-out uniform random subset of min(2,500, N/5) of them (never trained on), else
    /// 2,500 fresh points of the target (stream 5 of the seed).
    public let reference: [Float]

    /// Validates the configuration; nothing is written yet. `target` and `objective`
    /// replace the config's target and `ganType`.
    public init(config: RunConfig, target: (any TargetDistribution)? = nil,
                objective: (any AdversarialObjective)? = nil) throws {
        try config.validate()
        self.config = config
        self.target = try target ?? config.target()
        self.objective = objective ?? config.ganType
        if let cloud = self.target as? PointCloud, cloud.count >= 5 {
            var rng = RNG(seed: config.randomSeed).derived(SampleEvaluation.referenceStream)
            (trainingData, reference) = cloud.split(heldOut: min(SampleEvaluation.referenceCount, cloud.count / 5), rng: &rng)
        } else {
            trainingData = self.target
            reference = SampleEvaluation.referenceSamples(target: self.target, seed: config.randomSeed)
        }
        layout = RunLayout(resultDir: config.resultDir, modelName: config.modelName)
    }

    /// Number of generated points written to `samples.csv`.
    public static let finalSampleCount = 10_000

    /// Runs training under `control` and writes every output, also when the run diverges or
    /// is stopped (``RunSummary/status``). `events` is called on the calling thread.
    /// The recipe: check everything before writing, then start (step-0 frame and evaluation,
    /// or a checkpoint's state), loop over the steps, finish (GIF, charts, summary, report).
    @discardableResult
    public func run(control: RunControl = RunControl(), events: (RunEvent) -> Void = { _ in }) throws -> RunSummary {
        let resumeFrom = try prepare(control)
        return try withoutActuallyEscaping(events) { events in
            let training = TrainingRun(experiment: self, control: control, events: events)
            try training.start(resumingFrom: resumeFrom)
            let outcome = try training.loop()
            return try training.finish(outcome)
        }
    }

    /// `x,y` CSV of interleaved points.
    public static func csv(points: [Float]) -> String {
        stride(from: 0, to: points.count - 1, by: 2).reduce(into: "x,y\n") { $0 += "\(points[$1]),\(points[$1 + 1])\n" }
    }

    /// Pretty, key-sorted JSON (stable bytes for the same value); non-finite numbers as
    /// "inf", "-inf" and "nan" (a diverged loss, an accuracy over no points).
    public static func json<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try encoder(pretty: true).encode(value), as: UTF8.self) + "\n"
    }

    /// Key-sorted JSON, `pretty`: indented, slashes unescaped; non-finite numbers as in ``json(_:)``.
    static func encoder(pretty: Bool) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : .sortedKeys
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return encoder
    }

    /// A JSON decoder that reads what ``json(_:)`` writes.
    static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return decoder
    }

    /// The value in the JSON file at `path`, or nil if there is none or it does not decode.
    static func decode<T: Decodable>(path: String) -> T? {
        FileManager.default.contents(atPath: path).flatMap { try? decoder().decode(T.self, from: $0) }
    }
}
