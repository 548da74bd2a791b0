import ArgumentParser
import Foundation
import GANCore
import GANRun

/// `ganscope train`: the seed experiment and its generalisations.
struct Train: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Train a GAN and write frames, the animated GIF, CSVs and the HTML report.",
        discussion: """
            Outputs (R = --result-dir, M = --model-name): R/M/_<step>.png every --disp-freq steps,
            R/M_epoch%03d.png every --anim-freq steps (000 = step 0), R/M_generate_animation.gif,
            R/M/losses.csv, R/M/losses.png, R/M/samples.csv, R/M/config.json, R/M/summary.json,
            R/M/metrics.csv with its charts R/M/metrics_*.png and R/M/mode_histogram.png,
            and R/index.html, which shows the run live while it trains (--live-freq; open it, or
            run `ganscope serve R`). Settings resolve as: preset defaults, then --config, then flags.
            Bad settings exit with 2 before anything is written; a run that diverges exits with 1
            and one stopped by Ctrl-C or SIGTERM with 130, both after writing their outputs and
            status (docs/robustness.md).
            """)

    @OptionGroup var mixture: MixtureOptions
    @OptionGroup(title: "Objectives, penalties, optimizers, architecture") var variants: VariantOptions
    @OptionGroup(title: "Frame layers (docs/visual-layers.md)") var layerOptions: LayerOptions

    @Option(name: .customLong("gan-type"), help: "Objective: gan (minimax, See_GANs), nsgan (non-saturating, the blog), wgan (weight clipping), wgan-gp (gradient penalty), lsgan, hinge or d2gan (two discriminators); formulas in docs/variants.md. (default: the preset's: gan for ring8, else nsgan)")
    var ganType: GANObjective?
    @Option(name: .customLong("num-z"), help: "Latent dimension. (default: 256)")
    var numZ: Int?
    @Option(name: .customLong("hidden-size"), help: "Width of each hidden layer of G and D. (default: 128)")
    var hiddenSize: Int?
    @Option(name: .customLong("hidden-layers"), help: "Hidden layers in G and in D. (default: 2)")
    var hiddenLayers: Int?
    @Option(name: .customLong("batch-size"), help: "Real and fake samples per step. (default: 512)")
    var batchSize: Int?
    @Option(name: .customLong("learning-rate"), help: "Step size of G and D (see --d-learning-rate, --g-learning-rate). (default: 0.0002)")
    var learningRate: Double?
    @Option(help: "Adam β1. (default: 0.5)")
    var beta1: Double?
    @Option(help: "Adam β2. (default: 0.999)")
    var beta2: Double?
    @Option(name: .customLong("num-epochs"), help: "Training steps (one D and one G update each). (default: 25000)")
    var numEpochs: Int?
    @Option(name: .customLong("disp-freq"), help: "Save R/M/_<step>.png every this many steps. (default: 5000)")
    var dispFreq: Int?
    @Option(name: .customLong("anim-freq"), help: "Save an animation frame every this many steps. (default: 1000)")
    var animFreq: Int?
    @Option(name: .customLong("loss-freq"), help: "Record losses every this many steps. (default: 1)")
    var lossFreq: Int?
    @Option(help: "Animation frames per second. (default: 5)")
    var fps: Int?
    @Option(name: .customLong("frame-samples"), help: "Real and generated points per frame. (default: 1000)")
    var frameSamples: Int?
    @Option(name: .customLong("eval-freq"), help: "Evaluate the metrics (R/M/metrics.csv) every this many steps, and at step 0 and the last step. (default: 500)")
    var evalFreq: Int?
    @Option(name: .customLong("eval-samples"), help: "Generated points per evaluation, from fixed noise. (default: 2500)")
    var evalSamples: Int?
    @Option(name: .customLong("result-dir"), help: "Result directory R. (default: results)")
    var resultDir: String?
    @Option(name: .customLong("model-name"), help: "Model name M. (default: the gan type in capitals, e.g. NSGAN)")
    var modelName: String?
    @Option(name: .customLong("random-seed"), help: "Seed of every random draw. (default: 6789)")
    var randomSeed: UInt64?
    @Option(help: "Visible x range lo,hi or auto. (default: the preset's, -3,3)")
    var xlim: String?
    @Option(help: "Visible y range lo,hi or auto. (default: the preset's, -4,4 for seed)")
    var ylim: String?
    @Flag(help: "Print nothing but errors.")
    var quiet = false
    @OptionGroup(title: "Existing runs, checkpoints, resume") var runControl: RunControlOptions
    @OptionGroup(title: "Live view (docs/live.md)") var live: LiveOptions

    /// The effective configuration: preset defaults, then --config, then flags.
    func resolvedConfig() throws -> RunConfig {
        let file = try mixture.config.map { try RunConfigOverrides.load(path: $0) }
        var c = RunConfig.resolve(file: file, flags: try overrides())
        if mixture.normalize { try c.normalizeWeights() }
        return c
    }

    /// The settings given by flags (nil: not given).
    func overrides() throws -> RunConfigOverrides {
        var o = RunConfigOverrides()
        try mixture.apply(to: &o)
        variants.apply(to: &o)
        try layerOptions.apply(to: &o)
        o.ganType = ganType
        o.numZ = numZ
        o.hiddenSize = hiddenSize
        o.hiddenLayers = hiddenLayers
        o.batchSize = batchSize
        o.learningRate = learningRate
        o.beta1 = beta1
        o.beta2 = beta2
        o.numEpochs = numEpochs
        o.dispFreq = dispFreq
        o.animFreq = animFreq
        o.lossFreq = lossFreq
        o.fps = fps
        o.frameSamples = frameSamples
        o.evalFreq = evalFreq
        o.evalSamples = evalSamples
        o.resultDir = resultDir
        o.modelName = modelName
        o.randomSeed = randomSeed
        if let s = xlim { o.xlim = try AxisLimits.parse(s, field: "--xlim") }
        if let s = ylim { o.ylim = try AxisLimits.parse(s, field: "--ylim") }
        return o
    }

    func run() throws {
        let config = runControl.resume ? try resumedConfig() : try resolvedConfig()
        let experiment = try Experiment(config: config)
        for w in config.warnings { Console.warning(w) }
        let quiet = self.quiet
        Interruption.installSignalHandlers()
        var control = runControl.control
        live.apply(to: &control)
        let summary = try experiment.run(control: control) { event in
            guard !quiet else { return }
            switch event {
            case let .log(s): Console.line(s)
            case let .progress(step, total, seconds): Console.progress(step: step, total: total, seconds: seconds)
            case .wrote: break
            }
        }
        if !quiet {
            Console.line(String(format: "%d steps in %.1f s (%.0f steps/s); %d frames",
                                summary.steps, summary.seconds, summary.stepsPerSecond, summary.frames))
            Console.line("GIF:    \(experiment.layout.gif)")
            Console.line("Report: \(experiment.layout.index)")
        }
        if summary.exitCode != 0 {   // diverged (1) or interrupted (130): outputs written, status in summary.json
            var note = "\(config.modelName) \(summary.status); frames, GIF, losses, metrics and the report were written"
            if summary.exitCode == 130 && runControl.checkpointFreq > 0 { note += "; continue with --resume" }
            Console.error(note)
            throw ExitCode(summary.exitCode)
        }
    }
}

extension GANObjective: ExpressibleByArgument {}
