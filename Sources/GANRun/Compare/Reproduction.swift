import Foundation
import GANCore
import GANRender

/// A published benchmark protocol, run on the compare machinery: a manifest made in code
/// (methods × datasets × seeds), and a table of our mean ± std beside the published numbers
/// on the comparison page (docs/reproduce.md).
package struct Reproduction {
    /// A dataset of the protocol: a preset with known modes.
    package typealias Dataset = (preset: Preset, label: String)
    /// Published numbers on one dataset: modes captured and high-quality %.
    package typealias Published = (modes: Double, highQualityPercent: Double)

    /// A method: its run name, its settings over the protocol's, its published numbers by preset
    /// and where they come from.
    package struct Method {
        package var name: String
        package var label: String
        package var settings: [String: Any]
        package var published: [Preset: Published]
        package var source: String
    }

    package var name: String
    package var title: String
    /// The protocol in sentences, for the page and docs.
    package var description: [String]
    /// The settings every run shares (config-file keys).
    package var settings: [String: Any]
    package var datasets: [Dataset]
    package var methods: [Method]
    package var seeds: Int
    package var steps: Int
    /// Evaluations and animation frames per run, evenly spaced.
    package var evaluations = 20

    /// The reproductions `ganscope reproduce` offers.
    package static var all: [Reproduction] { [veegan] }

    /// VEEGAN's Table 1 protocol (Srivastava et al. 2017), with the methods of GANScope that
    /// its table and GDPP's list: GAN, Unrolled GAN (5 steps), WGAN-GP; and PacGAN2 trained
    /// under the same protocol (its published numbers come from PacGAN's own protocol).
    package static var veegan: Reproduction {
        let veegan = "VEEGAN Table 1"
        return Reproduction(
            name: "veegan",
            title: "GANScope reproduction: the VEEGAN protocol",
            description: [
                "G and D: 2 hidden layers of 128 tanh units; latent 256 (standard normal); weights N(0, 0.01²), biases 0.",
                "Adam, β1 0.5, β2 0.999; learning rate 1e-4 for D and 1e-3 for G; batch 512; 25,000 steps.",
                "ring8: 8 modes on a circle of radius 1, std 0.01. grid25: 5×5 modes at {−4, −2, 0, 2, 4}², std 0.05.",
                "Scored on 2,500 generated samples at the last step: modes captured and high-quality % (within 3 standard deviations of a mode).",
                "GAN: the non-saturating loss. Unrolled GAN: 5 look-ahead steps, first-order (docs/variants.md). WGAN-GP: 5 critic updates, λ = 10. PacGAN2: the GAN with D seeing 2 samples at once.",
            ],
            settings: ["num_z": 256, "hidden_size": 128, "hidden_layers": 2, "activation": "tanh",
                       "batch_size": 512, "beta1": 0.5, "beta2": 0.999,
                       "d_learning_rate": 1e-4, "g_learning_rate": 1e-3, "num_epochs": 25000,
                       "eval_samples": 2500, "gan_type": "nsgan"],
            datasets: [(preset: .ring8VEEGAN, label: "ring8"), (preset: .grid25, label: "grid25")],
            methods: [
                Method(name: "GAN", label: "GAN", settings: [:],
                       published: [.ring8VEEGAN: (1, 99.3), .grid25: (3.3, 0.5)], source: veegan),
                Method(name: "Unrolled", label: "Unrolled GAN (5 steps)", settings: ["unrolled_steps": 5],
                       published: [.ring8VEEGAN: (7.6, 35.6), .grid25: (23.6, 16)], source: veegan),
                Method(name: "WGAN-GP", label: "WGAN-GP", settings: ["gan_type": "wgan-gp", "n_critic": 5, "gp_weight": 10],
                       published: [.ring8VEEGAN: (6.8, 59.6), .grid25: (24.2, 28.7)], source: "GDPP Table 1"),
                Method(name: "PacGAN2", label: "PacGAN2", settings: ["pack": 2],
                       published: [.ring8VEEGAN: (7.9, 95.6), .grid25: (23.8, 91.3)],
                       source: "PacGAN Table 1, PacGAN's protocol"),
            ],
            seeds: 10, steps: 25000)
    }

    /// Run name of a method on a dataset: `ring8.GAN`.
    package func runName(_ m: Method, _ d: Dataset) -> String { d.label + "." + m.name }

    /// The manifest as JSON, with ``seeds``, ``steps`` and ``evaluations`` per run.
    package func manifestJSON() -> [String: Any] {
        var defaults = settings
        defaults["num_epochs"] = steps
        let every = max(1, steps / evaluations)
        (defaults["eval_freq"], defaults["anim_freq"], defaults["disp_freq"]) = (every, every, max(every, steps / 5))
        let runs = datasets.flatMap { d in
            methods.map { m in m.settings.merging(["name": runName(m, d), "preset": d.preset.rawValue]) { $1 } }
        }
        return ["result_dir": "reproduce-" + name, "defaults": defaults, "seeds": Array(1...seeds), "runs": runs]
    }

    /// The manifest, checked as any manifest is.
    package func manifest() throws -> CompareManifest {
        let data = try JSONSerialization.data(withJSONObject: manifestJSON(), options: [.sortedKeys])
        return try CompareManifest.parse(data, path: "reproduce \(name)")
    }
}

extension Reproduction {
    /// Where a published value lies against our mean ± 2 std.
    package enum Placement: String {
        case inside, above, below

        package init(published p: Double, mean: Double, std: Double) {
            self = p > mean + 2 * std ? .above : p < mean - 2 * std ? .below : .inside
        }
    }

    /// The reproduction's part of the page: the protocol, and per method and dataset our modes
    /// captured and high-quality % (mean ± std) beside the published numbers, each with a `mark`.
    package func preamble(report: ComparisonReport) -> String {
        let e = HTML.escape
        var h = "<h2>Protocol</h2>\n<ul>\n" + description.map { "<li>\(e($0))</li>\n" }.joined()
        h += "<li>This run: \(seeds) seed\(seeds == 1 ? "" : "s") (1–\(seeds)), \(steps) steps.</li>\n</ul>\n"
        h += "<h2>Beside the published numbers</h2>\n<p>Ours: mean ± standard deviation over the finished seeds. "
        h += "The bar is our mean ± 2 std with a tick at our mean; the dot is the published value, green inside the bar, red outside.</p>\n"
        h += "<table class=\"reproduction\">\n<tr><th>method</th>"
        for d in datasets { h += "<th colspan=\"3\">\(e(d.label)): modes captured</th><th colspan=\"3\">\(e(d.label)): high-quality %</th>" }
        h += "</tr>\n<tr><th></th>" + String(repeating: "<th>ours</th><th>published</th><th>where</th>", count: 2 * datasets.count) + "</tr>\n"
        for m in methods {
            h += "<tr><td>\(e(m.label))</td>"
            for d in datasets {
                let name = runName(m, d), p = m.published[d.preset]
                let modes = report.aggregate(MixtureMetrics.CodingKeys.modesCaptured.rawValue, name: name)
                let hq = report.aggregate(MixtureMetrics.CodingKeys.highQualityFraction.rawValue, name: name)
                h += cells(modes.map { ($0.mean, $0.std) }, published: p?.modes, source: m.source)
                h += cells(hq.map { (100 * $0.mean, 100 * $0.std) }, published: p?.highQualityPercent, source: m.source)
            }
            h += "</tr>\n"
        }
        h += "</table>\n"
        let sources = Set(methods.map(\.source)).sorted()
        h += "<p class=\"note\">Published: " + e(sources.joined(separator: "; ")) + ". PacGAN's numbers were measured under PacGAN's own protocol, not this one.</p>\n"
        return h
    }

    private func cells(_ ours: (mean: Double, std: Double)?, published p: Double?, source: String) -> String {
        let f = ComparisonReport.format
        guard let ours else { return "<td>–</td><td>\(p.map(f) ?? "–")</td><td></td>" }
        let text = "\(f(ours.mean)) ± \(f(ours.std))"
        guard let p else { return "<td>\(text)</td><td>–</td><td></td>" }
        let place = Placement(published: p, mean: ours.mean, std: ours.std)
        let cls = place == .inside ? "" : " class=\"far\""
        return "<td\(cls)>\(text)</td><td title=\"\(HTML.escape(source))\">\(f(p))</td><td>\(Self.mark(p, ours.mean, ours.std, place))</td>"
    }

    /// An inline SVG: our mean ± 2 std as a bar with a tick at the mean, the published value as
    /// a dot, and the placement in words.
    static func mark(_ p: Double, _ mean: Double, _ std: Double, _ place: Placement) -> String {
        let lo = min(mean - 2 * std, p), hi = max(mean + 2 * std, p)
        let span = max(hi - lo, 1e-9)
        func x(_ v: Double) -> String { String(format: "%.1f", 4 + 92 * (v - lo) / span) }
        let color = place == .inside ? "#1e8e3e" : "#d93025"
        return "<svg width=\"100\" height=\"14\" role=\"img\" aria-label=\"published \(place.rawValue) our mean ± 2 std\">"
            + "<line x1=\"\(x(mean - 2 * std))\" y1=\"7\" x2=\"\(x(mean + 2 * std))\" y2=\"7\" stroke=\"#9ab\" stroke-width=\"6\"/>"
            + "<line x1=\"\(x(mean))\" y1=\"2\" x2=\"\(x(mean))\" y2=\"12\" stroke=\"#333\"/>"
            + "<circle cx=\"\(x(p))\" cy=\"7\" r=\"3.5\" fill=\"\(color)\"/></svg> \(place.rawValue)"
    }
}
