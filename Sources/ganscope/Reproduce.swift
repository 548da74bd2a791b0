import ArgumentParser
import Foundation
import GANRun

/// `ganscope reproduce`: a published benchmark protocol on the compare machinery (docs/reproduce.md).
struct Reproduce: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a published benchmark protocol and show the results beside the published numbers.",
        discussion: """
            veegan: VEEGAN's Table 1 protocol (GAN, Unrolled GAN, WGAN-GP and PacGAN2 on ring8
            and grid25; 10 seeds of 25,000 steps). The runs are those of `ganscope compare` with
            a manifest made from the protocol (written to DIR/manifest.json), so they run in
            parallel, skip what is finished, resume from checkpoints, and shard with --shard
            and --merge (pass the same --seeds and --steps to every shard and to --merge).
            DIR/index.html holds the protocol, our mean ± std beside the published numbers,
            the side-by-side GIF and everything a comparison page has. Exit codes as compare's.
            """)

    @Argument(help: "The protocol: \(Reproduction.all.map(\.name).joined(separator: ", ")).")
    var name: String
    var protocolNamed: Reproduction? { Reproduction.all.first { $0.name == name } }
    @Option(help: "Seeds 1…N, to shorten the protocol for a quick look. (default: the protocol's)")
    var seeds: Int?
    @Option(help: "Steps per run, to shorten the protocol for a quick look. (default: the protocol's)")
    var steps: Int?
    @OptionGroup var options: CompareOptions

    func validate() throws {
        guard protocolNamed != nil else {
            throw ValidationError("unknown protocol '\(name)'; accepted: \(Reproduction.all.map(\.name).joined(separator: ", "))")
        }
        if let seeds, !(1...1000).contains(seeds) { throw ValidationError("--seeds must be a whole number from 1 to 1000, got \(seeds)") }
        if let steps, !(1...100_000_000).contains(steps) { throw ValidationError("--steps must be a whole number from 1 to 100000000, got \(steps)") }
    }

    func run() throws {
        var r = protocolNamed!
        if let seeds { r.seeds = seeds }
        if let steps { r.steps = steps }
        let manifest = try r.manifest()
        let dir = options.resultDir ?? manifest.resultDir!
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        var written = r.manifestJSON()
        written["result_dir"] = nil   // the same bytes wherever DIR is
        let json = try JSONSerialization.data(withJSONObject: written,
                                              options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        try AtomicFile.write(json, to: dir + "/manifest.json")
        let flags = (seeds.map { " --seeds \($0)" } ?? "") + (steps.map { " --steps \($0)" } ?? "")
        try options.execute(runs: manifest.expand(resultDir: dir), dir: dir,
                            merge: "ganscope reproduce \(name)\(flags) --result-dir \(dir) --merge") { report in
            try report.write(columns: options.columns ?? r.methods.count, title: r.title, preamble: r.preamble(report: report))
        }
    }
}
