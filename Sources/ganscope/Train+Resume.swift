import ArgumentParser
import Foundation
import GANRun

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
