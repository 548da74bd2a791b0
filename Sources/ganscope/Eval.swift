import ArgumentParser
import Foundation
import GANCore
import GANRun

/// `ganscope eval`: score any CSV of 2-D points against a known mixture.
struct Eval: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Score a CSV of 2-D points against a target: distances, precision/recall, density/coverage; modes, quality, IS and likelihood for a mixture.",
        discussion: """
            The CSV needs the header line x,y, then one point per line; blank lines and lines \
            starting with # are skipped. R/M/samples.csv of a run is such a file.

            The target comes from --data, --preset, --config (e.g. R/M/config.json) or \
            --mix-coeffs/--mean/--cov, resolved as in `ganscope train`.

            The samples are compared with every point of a --data CSV file, or else with 10000 \
            real points drawn from the target with --random-seed (stream 5). Energy distance \
            and sliced Wasserstein use at most 10000 of the real points, MMD at most 1000, \
            precision, recall, density and coverage all of them. Mode-based metrics need a \
            Gaussian mixture and are null for any other target. Definitions of every metric: \
            docs/metrics.md. Exit code 2 for a bad file or target.
            """)

    @Option(help: "CSV file of points with the header x,y.")
    var samples: String

    @OptionGroup var source: ConfigOptions
    @OptionGroup var mixture: MixtureOptions

    @Option(name: .customLong("random-seed"), help: "Seed of the 10000 reference points drawn from a mixture, preset or picture. (default: the config file's random_seed, else 6789)")
    var randomSeed: UInt64?

    @Flag(help: "Print one JSON object with the keys \(MixtureMetrics.CodingKeys.allCases.map(\.rawValue).joined(separator: ", ")) (null for NaN or infinity).")
    var json = false

    func run() throws {
        var flags = try RunConfig.settings(of: mixture)
        flags["random_seed"] = randomSeed
        let config = try source.resolve(flags: flags)
        let target = try config.target()
        let scorer = SampleEvaluation.forEval(target: target, seed: config.randomSeed)
        let metrics = scorer.evaluate(points: try PointsCSV.read(path: samples))
        let k = target.mixture?.componentCount ?? 0
        if json {
            print(try SampleEvaluation.json(metrics))
        } else {
            let name = config.data.map { "the data in \($0)" } ?? "the \(config.preset.rawValue) dataset"
            let what = k > 0 ? "the \(k)-component mixture" : "\(name) (not a mixture: no mode-based metrics)"
            let reference = target is PointCloud ? "all \(scorer.reference.count / 2) points of the file"
                : "\(scorer.reference.count / 2) points drawn with seed \(config.randomSeed)"
            print("\(samples) against \(what), reference: \(reference):")
            print(SampleEvaluation.table(metrics, componentCount: k), terminator: "")
        }
    }
}
