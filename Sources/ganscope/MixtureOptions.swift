import ArgumentParser
import GANRun

/// The target distribution: a preset, or a custom mixture in the seed's notation.
struct MixtureOptions: ParsableArguments {
    @Option(help: "Target distribution preset: \(Preset.acceptedList). (default: seed)")
    var preset: Preset?

    @Option(name: .customLong("mix-coeffs"), help: "Mixture weights, e.g. 0.5,0.5 (must sum to 1 ±1e-6; see --normalize).")
    var mixCoeffs: String?

    @Option(help: "Component means as x,y pairs, e.g. \"0,0;1,1\".")
    var mean: String?

    @Option(help: "Diagonal variances (not standard deviations) per component, e.g. \"0.1,0.1;0.1,0.1\".")
    var cov: String?

    @Flag(help: "Divide the mixture weights by their sum instead of requiring them to sum to 1 (±1e-6); they must still be finite and ≥ 0 with a positive sum.")
    var normalize = false

    @Option(help: "JSON config file; its keys are the flag names in snake_case. Flags override it.")
    var config: String?

    /// Writes the given mixture settings into `o`.
    func apply(to o: inout RunConfigOverrides) throws {
        o.preset = preset
        if let s = mixCoeffs { o.mixCoeffs = try ListParsing.numbers(s, field: "--mix-coeffs") }
        if let s = mean { o.mean = try ListParsing.pairs(s, field: "--mean") }
        if let s = cov { o.cov = try ListParsing.pairs(s, field: "--cov") }
    }
}

extension Preset: ExpressibleByArgument {}
