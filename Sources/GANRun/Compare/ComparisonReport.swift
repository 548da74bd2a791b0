import Foundation
import GANCore
import GANRender

/// The results of a comparison, read back from the run directories (so a sharded comparison
/// merged with `--merge` gives the same report), and the files that present them. Across seeds:
/// the mean and the sample standard deviation (n − 1; 0 for one seed) of the finite values.
package struct ComparisonReport {
    /// A final metric (a key of `summary.json`'s `metrics`) and which way is better.
    package struct Metric: Sendable, Equatable {
        package var key: String
        package var label: String
        package var higherIsBetter: Bool
    }

    /// The final metrics compared (density is left out: its ideal is 1, neither higher nor lower).
    package static let metrics: [Metric] = [
        (MixtureMetrics.CodingKeys.modesCaptured, true), (.highQualityFraction, true), (.reverseKL, false), (.inceptionScore, true),
        (.meanLogLikelihood, true), (.energyDistance, false), (.slicedWasserstein, false), (.mmdRBF, false),
        (.precision, true), (.recall, true), (.coverage, true),
    ].map { Metric(key: $0.rawValue, label: MetricsFormat.label($0), higherIsBetter: $1) }

    /// What one run × seed left on disk.
    package struct RunResult {
        package var run: CompareRun
        /// "finished", "diverged at step N", "interrupted at step N", "failed: …" or "missing".
        package var status: String
        /// Final metrics by key (finite values only).
        package var values: [String: Double]
        /// `metrics.csv`'s steps, and each column's value per step (NaN when absent).
        package var steps: [Double]
        package var history: [String: [Double]]
        /// `<name>/seed-<s>/index.html` relative to the comparison directory, if it exists.
        package var index: String?
        /// The run's diagnosis (`summary.json`'s `"diagnosis"`).
        package var diagnosis: [Diagnosis] = []
    }

    /// One metric of one run name across its seeds.
    package typealias Aggregate = (mean: Double, std: Double, perSeed: [(seed: UInt64, value: Double)])

    package let dir: String
    package let results: [RunResult]
    /// Run names in manifest order.
    package let names: [String]

    /// Reads every run of `runs` (an expanded manifest) under `dir`.
    package init(dir: String, runs: [CompareRun]) {
        self.dir = dir
        results = runs.map { Self.read($0, dir: dir) }
        var seen: Set<String> = []
        names = runs.map(\.name).filter { seen.insert($0).inserted }
    }

    static func read(_ run: CompareRun, dir: String) -> RunResult {
        let fm = FileManager.default
        let layout = run.layout
        var r = RunResult(run: run, status: "missing", values: [:], steps: [], history: [:], index: nil)
        if fm.fileExists(atPath: layout.index) { r.index = run.id + "/index.html" }
        if let data = fm.contents(atPath: run.errorFile) {
            r.status = "failed: " + String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        guard let data = fm.contents(atPath: layout.summaryJSON),
              let summary = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else { return r }
        r.status = summary["status"] as? String ?? "missing"
        struct Diagnosed: Decodable { var diagnosis: [Diagnosis]? }
        r.diagnosis = (try? JSONDecoder().decode(Diagnosed.self, from: data))?.diagnosis ?? []
        for (key, value) in summary["metrics"] as? [String: Any] ?? [:] {
            let v = (value as? NSNumber)?.doubleValue ?? (value as? String).flatMap(Double.init)   // or "nan"
            if let v, v.isFinite { r.values[key] = v }
        }
        let csv = fm.contents(atPath: layout.metricsCSV).map { String(decoding: $0, as: UTF8.self) } ?? ""
        let rows = csv.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        guard let header = rows.first, header.first == "step" else { return r }
        for row in rows.dropFirst() where row.count == header.count {
            for (k, v) in zip(header, row) { r.history[String(k), default: []].append(Double(v) ?? .nan) }
        }
        r.steps = r.history.removeValue(forKey: "step") ?? []
        return r
    }

    /// The results of one run name, in seed order.
    package func results(named name: String) -> [RunResult] { results.filter { $0.run.name == name } }

    /// The metrics any run reported, in ``metrics`` order.
    package var reportedMetrics: [Metric] {
        Self.metrics.filter { m in results.contains { $0.values[m.key] != nil } }
    }

    /// Mean, std and per-seed values of `metric` over the seeds of `name` that report it.
    package func aggregate(_ metric: String, name: String) -> Aggregate? {
        let perSeed = results(named: name).compactMap { r in r.values[metric].map { (r.run.seed, $0) } }
        guard !perSeed.isEmpty else { return nil }
        let v = perSeed.map(\.1)
        let mean = v.reduce(0, +) / Double(v.count)
        let std = v.count > 1 ? (v.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(v.count - 1)).squareRoot() : 0
        return (mean, std, perSeed.map { (seed: $0.0, value: $0.1) })
    }

    /// The run names with the best mean of `metric` (several on a tie).
    package func best(_ metric: Metric) -> [String] {
        let means = names.compactMap { name in aggregate(metric.key, name: name).map { (name, $0.mean) } }
        guard let top = metric.higherIsBetter ? means.map(\.1).max() : means.map(\.1).min() else { return [] }
        return means.filter { $0.1 == top }.map(\.0)
    }

    /// `comparison.json`: per run name its settings (without `result_dir` and `random_seed`),
    /// seeds, status and index per seed, and each metric's mean, std and per-seed values
    /// (`null` where not finite).
    package func json() throws -> String {
        func number(_ v: Double) -> Any { v.isFinite ? NSNumber(value: v) : NSNull() }
        var runs: [String: Any] = [:]
        for name in names {
            let rs = results(named: name)
            let settings = try RunConfig.settings(of: rs[0].run.config)
            var metrics: [String: Any] = [:]
            for m in reportedMetrics {
                guard let a = aggregate(m.key, name: name) else { continue }
                let perSeed = Dictionary(uniqueKeysWithValues: a.perSeed.map { ("\($0.seed)", number($0.value)) })
                metrics[m.key] = ["mean": number(a.mean), "std": number(a.std), "per_seed": perSeed]
            }
            runs[name] = [
                "settings": settings.filter { !["result_dir", "random_seed"].contains($0.key) },
                "seeds": rs.map { NSNumber(value: $0.run.seed) },
                "status": Dictionary(uniqueKeysWithValues: rs.map { ("\($0.run.seed)", $0.status) }),
                "index": Dictionary(uniqueKeysWithValues: rs.compactMap { r in r.index.map { ("\(r.run.seed)", $0) } }),
                "metrics": metrics,
            ]
        }
        let top: [String: Any] = [
            "runs": runs,
            "order": names,
            "metrics": reportedMetrics.map { ["key": $0.key, "better": $0.higherIsBetter ? "higher" : "lower"] },
        ]
        let data = try JSONSerialization.data(withJSONObject: top, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// `comparison.csv`: `run,seed,status` and the metric keys; one row per run × seed, then
    /// per run name a `mean` and a `std` row (in the seed column). Empty cells: no value.
    package func csv() -> String {
        func cell(_ s: String) -> String {
            s.contains(where: { ",\"\n".contains($0) }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
        }
        func num(_ v: Double?) -> String { v.map { "\($0)" } ?? "" }
        var lines = [(["run", "seed", "status"] + reportedMetrics.map(\.key)).joined(separator: ",")]
        for r in results {
            lines.append(([cell(r.run.name), "\(r.run.seed)", cell(r.status)] + reportedMetrics.map { num(r.values[$0.key]) }).joined(separator: ","))
        }
        for name in names {
            let a = reportedMetrics.map { aggregate($0.key, name: name) }
            lines.append(([cell(name), "mean", ""] + a.map { num($0?.mean) }).joined(separator: ","))
            lines.append(([cell(name), "std", ""] + a.map { num($0?.std) }).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Writes `comparison.json`, `.csv`, a chart `comparison_<metric>.png` per metric, the
    /// side-by-side GIF (when a run has frames) and `index.html`.
    /// `title` and `preamble` (HTML under the title) let a reproduction use the same page.
    package func write(columns: Int? = nil, title: String = "GANScope comparison", preamble: String = "") throws {
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        func put(_ bytes: [UInt8], _ name: String) throws { try AtomicFile.write(bytes, to: dir + "/" + name) }
        try put(Array(try json().utf8), "comparison.json")
        try put(Array(csv().utf8), "comparison.csv")
        let charts = lineCharts()
        for (metric, chart) in charts { try put(chart.render().pngData(), Self.chartFile(metric)) }
        let gif = try sideBySideGIF(columns: columns)
        if let gif { try put(gif, "comparison.gif") }
        else { try? FileManager.default.removeItem(atPath: dir + "/comparison.gif") }
        let html = page(charts: charts.map(\.0), hasGIF: gif != nil, title: title, preamble: preamble)
        try put(Array(html.utf8), "index.html")
    }

    /// The file of `metric`'s chart, relative to the comparison directory.
    static func chartFile(_ metric: Metric) -> String { "comparison_\(metric.key).png" }

    /// One chart per reported metric: per run name the mean over seeds at each evaluation
    /// step (solid), and the band of seeds as thin dashed lines at the minimum and maximum.
    package func lineCharts() -> [(Metric, LineChart)] {
        reportedMetrics.map { metric in
            var chart = LineChart(title: "\(metric.label) (\(metric.higherIsBetter ? "higher" : "lower") is better)",
                                  xLabel: "step", yLabel: metric.key)
            for (i, name) in names.enumerated() {
                let color = Color.okabeIto[i % Color.okabeIto.count]
                var byStep: [Double: [Double]] = [:]
                for r in results(named: name) {
                    for (s, v) in zip(r.steps, r.history[metric.key] ?? []) where s.isFinite && v.isFinite {
                        byStep[s, default: []].append(v)
                    }
                }
                let steps = byStep.keys.sorted()
                guard !steps.isEmpty else { continue }
                let values = steps.map { byStep[$0]! }
                chart.series.append(LineSeries(name: name, x: steps, y: values.map { $0.reduce(0, +) / Double($0.count) }, color: color))
                if values.contains(where: { $0.count > 1 }) {
                    chart.series.append(LineSeries(name: "", x: steps, y: values.map { $0.min()! }, color: color.withAlpha(0.6), dashed: true))
                    chart.series.append(LineSeries(name: "", x: steps, y: values.map { $0.max()! }, color: color.withAlpha(0.6), dashed: true))
                }
            }
            return (metric, chart)
        }
    }
}
