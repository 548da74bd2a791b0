import Foundation
import GANRender

extension ComparisonReport {
    /// `DIR/index.html` of a comparison: the side-by-side GIF (`hasGIF`), the final metrics
    /// (mean ± std across seeds, the best in bold), the diagnosis, the `charts` against the step,
    /// and links to each run's report and the data files; `preamble` is HTML placed under the
    /// title. Paths are relative, so DIR can be moved.
    func page(charts: [Metric], hasGIF: Bool, title: String, preamble: String) -> String {
        let e = HTML.escape, p = HTML.percentEncodePath
        var h = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>\(e(title))</title>
            <style>
            body{font-family:sans-serif;margin:2em;color:#222}
            table{border-collapse:collapse;margin:1em 0}
            th,td{border:1px solid #ccc;padding:4px 8px;text-align:right}
            th:first-child,td:first-child{text-align:left}
            td.best{font-weight:bold;background:#e6f4ea}
            td.bad{color:#b00020;text-align:left}
            td.far{background:#fdecea}
            table.reproduction td{white-space:nowrap}
            .note{font-size:smaller;color:#555}
            .dir{font-weight:normal;font-size:smaller;color:#666}
            img{max-width:100%}
            </style></head><body>
            <h1>\(e(title))</h1>

            """ + preamble
        if hasGIF { h += "<h2>Side by side</h2>\n<p><img src=\"comparison.gif\" alt=\"side-by-side animation\"></p>\n" }
        h += metricsSection() + diagnosisSection()
        if !charts.isEmpty {
            h += "<h2>Metrics against the step</h2>\n<p>Solid: mean over seeds; dashed: the lowest and highest seed.</p>\n"
            for m in charts {
                h += "<figure><img src=\"\(p(Self.chartFile(m)))\" alt=\"\(e(m.label))\">"
                    + "<figcaption>\(e(m.label))</figcaption></figure>\n"
            }
        }
        h += "<h2>Files</h2>\n<ul>\n"
        h += "<li><a href=\"comparison.json\">comparison.json</a> (settings, mean, std and per-seed values)</li>\n"
        h += "<li><a href=\"comparison.csv\">comparison.csv</a> (the same numbers, one row per run and seed)</li>\n"
        if hasGIF { h += "<li><a href=\"comparison.gif\">comparison.gif</a></li>\n" }
        h += "</ul>\n</body></html>\n"
        return h
    }

    /// The final metrics per run (mean ± std, the best in bold, links to each seed's report),
    /// then the runs that did not finish.
    private func metricsSection() -> String {
        let e = HTML.escape, p = HTML.percentEncodePath
        let metrics = reportedMetrics
        let best = Dictionary(uniqueKeysWithValues: metrics.map { ($0.key, self.best($0)) })
        var h = "<h2>Final metrics</h2>\n<p>Mean ± standard deviation across seeds (n − 1); best mean per column in bold (all of them on a tie).</p>\n"
        h += "<table>\n<tr><th>run</th><th>seeds</th>"
        for m in metrics {
            h += "<th>\(e(m.label))<br><span class=\"dir\">\(m.higherIsBetter ? "↑ higher" : "↓ lower") is better</span></th>"
        }
        h += "<th>runs</th></tr>\n"
        for name in names {
            let rs = results(named: name)
            let ok = rs.filter { $0.status == "finished" }.count
            h += "<tr><td>\(e(name))</td><td>\(ok)/\(rs.count) finished</td>"
            for m in metrics {
                guard let a = aggregate(m.key, name: name) else { h += "<td>–</td>"; continue }
                let text = Self.format(a.mean) + " ± " + Self.format(a.std)
                h += best[m.key]?.contains(name) == true ? "<td class=\"best\">\(text)</td>" : "<td>\(text)</td>"
            }
            let links = rs.map { r in
                r.index.map { "<a href=\"\(p($0))\">seed \(r.run.seed)</a>" } ?? "seed \(r.run.seed)"
            }
            h += "<td>\(links.joined(separator: " · "))</td></tr>\n"
        }
        h += "</table>\n"
        let problems = results.filter { $0.status != "finished" }
        if !problems.isEmpty {
            h += "<h2>Runs that did not finish</h2>\n<table>\n<tr><th>run</th><th>seed</th><th>status</th></tr>\n"
            for r in problems {
                h += "<tr><td>\(e(r.run.name))</td><td>\(r.run.seed)</td><td class=\"bad\">\(e(r.status))</td></tr>\n"
            }
            h += "</table>\n"
        }
        return h
    }

    /// Per run name, how many seeds hit each condition; then each run's conditions.
    private func diagnosisSection() -> String {
        let e = HTML.escape
        var h = "<h2>Diagnosis</h2>\n<p>Conditions found in the runs (docs/diagnosis.md): seeds that hit each kind, then every run's list.</p>\n"
        h += "<table>\n<tr><th>run</th><th>seeds</th><th>conditions (seeds that hit them)</th></tr>\n"
        for name in names {
            let rs = results(named: name)
            let counts = Diagnosis.Kind.allCases.compactMap { kind in
                let n = rs.filter { $0.diagnosis.contains { $0.kind == kind } }.count
                return n > 0 ? "\(kind.rawValue): \(n)" : nil
            }
            let text = counts.isEmpty ? "none" : counts.joined(separator: ", ")
            h += "<tr><td>\(e(name))</td><td>\(rs.count)</td><td style=\"text-align:left\">\(e(text))</td></tr>\n"
        }
        h += "</table>\n"
        let diagnosed = results.filter { !$0.diagnosis.isEmpty }
        guard !diagnosed.isEmpty else { return h }
        h += "<ul class=\"diagnosis\">\n"
        for r in diagnosed {
            let items = r.diagnosis.map { d in
                "\(d.kind.rawValue) " + (d.endedStep.map { "steps \(d.beganStep)–\($0)" } ?? "from step \(d.beganStep)") + ": \(d.evidence)"
            }
            h += "<li>\(e(r.run.name)), seed \(r.run.seed): \(e(items.joined(separator: "; ")))</li>\n"
        }
        return h + "</ul>\n"
    }

    /// 4 significant digits, 3 for very large or small values.
    static func format(_ v: Double) -> String {
        if v == 0 { return "0" }
        let a = abs(v)
        return a >= 1000 || a < 0.001 ? String(format: "%.3g", v) : String(format: "%.4g", v)
    }
}
