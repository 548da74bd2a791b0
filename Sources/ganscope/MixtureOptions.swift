import ArgumentParser
import GANRun

/// The target distribution: a preset, a custom mixture in the seed's notation, or a file.
struct MixtureOptions: ParsableArguments, Encodable {
    @Option(help: "Target distribution preset: \(Preset.acceptedList). (default: seed)")
    var preset: Preset?

    @Option(help: ArgumentHelp("Train on your own data instead: a CSV of x,y points (header optional, at least 100 points) or a picture (.png, .jpg, .jpeg, .gif) whose dark or opaque pixels are the density.",
                               valueName: "file"))
    var data: String?

    @Option(help: "Mixture weights, e.g. 0.5,0.5 (must sum to 1 ±1e-6; see --normalize).",
            transform: { try ListParsing.numbers($0, field: "--mix-coeffs") })
    var mixCoeffs: [Double]?

    @Option(help: "Component means as x,y pairs, e.g. \"0,0;1,1\".", transform: { try ListParsing.pairs($0, field: "--mean") })
    var mean: [[Double]]?

    @Option(help: "Diagonal variances (not standard deviations) per component, e.g. \"0.1,0.1;0.1,0.1\".",
            transform: { try ListParsing.pairs($0, field: "--cov") })
    var cov: [[Double]]?
}

extension Preset: ExpressibleByArgument {}
