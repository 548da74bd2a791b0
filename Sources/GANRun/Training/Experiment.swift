import Foundation
import GANCore
import GANRender

/// What a run reports while it goes.
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
    public var status: String
    public var steps: Int
    public var seconds: Double
    public var stepsPerSecond: Double
    public var finalDLoss: Double
    public var finalGLoss: Double
    public var frames: Int
    public var workers: Int
    public var blasThreads: Int
    /// The metrics at the last step (`"metrics"`, keys as in ``MixtureMetrics/CodingKeys``).
    public var metrics: MixtureMetrics? = nil
    /// The same metrics for real samples of the same size: what a perfect generator scores.
    public var realDataMetrics: MixtureMetrics? = nil
    /// Number of evaluations and the seconds they took (included in `seconds`).
    public var evaluations: Int = 0
    public var evalSeconds: Double = 0
    /// Live updates written (`--live-freq`) and the seconds they took (included in `seconds`).
    public var liveUpdates: Int = 0
    public var liveSeconds: Double = 0
    /// Peak resident memory of the process in MiB when the summary was written, after the
    /// GIF (``ProcessMemory/peakResidentMB()``); `nil` where the system does not say.
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
    public static func read(path: String) -> RunSummary? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try? decoder.decode(RunSummary.self, from: data)
    }
}

/// One training run with all of its outputs: the seed experiment, end to end.
///
/// ``run(control:events:)`` is the recipe: check everything before writing (``prepare(_:)``),
/// then a ``TrainingRun`` starts (step-0 frame and evaluation, or the state of a checkpoint),
/// loops over the steps (train, record, frames, evaluations, live view, checkpoints) and
/// finishes (GIF, losses, charts, samples, summary, report).
public final class Experiment {
    public let config: RunConfig
    public let layout: RunLayout
    /// The target distribution, and the same as a mixture (`nil` when it is not one).
    public let target: any TargetDistribution
    public let mixture: GaussianMixture?

    /// Validates the configuration; nothing is written yet.
    public init(config: RunConfig) throws {
        try config.validate()
        self.config = config
        target = try config.target()
        mixture = target.mixture
        layout = RunLayout(resultDir: config.resultDir, modelName: config.modelName)
    }

    /// Number of generated points written to `samples.csv`.
    public static let finalSampleCount = 10_000

    /// Runs training under `control` (an existing run directory, checkpoints, an early
    /// stop) and writes every output, also when the run diverges or is stopped
    /// (``RunSummary/status``: "finished", "diverged at step N", "interrupted at step N").
    /// `events` is called on the calling thread.
    @discardableResult
    public func run(control: RunControl = RunControl(), events: (RunEvent) -> Void = { _ in }) throws -> RunSummary {
        let resumeFrom = try prepare(control)   // checks only, writes nothing
        return try withoutActuallyEscaping(events) { events in
            let training = TrainingRun(experiment: self, control: control, events: events)
            try training.start(resumingFrom: resumeFrom)
            let outcome = try training.loop()
            return try training.finish(outcome)
        }
    }

    /// Assembles `R/M_generate_animation.gif` from the frames on disk; returns the frame count.
    @discardableResult
    public func writeAnimation() throws -> Int {
        try Animator(layout: layout, fps: config.fps).write()
    }

    /// `x,y` CSV of interleaved points.
    public static func csv(points: [Float]) -> String {
        var text = "x,y\n"
        text.reserveCapacity(points.count * 12)
        for i in stride(from: 0, to: points.count - 1, by: 2) {
            text += "\(points[i]),\(points[i + 1])\n"
        }
        return text
    }

    /// Pretty, key-sorted JSON (stable bytes for the same value).
    public static func json<T: Encodable>(_ value: T) throws -> String {
        let enc = JSONEncoder()
        enc.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        enc.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return String(decoding: try enc.encode(value), as: UTF8.self) + "\n"
    }
}
