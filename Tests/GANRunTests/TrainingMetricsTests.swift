import Foundation
import Testing
@testable import GANCore
@testable import GANRender
@testable import GANRun
import TestSupport

/// Metrics during training: metrics.csv, summary.json, charts, index and console line.
@Suite("Metrics during training", .serialized)
struct TrainingMetricsTests {
    static func config(dir: String, steps: Int = 700, evalFreq: Int = 250) -> RunConfig {
        var c = EndToEndTests.config(dir: dir)
        c.numEpochs = steps
        c.evalFreq = evalFreq
        c.evalSamples = 600
        c.animFreq = 350
        c.dispFreq = 350
        return c
    }

    static let metricKeys = ["n_samples", "modes_captured", "high_quality_fraction", "reverse_kl", "inception_score",
                             "mean_log_likelihood", "energy_distance", "sliced_wasserstein", "mmd_rbf", "precision", "recall",
                             "density", "coverage", "mode_histogram"]

    @Test func metricsCSVHasARowPerEvaluationStepAndTheHeader() throws {
        let dir = EndToEndTests.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var logs: [String] = []
        let summary = try Experiment(config: Self.config(dir: dir)).run { if case let .log(s) = $0 { logs.append(s) } }
        let l = RunLayout(resultDir: dir, modelName: "NSGAN")

        let lines = String(decoding: try EndToEndTests.bytes(l.metricsCSV), as: UTF8.self)
            .split(separator: "\n").map(String.init)
        // The metrics, the mode histogram, then the diagnosis's signals (one hidden layer each here).
        let header: String = "step,n_samples,modes_captured,high_quality_fraction,reverse_kl,inception_score,"
            + "mean_log_likelihood,energy_distance,sliced_wasserstein,mmd_rbf,precision,recall,density,coverage,q_0,q_1,"
            + "dead_d_1,dead_g_1,grad_norm_d,grad_norm_g,d_accuracy_real,d_accuracy_fake,mean_d_real,mean_d_fake,"
            + "g_point_grad_norm,d_output_spread,d_loss,g_loss"
        #expect(lines.first == header)
        let rows = lines.dropFirst().map { $0.split(separator: ",").map(String.init) }
        // Step 0, every 250 steps, and the last step (700 is not a multiple of 250).
        #expect(rows.map { $0[0] } == ["0", "250", "500", "700"])
        for row in rows {
            #expect(row.count == 28)
            for column in [16, 17, 20, 21] {   // dead units, accuracies: fractions
                let v = try #require(Double(row[column]))
                #expect(v >= 0 && v <= 1, "column \(column): \(v)")
            }
            #expect(row[1] == "600")
            for column in [10, 11, 13] {   // precision, recall, coverage
                let v = try #require(Double(row[column]))
                #expect(v >= 0 && v <= 1, "column \(column): \(v)")
            }
            let q = try row[14...15].map { try #require(Double($0)) }
            #expect(abs(q.reduce(0, +) - 1) < 1e-9, "histogram sums to 1: \(q)")
            #expect(try #require(Double(row[3])) >= 0 && Double(row[3])! <= 1)
        }
        #expect(summary.evaluations == 4)

        // The console line keeps the seed's prefix and gains the latest metrics.
        #expect(logs.first?.hasPrefix("Epoch: [   0/ 700] d_loss: ") == true)
        let pattern = #/ \| modes [0-2]/2, HQ [0-9.]+%, IS [0-9.]+$/#
        for line in logs { #expect(line.contains(pattern), "\(line)") }
        // The line at step 600 reports the evaluation of step 500.
        let last = try #require(Double(rows[2][5]))
        #expect(logs.last?.hasSuffix(String(format: "IS %.2f", last)) == true)
    }

    @Test func summaryHoldsTheFinalMetricsWithExactKeys() throws {
        let dir = EndToEndTests.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let summary = try Experiment(config: Self.config(dir: dir, steps: 300, evalFreq: 150)).run()
        let l = RunLayout(resultDir: dir, modelName: "NSGAN")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(try EndToEndTests.bytes(l.summaryJSON))) as? [String: Any])
        let metrics = try #require(object["metrics"] as? [String: Any])
        #expect(Set(metrics.keys) == Set(Self.metricKeys))
        #expect((metrics["mode_histogram"] as? [Double])?.count == 2)
        #expect(metrics["n_samples"] as? Int == 600)
        let real = try #require(object["real_data_metrics"] as? [String: Any])
        #expect(real["modes_captured"] as? Int == 2)
        // summary.json's metrics are the last row of metrics.csv.
        let lastRow = try #require(String(decoding: try EndToEndTests.bytes(l.metricsCSV), as: UTF8.self)
            .split(separator: "\n").last).split(separator: ",")
        #expect(lastRow[0] == "300")
        #expect(Double(lastRow[5]) == summary.metrics?.inceptionScore)
        let inception = try #require(metrics["inception_score"] as? Double)
        #expect(abs(inception - summary.metrics!.inceptionScore) <= 1e-15 * inception)  // JSON parsing may round by an ulp
    }

    @Test func chartsAreDecodablePNGsAndTheIndexShowsThemAndTheTable() throws {
        let dir = EndToEndTests.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Experiment(config: Self.config(dir: dir, steps: 300, evalFreq: 100)).run()
        let l = RunLayout(resultDir: dir, modelName: "NSGAN")
        for (name, _) in MetricsCharts.charts {
            let info = try Canvas.decodePNG(try EndToEndTests.bytes(l.metricChart(name)))
            #expect(info.width == 800 && info.height == 400, "\(name)")
        }
        let histogram = try Canvas.decodePNG(try EndToEndTests.bytes(l.modeHistogramChart))
        #expect(histogram.width == 800 && histogram.height == 400)
        let html = String(decoding: try EndToEndTests.bytes(l.index), as: UTF8.self)
        let links = HTMLLinks.links(in: html)
        for needed in ["NSGAN/metrics.csv", "NSGAN/metrics_modes.png", "NSGAN/metrics_distances.png", "NSGAN/mode_histogram.png"] {
            #expect(links.contains(needed), "index does not link \(needed)")
        }
        #expect(html.contains("<caption>Final metrics"))
        #expect(html.contains("<th scope=\"row\">modes captured</th>"))
        #expect(html.contains("<th scope=\"col\">real data</th>"))
        // The nested objects are not dumped into the summary table as JSON text.
        #expect(!html.contains("<th scope=\"row\">metrics</th>"))
    }

    @Test func evaluationDoesNotChangeTraining() throws {
        let a = EndToEndTests.tempDir(), b = EndToEndTests.tempDir()
        defer { try? FileManager.default.removeItem(atPath: a); try? FileManager.default.removeItem(atPath: b) }
        try Experiment(config: Self.config(dir: a, steps: 300, evalFreq: 50)).run()
        try Experiment(config: Self.config(dir: b, steps: 300, evalFreq: 1000)).run()
        let la = RunLayout(resultDir: a, modelName: "NSGAN"), lb = RunLayout(resultDir: b, modelName: "NSGAN")
        #expect(try EndToEndTests.bytes(la.samplesCSV) == EndToEndTests.bytes(lb.samplesCSV))
        #expect(try EndToEndTests.bytes(la.lossesCSV) == EndToEndTests.bytes(lb.lossesCSV))
        // Same seed, same evaluations: the shared rows (steps 0 and 300) are identical.
        let rowsA = String(decoding: try EndToEndTests.bytes(la.metricsCSV), as: UTF8.self).split(separator: "\n")
        let rowsB = String(decoding: try EndToEndTests.bytes(lb.metricsCSV), as: UTF8.self).split(separator: "\n")
        #expect(rowsA.count == 1 + 7 && rowsB.count == 1 + 2)
        #expect(rowsA.first == rowsB.first && rowsA[1] == rowsB[1] && rowsA.last == rowsB.last)
    }

    @Test func evalSettingsAreValidatedAndResolved() throws {
        var c = RunConfig()
        c.evalFreq = 0
        #expect(throws: RunError.invalid(field: "eval_freq", value: "0", accepted: "a whole number from 1 to 100000000")) {
            try c.validate()
        }
        c = RunConfig()
        c.evalSamples = -1
        #expect(throws: RunError.self) { try c.validate() }
        let file = try RunConfig.settings(from: Data(#"{"eval_freq": 100, "eval_samples": 1000}"#.utf8), path: "f.json")
        let r = try RunConfig.resolve(file, ["eval_freq": 250])
        #expect(r.evalFreq == 250 && r.evalSamples == 1000)
        #expect(RunConfig().evalFreq == 500 && RunConfig().evalSamples == 2500)
    }
}
