import Foundation
import Testing
import GANCore
@testable import GANRun
import GANRender
import TestSupport

@Suite("Reproduce: the VEEGAN protocol")
struct ReproduceTests {
    @Test func theManifestStatesTheProtocol() throws {
        let r = Reproduction.veegan
        let runs = try r.manifest().expand(resultDir: "d")
        #expect(runs.count == 8 * 10)
        #expect(Set(runs.map(\.seed)) == Set(1...10))
        for run in runs {
            let c = run.config
            #expect(c.numZ == 256 && c.hiddenSize == 128 && c.hiddenLayers == 2 && c.activation == .tanh, "\(run.id)")
            #expect(c.batchSize == 512 && c.numEpochs == 25000 && c.evalSamples == 2500 && c.optimizer == .adam, "\(run.id)")
            #expect(c.dLearningRate == 1e-4 && c.gLearningRate == 1e-3 && c.beta1 == 0.5 && c.beta2 == 0.999, "\(run.id)")
            #expect([Preset.ring8VEEGAN, .grid25].contains(c.preset) && run.name.hasPrefix(c.preset == .grid25 ? "grid25." : "ring8."))
            let s = c.trainingSettings
            switch run.name.split(separator: ".")[1] {
            case "GAN": #expect(s.objective == .nsgan && s.unrolledSteps == 0 && s.pack == 1 && s.nCritic == 1)
            case "Unrolled": #expect(s.objective == .nsgan && s.unrolledSteps == 5 && s.pack == 1)
            case "WGAN-GP": #expect(s.objective == .wganGP && s.nCritic == 5 && s.gpWeight == 10)
            case "PacGAN2": #expect(s.objective == .nsgan && s.pack == 2 && s.discriminatorSizes.first == 4)
            default: Issue.record("unexpected run \(run.name)")
            }
        }
        // The datasets as the papers define them.
        let ring = GaussianMixture.ring8VEEGAN, grid = GaussianMixture.grid25
        #expect(ring.means.count == 8 && ring.means.allSatisfy { abs(($0[0] * $0[0] + $0[1] * $0[1]).squareRoot() - 1) < 1e-9 })
        #expect(Set(ring.means.map { "\(($0[0] * 1e6).rounded()),\(($0[1] * 1e6).rounded())" }).count == 8)
        #expect(ring.variances.allSatisfy { $0.allSatisfy { abs($0 - 0.0001) < 1e-12 } })
        #expect(grid.means.count == 25 && grid.variances.allSatisfy { $0.allSatisfy { abs($0 - 0.0025) < 1e-12 } })
        // Shortened: seeds 1…N and the steps, with evaluations and frames every twentieth.
        var short = r
        (short.seeds, short.steps) = (2, 400)
        let shortRuns = try short.manifest().expand(resultDir: "d")
        #expect(shortRuns.count == 16 && shortRuns.allSatisfy { $0.config.numEpochs == 400 && $0.config.evalFreq == 20 && $0.config.animFreq == 20 })
    }

    @Test(arguments: [(5.0, 4.0, 0.5, Reproduction.Placement.inside), (5.0, 4.0, 0.49, .above), (3.0, 4.0, 0.5, .inside),
                      (2.9, 4.0, 0.5, .below), (1.0, 1.0, 0.0, .inside), (1.1, 1.0, 0.0, .above)])
    func placementAgainstTwoStd(_ c: (Double, Double, Double, Reproduction.Placement)) {
        #expect(Reproduction.Placement(published: c.0, mean: c.1, std: c.2) == c.3)
    }

    /// The protocol on tiny networks, few steps and one dataset: the page's table holds, per method and
    /// dataset, the runs' own mean ± std, the published numbers and a placement that agrees
    /// with them; every link resolves.
    @Test func thePageSetsOurNumbersBesideThePublishedOnes() throws {
        var r = Reproduction.veegan
        r.settings.merge(["num_z": 4, "hidden_size": 8, "batch_size": 32, "eval_samples": 200, "frame_samples": 100]) { $1 }
        (r.seeds, r.steps, r.evaluations) = (2, 10, 1)
        r.datasets.removeLast()   // ring8 only: the table's layout does not depend on the count
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ganscope-reproduce-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let runs = try r.manifest().expand(resultDir: dir)
        let outcomes = CompareRunner(jobs: 2).run(runs)
        #expect(outcomes.allSatisfy { $0.status == "finished" }, "\(outcomes.map(\.status))")
        let report = ComparisonReport(dir: dir, runs: runs)
        try report.write(columns: 4, title: r.title, preamble: r.preamble(report: report))
        let html = try String(contentsOfFile: dir + "/index.html", encoding: .utf8)
        #expect(html.contains("<title>GANScope reproduction: the VEEGAN protocol</title>"))
        for line in r.description { #expect(html.contains(HTML.escape(line))) }
        let table = try #require(html.components(separatedBy: "<table class=\"reproduction\">").last?.components(separatedBy: "</table>").first)
        let rows = table.components(separatedBy: "</tr>").filter { $0.contains("<td>") }
        #expect(rows.count == r.methods.count)
        for (m, row) in zip(r.methods, rows) {
            #expect(row.contains("<td>\(HTML.escape(m.label))</td>"))
            let cells = row.components(separatedBy: "</td>").dropFirst().map { $0.replacingOccurrences(of: #"<td[^>]*>"#, with: "", options: .regularExpression) }
            #expect(cells.count == 6 * r.datasets.count + 1)   // 2 metrics × (ours, published, where) per dataset, and the row's end
            for (i, d) in r.datasets.enumerated() {
                let name = r.runName(m, d), p = try #require(m.published[d.preset])
                for (j, (key, scale, published)) in [(MixtureMetrics.CodingKeys.modesCaptured, 1.0, p.modes),
                                                     (.highQualityFraction, 100.0, p.highQualityPercent)].enumerated() {
                    let a = try #require(report.aggregate(key.rawValue, name: name))
                    let mean = scale * a.mean, std = scale * a.std
                    let k = 6 * i + 3 * j
                    let ours = ComparisonReport.format(mean) + " ± " + ComparisonReport.format(std)
                    #expect(cells[k] == ours, "\(name) \(key)")
                    #expect(cells[k + 1] == ComparisonReport.format(published))
                    #expect(cells[k + 2].hasSuffix(" " + Reproduction.Placement(published: published, mean: mean, std: std).rawValue))
                }
            }
        }
        for link in HTMLLinks.links(in: html) {
            #expect(FileManager.default.fileExists(atPath: dir + "/" + HTMLLinks.percentDecode(link)), "broken link \(link)")
        }
        #expect(HTMLLinks.links(in: html).contains("comparison.gif"))
    }
}
