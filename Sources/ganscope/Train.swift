import ArgumentParser
import Foundation
import GANCore
import GANRun

/// `ganscope train`: the seed experiment and its generalisations.
struct Train: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Train a GAN and write frames, the animated GIF, CSVs and the HTML report.",
        discussion: """
            Outputs (R = --result-dir, M = --model-name): R/M/_<step>.png every --disp-freq steps, \
            R/M_epoch%03d.png every --anim-freq steps (from 001, as the seed; 000 = step 0 with \
            --initial-frame), R/M_generate_animation.gif of those frames, R/M/losses.csv, \
            R/M/losses.png, R/M/samples.csv, R/M/config.json, R/M/summary.json, R/M/metrics.csv \
            with its charts R/M/metrics_*.png and R/M/mode_histogram.png, and R/index.html, which \
            shows the run live while it trains (--live-freq; open it, or run `ganscope serve R`).

            Settings resolve as: preset defaults, then --config, then flags. Each flag is a \
            config key in kebab case (--num-epochs: num_epochs). Bad settings exit with 2 \
            before anything is written; a run that diverges or meets a --stop-on condition \
            exits with 1 and one stopped by Ctrl-C or SIGTERM with 130, all after writing their \
            outputs and status (docs/robustness.md). Conditions such as a dead discriminator or \
            mode collapse are reported as they begin and listed in summary.json \
            (docs/diagnosis.md).
            """)

    @OptionGroup var source: ConfigOptions
    @OptionGroup var mixture: MixtureOptions
    @OptionGroup var training: TrainingOptions
    @Flag(help: "Print nothing but errors.")
    var quiet = false
    @OptionGroup(title: "Objectives, penalties, optimizers, architecture") var variants: VariantOptions
    @OptionGroup(title: "Frame layers (docs/visual-layers.md)") var layers: LayerOptions
    @OptionGroup(title: "Existing runs, checkpoints, resume") var runControl: RunControlOptions
    @OptionGroup(title: "Live view (docs/live.md)") var live: LiveOptions

    /// The settings typed as flags, by config key.
    func settings() throws -> [String: Any] {
        try ([mixture, training, variants, layers] as [any Encodable]).map { try RunConfig.settings(of: $0) }
            .reduce(into: [:]) { $0.merge($1) { $1 } }
    }

    func run() throws {
        let config = runControl.resume ? try resumedConfig() : try source.resolve(flags: settings())
        let experiment = try Experiment(config: config)
        for w in config.warnings { Console.warning(w) }
        let quiet = self.quiet
        Interruption.installSignalHandlers()
        let summary = try experiment.run(control: runControl.control(live: live)) { event in
            guard !quiet else { return }
            switch event {
            case let .log(s): Console.line(s)
            case let .warning(s): Console.warning(s)
            case let .progress(step, total, seconds): Console.progress(step: step, total: total, seconds: seconds)
            case .wrote: break
            }
        }
        if !quiet {
            Console.line(String(format: "%d steps in %.1f s (%.0f steps/s); %d frames",
                                summary.steps, summary.seconds, summary.stepsPerSecond, summary.frames))
            if summary.frames > 0 { Console.line("GIF:    \(experiment.layout.gif)") }
            Console.line("Report: \(experiment.layout.index)")
        }
        if summary.exitCode != 0 {   // diverged or stopped (1), interrupted (130): outputs written, status in summary.json
            var note = "\(config.modelName) \(summary.status); frames, GIF, losses, metrics and the report were written"
            if summary.exitCode == 130 && runControl.checkpointFreq > 0 { note += "; continue with --resume" }
            Console.error(note)
            throw ExitCode(summary.exitCode)
        }
    }
}

extension Train {
    /// `--resume`: the settings of R/M/config.json, with R and M from the flags. Any other
    /// settings flag or --config is refused: the checkpoint only fits the run's own settings.
    func resumedConfig() throws -> RunConfig {
        guard source.config == nil else {
            throw ValidationError("--resume takes the settings of R/M/config.json; leave out --config")
        }
        let flags = try settings()
        guard Set(flags.keys).isSubset(of: ["result_dir", "model_name"]) else {
            throw ValidationError("--resume continues R/M with the settings of R/M/config.json; give only --result-dir and --model-name (and --checkpoint-freq, --quiet)")
        }
        let named = try RunConfig.resolve(flags)   // R and M: the flags', else the defaults
        let layout = RunLayout(resultDir: named.resultDir, modelName: named.modelName)
        try RunConfig.validateName(named.modelName)
        guard FileManager.default.fileExists(atPath: layout.configJSON) else {
            throw RunError.checkpoint(path: layout.checkpoint, reason: "\(layout.modelDir) holds no run (no config.json); check --result-dir and --model-name")
        }
        return try RunConfig.resolve(RunConfig.settings(fromFile: layout.configJSON),
                                     ["result_dir": named.resultDir, "model_name": named.modelName])
    }
}
