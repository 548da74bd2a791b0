import Foundation
import GANCore
import GANRender

/// What a run reports while it goes.
public enum RunEvent: Sendable {
    /// The seed's console line, every 200 steps.
    case log(String)
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

    enum CodingKeys: String, CodingKey {
        case status, steps, seconds, stepsPerSecond = "steps_per_second"
        case finalDLoss = "final_d_loss", finalGLoss = "final_g_loss", frames, workers, blasThreads = "blas_threads"
        case metrics, realDataMetrics = "real_data_metrics", evaluations, evalSeconds = "eval_seconds"
        case liveUpdates = "live_updates", liveSeconds = "live_seconds", peakRSSMB = "peak_rss_mb"
    }
}

/// One training run with all of its outputs: the seed experiment, end to end.
///
/// Recipe: validate → build the trainer → draw the fixed frame noise and real points, and
/// the fixed evaluation noise and reference points → evaluate step 0 → for each step:
/// train, record losses, print every 200 steps, evaluate every `eval_freq` steps, save
/// snapshot / animation frames on schedule → at the end: GIF, losses (CSV and chart),
/// metric charts, 10,000 samples, config, summary, and the index of the result directory.
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

    /// Runs training and writes every output. `events` is called on the calling thread.
    @discardableResult
    public func run(events: (RunEvent) -> Void = { _ in }) throws -> RunSummary {
        try run(control: RunControl(), events: events)
    }

    /// Runs training under `control` (an existing run directory, checkpoints, an early
    /// stop) and writes every output, also when the run diverges or is stopped
    /// (``RunSummary/status``: "finished", "diverged at step N", "interrupted at step N").
    @discardableResult
    public func run(control: RunControl, events: (RunEvent) -> Void = { _ in }) throws -> RunSummary {
        let c = config
        let resumeFrom = try prepare(control)   // Experiment+Control.swift: checks only, writes nothing
        let threading = control.threading ?? ThreadPolicy.apply(for: c.trainingSettings)
        let trainer = Trainer(settings: c.trainingSettings, data: target)
        // Separate streams, so frame settings never change the training stream.
        let root = RNG(seed: c.randomSeed)
        var frameRNG = root.derived(2)
        let frameNoise = FloatBuffer(count: c.frameSamples * c.numZ)
        c.latent.fill(frameNoise.base, count: frameNoise.count, rng: &frameRNG)
        let real = target.sample(count: c.frameSamples, rng: &frameRNG)
        let painter = FramePainter(config: c, mixture: mixture, real: real)
        let layered = LayeredFramePainter(config: c, base: painter)   // --layers (issue 5)
        var generated = [Float](repeating: 0, count: 2 * c.frameSamples)
        let evaluator = TrainingEvaluator(config: c, target: target)
        layered.evaluator = evaluator   // the dashboard's metric curve
        var metricsSuffix = ""
        func evaluate(step: Int) throws {
            let m = evaluator.evaluate(trainer, step: step)
            metricsSuffix = TrainingEvaluator.consoleSuffix(m, componentCount: mixture?.componentCount ?? 0)
            try AtomicFile.write(evaluator.csvText, to: layout.metricsCSV)
        }

        func framePNG(step: Int) -> [UInt8] {
            generated.withUnsafeMutableBufferPointer {
                trainer.generate(noise: frameNoise.matrix(rows: c.frameSamples, cols: c.numZ), into: $0.baseAddress!)
            }
            return layered.png(step: step, generated: generated, trainer: trainer)
        }
        var lastFrame: (step: Int, png: [UInt8])? = nil
        func writeFrame(step: Int) throws {
            let png = framePNG(step: step)
            lastFrame = (step, png)
            if step % c.animFreq == 0 {
                let path = layout.animationFrame(index: step / c.animFreq)
                try AtomicFile.write(png, to: path)
                events(.wrote(path))
            }
            if step % c.dispFreq == 0 && step > 0 {
                let path = layout.snapshot(step: step)
                try AtomicFile.write(png, to: path)
                events(.wrote(path))
            }
        }

        try FileManager.default.createDirectory(atPath: layout.modelDir, withIntermediateDirectories: true)
        var dLosses: [Float] = [], gLosses: [Float] = []
        dLosses.reserveCapacity(c.numEpochs / c.lossFreq + 1)
        gLosses.reserveCapacity(c.numEpochs / c.lossFreq + 1)
        var last = (dLoss: Float.nan, gLoss: Float.nan)
        var priorSeconds = 0.0
        if let saved = resumeFrom {
            // Resume: the state after saved.step steps; its frames and evaluations are on disk.
            try saved.restore(into: trainer, evaluator: evaluator, path: layout.checkpoint)
            (dLosses, gLosses, priorSeconds) = (saved.dLosses, saved.gLosses, saved.seconds)
            layered.restoreLosses(d: dLosses, g: gLosses, every: c.lossFreq)
            last = (saved.lastLoss.d, saved.lastLoss.g)
            if let m = evaluator.latest {
                metricsSuffix = TrainingEvaluator.consoleSuffix(m, componentCount: mixture?.componentCount ?? 0)
            }
            removeFrames(after: saved.step)
        } else {
            try removeStaleFrames()
            try? FileManager.default.removeItem(atPath: layout.checkpoint)
            try AtomicFile.write(c.json(), to: layout.configJSON)
            if c.initialFrame { try writeFrame(step: 0) }
            try evaluate(step: 0)
        }

        var outcome = RunOutcome.finished
        let start = Date()
        let startStep = trainer.stepsDone
        // Live outputs (issue 9): the latest frame and status, the charts so far, the report.
        let live = LiveView(layout: layout, frequency: control.liveFrequency, keepsFrames: control.liveGIF)
        live.minimumInterval = control.liveMinimumInterval
        live.removeLiveFiles()
        live.removeKeptFrames(after: resumeFrom == nil ? -1 : trainer.stepsDone)
        var liveUpdates = 0, liveSeconds = 0.0
        func liveUpdate(step: Int) throws {
            let began = Date()
            defer { liveUpdates += 1; liveSeconds += Date().timeIntervalSince(began) }
            let png = lastFrame?.step == step ? lastFrame!.png : framePNG(step: step)
            let elapsed = Date().timeIntervalSince(start)
            let speed = step > startStep && elapsed > 0 ? Double(step - startStep) / elapsed : 0
            try live.update(step: step, png: png, status: LiveStatus(
                step: step, total: c.numEpochs, seconds: priorSeconds + elapsed, stepsPerSecond: speed,
                etaSeconds: speed > 0 ? Double(c.numEpochs - step) / speed : nil, updated: 0, frameStep: step,
                dLoss: Double(last.dLoss), gLoss: Double(last.gLoss), refreshSeconds: live.refreshSeconds))
            events(.wrote(live.framePath))
            if live.chartsDue() { try writeLosses(d: dLosses, g: gLosses) }
            if live.metricChartsDue(evaluations: evaluator.history.count) {
                try MetricsCharts(modelName: c.modelName, mixture: mixture, history: evaluator.history,
                                  realData: evaluator.realData).write(to: layout)
            }
            try ResultIndex(resultDir: c.resultDir).write()
        }
        if live.isDue(step: startStep) { try liveUpdate(step: startStep) }
        func saveCheckpoint() throws {
            try Checkpoint(config: c, trainer: trainer, seconds: priorSeconds + Date().timeIntervalSince(start),
                           dLosses: dLosses, gLosses: gLosses, lastLoss: (last.dLoss, last.gLoss),
                           evaluator: evaluator).write(to: layout.checkpoint)
            events(.wrote(layout.checkpoint))
        }
        var lastProgress = start
        for i in trainer.stepsDone..<c.numEpochs {
            last = trainer.step()
            if i % c.lossFreq == 0 {
                dLosses.append(last.dLoss); gLosses.append(last.gLoss)
                layered.record(step: i, dLoss: last.dLoss, gLoss: last.gLoss)
            }
            // Divergence: the losses every step; the parameters before each frame or evaluation.
            if !(last.dLoss.isFinite && last.gLoss.isFinite) { outcome = .diverged(step: i); break }
            if i % 200 == 0 {
                events(.log(String(format: "Epoch: [%4d/%4d] d_loss: %.8f, g_loss: %.8f",
                                   i, c.numEpochs, Double(last.dLoss), Double(last.gLoss)) + metricsSuffix))
            }
            let step = i + 1
            if step % c.animFreq == 0 || step % c.dispFreq == 0 || evaluator.isDue(step: step, total: c.numEpochs),
               !trainer.parametersAreFinite { outcome = .diverged(step: step); break }
            if step % c.animFreq == 0 || step % c.dispFreq == 0 { try writeFrame(step: step) }
            if evaluator.isDue(step: step, total: c.numEpochs) { try evaluate(step: step) }
            if step < c.numEpochs && live.isDue(step: step) { try liveUpdate(step: step) }
            let checkpointDue = control.checkpointFrequency > 0 && step % control.checkpointFrequency == 0
            if checkpointDue && step < c.numEpochs { try saveCheckpoint() }
            if step & 63 == 0 {
                let now = Date()
                if now.timeIntervalSince(lastProgress) > 0.25 {
                    lastProgress = now
                    events(.progress(step: step, total: c.numEpochs, seconds: now.timeIntervalSince(start)))
                }
            }
            if step < c.numEpochs && control.shouldStop(step) {
                outcome = .interrupted(step: step)
                if control.checkpointFrequency > 0 && !checkpointDue { try saveCheckpoint() }
                break
            }
        }
        let stepsDone = trainer.stepsDone
        let seconds = priorSeconds + Date().timeIntervalSince(start)
        events(.progress(step: stepsDone, total: c.numEpochs, seconds: seconds))
        if case .diverged = outcome { events(.log("\(c.modelName): \(outcome.status); writing the outputs so far")) }
        if case .interrupted = outcome { events(.log("\(c.modelName): \(outcome.status); writing the outputs so far")) }

        let frames = layout.existingAnimationFrames().isEmpty ? 0 : try writeAnimation()   // none: anim_freq > steps
        if frames > 0 { events(.wrote(layout.gif)) }
        if try live.finish(lastStep: stepsDone, fps: c.fps) > 0 { events(.wrote(live.gifPath)) }
        try writeLosses(d: dLosses, g: gLosses)
        try MetricsCharts(modelName: c.modelName, mixture: mixture, history: evaluator.history,
                          realData: evaluator.realData).write(to: layout)
        if outcome.writesSamples {
            var sampleRNG = root.derived(3)
            let samples = trainer.generate(count: Self.finalSampleCount, rng: &sampleRNG)
            try AtomicFile.write(Self.csv(points: samples), to: layout.samplesCSV)
        } else {
            try? FileManager.default.removeItem(atPath: layout.samplesCSV)   // a diverged generator's points are NaN
        }

        let summary = RunSummary(status: outcome.status, steps: stepsDone, seconds: seconds,
                                 stepsPerSecond: Double(stepsDone) / max(seconds, 1e-9),
                                 finalDLoss: Double(last.dLoss), finalGLoss: Double(last.gLoss),
                                 frames: frames, workers: threading.workers, blasThreads: threading.blasThreads, metrics: evaluator.latest,
                                 realDataMetrics: evaluator.realData, evaluations: evaluator.history.count,
                                 evalSeconds: evaluator.seconds, liveUpdates: liveUpdates, liveSeconds: liveSeconds,
                                 peakRSSMB: ProcessMemory.peakResidentMB())
        try AtomicFile.write(Self.json(summary), to: layout.summaryJSON)
        if outcome == .finished { try? FileManager.default.removeItem(atPath: layout.checkpoint) }
        try ResultIndex(resultDir: c.resultDir).write()
        events(.wrote(layout.index))
        return summary
    }

    /// Animation frames of an earlier run with the same name would end up in the GIF.
    private func removeStaleFrames() throws {
        try? FileManager.default.removeItem(atPath: layout.gif)
        for (_, name) in layout.existingAnimationFrames() {
            try? FileManager.default.removeItem(atPath: layout.resultDir + "/" + name)
        }
        for (_, rel) in layout.existingSnapshots() {
            try? FileManager.default.removeItem(atPath: layout.resultDir + "/" + rel)
        }
    }

    /// Assembles `R/M_generate_animation.gif` from the frames on disk; returns the frame count.
    @discardableResult
    public func writeAnimation() throws -> Int {
        try Animator(layout: layout, fps: config.fps).write()
    }

    private func writeLosses(d: [Float], g: [Float]) throws {
        var text = "# d_loss and g_loss recorded every \(config.lossFreq) step(s); step counts from 0\n"
        text += "step,d_loss,g_loss\n"
        text.reserveCapacity(d.count * 32)
        for i in 0..<d.count {
            text += "\(i * config.lossFreq),\(d[i]),\(g[i])\n"
        }
        try AtomicFile.write(text, to: layout.lossesCSV)
        let steps = (0..<d.count).map { Double($0 * config.lossFreq) }
        var chart = LineChart()
        chart.title = "\(config.modelName): losses"
        chart.xLabel = "step"
        chart.yLabel = "loss"
        chart.series = [
            LineSeries(name: "d_loss", x: steps, y: d.map(Double.init), color: Color.okabeIto[5]),
            LineSeries(name: "g_loss", x: steps, y: g.map(Double.init), color: Color.okabeIto[6]),
        ]
        try AtomicFile.write(chart.render().pngData(), to: layout.lossChart)
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
