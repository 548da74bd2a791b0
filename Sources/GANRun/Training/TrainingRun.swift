import Foundation
import GANCore
import GANRender

/// The state of one ``Experiment`` while it trains (trainer, frame noise, evaluator, losses,
/// live view); its ``start(resumingFrom:)``, ``loop()`` and ``finish(_:)`` are the recipe of
/// ``Experiment/run(control:events:)``. The trainer, the frames (stream 2) and the final
/// samples (stream 3) draw from separate streams of the seed, so outputs never change training.
final class TrainingRun {
    let experiment: Experiment
    let control: RunControl
    let events: (RunEvent) -> Void
    let threading: ThreadPolicy.Choice
    let trainer: Trainer
    let root: RNG
    let frameNoise: FloatBuffer
    let painter: LayeredFramePainter
    let evaluator: TrainingEvaluator
    let diagnostician: Diagnostician
    let live: LiveView

    private var lastFrame: (step: Int, png: [UInt8])?
    private var metricsSuffix = ""
    private var dLosses: [Float] = [], gLosses: [Float] = []
    private var last = (dLoss: Float.nan, gLoss: Float.nan)
    private var priorSeconds = 0.0
    private var start = Date()
    private var startStep = 0
    private var liveUpdates = 0, liveSeconds = 0.0
    var config: RunConfig { experiment.config }
    var layout: RunLayout { experiment.layout }

    /// Builds the trainer and everything that draws and scores it; writes nothing.
    init(experiment: Experiment, control: RunControl, events: @escaping (RunEvent) -> Void) {
        let c = experiment.config
        self.experiment = experiment
        self.control = control
        self.events = events
        threading = control.threading ?? ThreadPolicy.apply(for: c.trainingSettings)
        trainer = Trainer(settings: c.trainingSettings, data: experiment.trainingData, objective: experiment.objective)
        root = RNG(seed: c.randomSeed)
        var frameRNG = root.derived(2)
        frameNoise = FloatBuffer(count: c.frameSamples * c.numZ)
        c.latent.fill(frameNoise.base, count: frameNoise.count, rng: &frameRNG)
        let real = LayeredFramePainter.realPoints(of: experiment.target, count: c.frameSamples, rng: &frameRNG)
        let mixture = experiment.target.mixture
        painter = LayeredFramePainter(config: c, mixture: mixture, real: real, objective: experiment.objective)
        painter.extraLayers = experiment.extraLayers
        evaluator = TrainingEvaluator(config: c, target: experiment.trainingData, reference: experiment.reference)
        painter.evaluator = evaluator   // the dashboard's metric curve
        diagnostician = Diagnostician(totalSteps: c.numEpochs, modes: mixture?.componentCount,
                                      real: evaluator.signalPoints, current: c.flags)
        live = LiveView(layout: experiment.layout, frequency: control.liveFrequency, keepsFrames: control.liveGIF)
        live.minimumInterval = control.liveMinimumInterval
        dLosses.reserveCapacity(c.numEpochs / c.lossFreq + 1)
        gLosses.reserveCapacity(c.numEpochs / c.lossFreq + 1)
    }

    /// A fresh run writes config.json, the step-0 frame and evaluation; a resumed run takes
    /// the state of its checkpoint (its earlier frames and evaluations are on disk).
    func start(resumingFrom saved: Checkpoint?) throws {
        try FileManager.default.createDirectory(atPath: layout.modelDir, withIntermediateDirectories: true)
        if let saved {
            (dLosses, gLosses, last) = try saved.restore(into: trainer, evaluator: evaluator, path: layout.checkpoint)
            priorSeconds = saved.seconds
            if let m = evaluator.latest { metricsSuffix = TrainingEvaluator.consoleSuffix(m) }
            for (h, s) in zip(evaluator.history, evaluator.signals) {
                diagnostician.observe(step: h.step, metrics: h.metrics, signals: s)
            }
            experiment.removeFrames(after: saved.step)
        } else {
            try? FileManager.default.removeItem(atPath: layout.gif)   // an earlier run's frames would join the GIF
            experiment.removeFrames(after: -1)
            try? FileManager.default.removeItem(atPath: layout.checkpoint)
            try AtomicFile.write(config.json(), to: layout.configJSON)
            if config.initialFrame { try writeFrame(step: 0) }
            _ = try evaluate(step: 0)
        }
        start = Date()
        startStep = trainer.stepsDone
        live.removeFiles(framesAfter: saved == nil ? -1 : trainer.stepsDone)
        if live.isDue(step: startStep) { try liveUpdate(step: startStep) }
    }

    /// Trains until the last step, a divergence or a stop; writes what falls due on the way.
    func loop() throws -> RunOutcome {
        let c = config
        var lastProgress = start
        for i in trainer.stepsDone..<c.numEpochs {
            last = trainer.step()
            experiment.onStep?(i + 1, last.dLoss, last.gLoss)
            if i % c.lossFreq == 0 {
                dLosses.append(last.dLoss); gLosses.append(last.gLoss)
            }
            // Divergence: the losses every step; the parameters before each frame or evaluation.
            if !(last.dLoss.isFinite && last.gLoss.isFinite) { return diverged(step: i) }
            if i % 200 == 0 {
                events(.log(String(format: "Epoch: [%4d/%4d] d_loss: %.8f, g_loss: %.8f",
                                   i, c.numEpochs, Double(last.dLoss), Double(last.gLoss)) + metricsSuffix))
            }
            let step = i + 1
            let frameDue = step % c.animFreq == 0 || step % c.dispFreq == 0
            let evaluationDue = evaluator.isDue(step: step, total: c.numEpochs)
            if frameDue || evaluationDue, !trainer.parametersAreFinite { return diverged(step: step) }
            if frameDue { try writeFrame(step: step) }
            if evaluationDue, let kind = try evaluate(step: step), step < c.numEpochs {
                if control.checkpointFrequency > 0 { try saveCheckpoint() }
                return .stopped(step: step, kind: kind)
            }
            if step < c.numEpochs && live.isDue(step: step) { try liveUpdate(step: step) }
            let checkpointDue = control.checkpointFrequency > 0 && step % control.checkpointFrequency == 0
            if checkpointDue && step < c.numEpochs { try saveCheckpoint() }
            if step & 63 == 0, Date().timeIntervalSince(lastProgress) > 0.25 {
                lastProgress = Date()
                events(.progress(step: step, total: c.numEpochs, seconds: lastProgress.timeIntervalSince(start)))
            }
            if step < c.numEpochs && control.shouldStop(step) {
                if control.checkpointFrequency > 0 && !checkpointDue { try saveCheckpoint() }
                return .interrupted(step: step)
            }
        }
        return .finished
    }

    /// Writes every output of the run as it ended: the GIF, losses, metric charts, the
    /// final samples (not after a divergence), the summary and the report.
    func finish(_ outcome: RunOutcome) throws -> RunSummary {
        let c = config
        let stepsDone = trainer.stepsDone
        let seconds = priorSeconds + Date().timeIntervalSince(start)
        events(.progress(step: stepsDone, total: c.numEpochs, seconds: seconds))
        if outcome != .finished { events(.log("\(c.modelName): \(outcome.status); writing the outputs so far")) }

        let frames = layout.existingAnimationFrames().isEmpty ? 0 : try Animator.write(layout, fps: c.fps)   // none: anim_freq > steps
        if frames > 0 { events(.wrote(layout.gif)) }
        if try live.finish(lastStep: stepsDone, fps: c.fps) > 0 { events(.wrote(live.gifPath)) }
        try writeLosses()
        try writeMetricCharts()
        if case .diverged = outcome {
            try? FileManager.default.removeItem(atPath: layout.samplesCSV)   // a diverged generator's points are NaN
        } else {
            var sampleRNG = root.derived(3)
            let samples = trainer.generate(count: Experiment.finalSampleCount, rng: &sampleRNG)
            try AtomicFile.write(Experiment.csv(points: samples), to: layout.samplesCSV)
        }
        let summary = RunSummary(status: outcome.status, steps: stepsDone, seconds: seconds,
                                 stepsPerSecond: Double(stepsDone) / max(seconds, 1e-9),
                                 finalDLoss: Double(last.dLoss), finalGLoss: Double(last.gLoss),
                                 frames: frames, workers: threading.workers, blasThreads: threading.blasThreads,
                                 metrics: evaluator.latest, realDataMetrics: evaluator.realData,
                                 evaluations: evaluator.history.count, evalSeconds: evaluator.seconds,
                                 liveUpdates: liveUpdates, liveSeconds: liveSeconds,
                                 peakRSSMB: ProcessMemory.peakResidentMB(),
                                 diagnosis: outcome == .finished ? diagnostician.finish() : diagnostician.diagnoses,
                                 diagnosisSkipped: diagnostician.skipped)
        try AtomicFile.write(Experiment.json(summary), to: layout.summaryJSON)
        if outcome == .finished { try? FileManager.default.removeItem(atPath: layout.checkpoint) }
        try ResultIndex(resultDir: c.resultDir).write()
        events(.wrote(layout.index))
        return summary
    }

    /// Evaluates, warns of every condition that begins, and returns the first of them
    /// that ``RunControl/stopOn`` lists.
    private func evaluate(step: Int) throws -> Diagnosis.Kind? {
        let (m, s) = evaluator.evaluate(trainer, step: step, losses: (last.dLoss, last.gLoss))
        metricsSuffix = TrainingEvaluator.consoleSuffix(m)
        experiment.onEvaluation?(step, m)
        try AtomicFile.write(evaluator.csvText, to: layout.metricsCSV)
        let begun = diagnostician.observe(step: step, metrics: m, signals: s)
        for d in begun { events(.warning(d.warning)) }
        return begun.first { control.stopOn.contains($0.kind) }?.kind
    }

    private func diverged(step: Int) -> RunOutcome {
        if let d = diagnostician.diverged(at: step, dLoss: last.dLoss, gLoss: last.gLoss) { events(.warning(d.warning)) }
        return .diverged(step: step)
    }

    /// The frame of `step`: G applied to the fixed frame noise, drawn with the run's layers.
    private func framePNG(step: Int) -> [UInt8] {
        let generated = trainer.generate(noise: frameNoise.matrix(rows: config.frameSamples, cols: config.numZ))
        painter.losses = (dLosses, gLosses)
        return painter.png(step: step, generated: generated, trainer: trainer)
    }

    /// Writes the animation frame and the snapshot due at `step`.
    private func writeFrame(step: Int) throws {
        let png = framePNG(step: step)
        lastFrame = (step, png)
        experiment.onFrame?(step, png)
        var paths: [String] = []
        if step % config.animFreq == 0 { paths.append(layout.animationFrame(index: step / config.animFreq)) }
        if step % config.dispFreq == 0 && step > 0 { paths.append(layout.snapshot(step: step)) }
        for path in paths {
            try AtomicFile.write(png, to: path)
            events(.wrote(path))
        }
    }

    /// The latest frame and status for a page watching the run, the charts so far, the report.
    private func liveUpdate(step: Int) throws {
        let began = Date()
        defer { liveUpdates += 1; liveSeconds += Date().timeIntervalSince(began) }
        let png = lastFrame?.step == step ? lastFrame!.png : framePNG(step: step)
        let elapsed = Date().timeIntervalSince(start)
        let speed = step > startStep && elapsed > 0 ? Double(step - startStep) / elapsed : 0
        try live.update(step: step, png: png, status: LiveStatus(
            step: step, total: config.numEpochs, seconds: priorSeconds + elapsed, stepsPerSecond: speed,
            etaSeconds: speed > 0 ? Double(config.numEpochs - step) / speed : nil,
            dLoss: Double(last.dLoss), gLoss: Double(last.gLoss)))
        events(.wrote(live.framePath))
        if live.chartsDue() { try writeLosses() }
        if live.metricChartsDue(evaluations: evaluator.history.count) { try writeMetricCharts() }
        try ResultIndex(resultDir: config.resultDir).write()
    }

    private func saveCheckpoint() throws {
        let seconds = priorSeconds + Date().timeIntervalSince(start)
        let checkpoint = Checkpoint(config: config, trainer: trainer, seconds: seconds, dLosses: dLosses,
                                    gLosses: gLosses, lastLoss: (last.dLoss, last.gLoss), evaluator: evaluator)
        try AtomicFile.write(checkpoint.encoded(), to: layout.checkpoint)
        events(.wrote(layout.checkpoint))
    }

    private func writeMetricCharts() throws {
        try MetricsCharts(modelName: config.modelName, evaluator: evaluator).write(to: layout)
    }

    /// `losses.csv` and `losses.png`.
    private func writeLosses() throws {
        let every = config.lossFreq
        var text = "# d_loss and g_loss recorded every \(every) step(s); step counts from 0\nstep,d_loss,g_loss\n"
        for i in dLosses.indices { text += "\(i * every),\(dLosses[i]),\(gLosses[i])\n" }
        try AtomicFile.write(text, to: layout.lossesCSV)
        let steps = (0..<dLosses.count).map { Double($0 * every) }
        let chart = LineChart(series: [
            LineSeries(name: "d_loss", x: steps, y: dLosses.map(Double.init), color: Color.okabeIto[5]),
            LineSeries(name: "g_loss", x: steps, y: gLosses.map(Double.init), color: Color.okabeIto[6]),
        ], title: "\(config.modelName): losses", xLabel: "step", yLabel: "loss")
        try AtomicFile.write(chart.render().pngData(), to: layout.lossChart)
    }
}
