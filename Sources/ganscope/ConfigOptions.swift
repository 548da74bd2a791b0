import ArgumentParser
import Foundation
import GANRun

/// Where a run's settings come from besides the flags: a config file, and `--normalize`.
struct ConfigOptions: ParsableArguments {
    @Option(help: "JSON config file; its keys are the flag names in snake_case (R/M/config.json repeats a run). Flags override it.")
    var config: String?

    @Flag(help: "Divide the mixture weights by their sum instead of requiring them to sum to 1 (±1e-6); they must still be finite and ≥ 0 with a positive sum.")
    var normalize = false

    /// The preset's defaults, then --config, then the settings typed as flags.
    func resolve(flags: [String: Any]) throws -> RunConfig {
        var c = try RunConfig.resolve(config.map(RunConfig.settings(fromFile:)) ?? [:], flags)
        if normalize { try c.normalizeWeights() }
        return c
    }
}

/// An option or flag encodes as its value; not given (`nil`), it is left out. So a group of
/// settings flags (every one optional, named after its ``RunConfig`` property) encodes to the
/// settings the user typed (``RunConfig/settings(of:)``).
extension Option: @retroactive Encodable where Value: Encodable {
    public func encode(to encoder: any Encoder) throws { try wrappedValue.encode(to: encoder) }
}

extension Flag: @retroactive Encodable where Value: Encodable {
    public func encode(to encoder: any Encoder) throws { try wrappedValue.encode(to: encoder) }
}
