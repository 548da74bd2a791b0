import ArgumentParser
import Foundation
import GANCore
import GANRun

/// `ganscope eval`: score any CSV of 2-D points against a known mixture.
struct Eval: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Score a CSV of 2-D points against a Gaussian mixture: modes, quality, IS, likelihood, distances.",
        discussion: """
            The CSV needs the header line x,y, then one point per line; blank lines and lines \
            starting with # are skipped. R/M/samples.csv of a run is such a file.

            The mixture comes from --preset, --config (e.g. R/M/config.json) or \
            --mix-coeffs/--mean/--cov, resolved as in `ganscope train`.

            The distances compare with 2500 real points drawn from the mixture with \
            --random-seed (stream 5), the same reference set that training with that seed uses. \
            Definitions of every metric: docs/metrics.md. Exit code 2 for a bad file or mixture.
            """)

    @Option(help: "CSV file of points with the header x,y.")
    var samples: String

    @OptionGroup var source: ConfigOptions
    @OptionGroup var mixture: MixtureOptions

    @Option(name: .customLong("random-seed"), help: "Seed of the 2500 reference points. (default: the config file's random_seed, else 6789)")
    var randomSeed: UInt64?

    @Flag(help: "Print one JSON object with the keys n_samples, modes_captured, high_quality_fraction, reverse_kl, inception_score, mean_log_likelihood, energy_distance, sliced_wasserstein, mmd_rbf, mode_histogram (null for NaN or infinity).")
    var json = false

    func run() throws {
        var flags = try mixture.settings()
        flags["random_seed"] = randomSeed
        let config = try source.resolve(flags: flags)
        let target = try config.target()
        let metrics = try SampleEvaluation(target: target, seed: config.randomSeed).evaluate(csvPath: samples)
        let k = target.mixture?.componentCount ?? 0
        if json {
            print(try SampleEvaluation.json(metrics))
        } else {
            let what = k > 0 ? "the \(k)-component mixture" : "the \(config.preset.rawValue) dataset (not a mixture: distances only)"
            print("\(samples) against \(what) (reference seed \(config.randomSeed)):")
            print(SampleEvaluation.table(metrics, componentCount: k), terminator: "")
        }
    }
}
