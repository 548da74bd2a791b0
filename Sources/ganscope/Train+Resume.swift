import ArgumentParser
import Foundation
import GANRun

extension Train {
    /// `--resume`: the settings of R/M/config.json, with R and M from the flags. Any other
    /// settings flag or --config is refused: the checkpoint only fits the run's own settings.
    func resumedConfig() throws -> RunConfig {
        guard mixture.config == nil else {
            throw ValidationError("--resume takes the settings of R/M/config.json; leave out --config")
        }
        let flags = try resolvedConfig()
        var given = try overrides()
        given.resultDir = nil
        given.modelName = nil
        guard given == RunConfigOverrides() else {
            throw ValidationError("--resume continues R/M with the settings of R/M/config.json; give only --result-dir and --model-name (and --checkpoint-freq, --quiet)")
        }
        let layout = RunLayout(resultDir: flags.resultDir, modelName: flags.modelName)
        try RunConfig.validateName(flags.modelName)
        guard FileManager.default.fileExists(atPath: layout.configJSON) else {
            throw RunError.checkpoint(path: layout.checkpoint, reason: "\(layout.modelDir) holds no run (no config.json); check --result-dir and --model-name")
        }
        let saved = try RunConfigOverrides.load(path: layout.configJSON)
        var c = RunConfig.resolve(file: saved, flags: .init())
        c.resultDir = flags.resultDir
        c.modelName = flags.modelName
        return c
    }
}
