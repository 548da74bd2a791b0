import Foundation
import GANCore
import GANRender

/// The static report `R/index.html` for every model whose `config.json` is in R: its GIF,
/// charts, frames, final metrics, configuration, summary and a link to every file it wrote,
/// all by relative paths, so the page works from file:// and when R is moved.
public struct ResultIndex {
    /// R, whose runs the page lists.
    public let resultDir: String

    /// The report of R.
    public init(resultDir: String) { self.resultDir = resultDir }

    /// Writes `R/index.html` atomically: the models are the subdirectories of R that hold a
    /// `config.json`, sorted by name.
    public func write() throws {
        let fm = FileManager.default
        let names = ((try? fm.contentsOfDirectory(atPath: resultDir)) ?? []).filter {
            fm.fileExists(atPath: resultDir + "/" + $0 + "/config.json")
        }
        let page = HTMLIndex(title: "GANScope results", models: names.sorted().map(model(named:))).render()
        try AtomicFile.write(page, to: resultDir + "/index.html")
    }

    private func model(named name: String) -> HTMLIndex.Model {
        let layout = RunLayout(resultDir: resultDir, modelName: name)
        let fm = FileManager.default
        func exists(_ rel: String) -> Bool { fm.fileExists(atPath: resultDir + "/" + rel) }
        let config = keyValues(layout.configJSON)
        let summary = keyValues(layout.summaryJSON).filter { !["metrics", "real_data_metrics"].contains($0.key) }
        var m = HTMLIndex.Model(name: name)
        m.status = summary.first { $0.key == "status" }?.value
        if var live = LiveView.status(path: layout.modelDir + "/" + LiveView.statusName), exists(name + "/" + LiveView.frameName) {
            m.status = "running"
            live.framePath = name + "/" + LiveView.frameName
            m.live = live
        }
        if exists(layout.gifName) { m.gif = layout.gifName }
        // (caption, label in the file list, path)
        let charts = [("Losses", "loss chart", name + "/losses.png")]
            + MetricsCharts.charts.map { ($0.caption, "chart: " + $0.caption.lowercased(), name + "/metrics_\($0.name).png") }
            + [(MetricsCharts.histogramCaption, "chart: mode histogram", name + "/mode_histogram.png")]
            + MetricsCharts.signalCharts.map { ($0.caption, "chart: " + $0.caption.lowercased(), name + "/signals_\($0.name).png") }
        m.charts = charts.filter { exists($0.2) }.map { HTMLIndex.Link(label: $0.0, path: $0.2) }
        let finished = RunSummary.read(path: layout.summaryJSON)
        if let table = finished.flatMap(metricsTable) { m.tables = [table] }
        let animFreq = Int(config.first { $0.key == "anim_freq" }?.value ?? "") ?? 1
        m.frames = layout.existingSnapshots().map { HTMLIndex.FrameLink(step: $0.step, path: $0.path) }
        let animation = layout.existingAnimationFrames().map {
            HTMLIndex.FrameLink(step: $0.index * animFreq, path: $0.name)
        }
        if m.frames.isEmpty { m.frames = animation }
        m.config = config
        m.summary = summary.filter { !["diagnosis", "diagnosis_skipped"].contains($0.key) }
        m.diagnosis = finished.map { diagnosisPanel($0, frames: m.frames) }
        if m.live != nil {
            // An earlier run's GIF, summary, final metrics and diagnosis are not this run's:
            // hide them until the run ends.
            (m.gif, m.summary, m.tables, m.diagnosis) = (nil, [], [], nil)
        }
        // The file list: each (label, path) below whose file exists, in this order.
        let live = m.live == nil ? [("live animation, every live frame (GIF)", name + "_live_animation.gif")]
            : [("latest frame (live)", name + "/" + LiveView.frameName),
               ("live status (JSON)", name + "/" + LiveView.statusName)]
        let outputs = [("configuration", "config.json"), ("summary", "summary.json"), ("losses (CSV)", "losses.csv"),
                       ("loss chart", "losses.png"), ("metrics at every evaluation (CSV)", "metrics.csv"),
                       ("10,000 generated samples (CSV)", "samples.csv")].map { ($0.0, name + "/" + $0.1) }
        var files = m.gif.map { [HTMLIndex.Link(label: "animation (GIF)", path: $0)] } ?? []
        for (label, path) in live + outputs + charts.dropFirst().map({ ($0.1, $0.2) }) where exists(path) {
            files.append(.init(label: label, path: path))
        }
        for f in layout.existingSnapshots() { files.append(.init(label: "snapshot, step \(f.step)", path: f.path)) }
        for f in animation { files.append(.init(label: "animation frame, step \(f.step)", path: f.path)) }
        m.files = files
        return m
    }

    /// The diagnosis of `summary.json`, each condition with the frame nearest its first step.
    private func diagnosisPanel(_ summary: RunSummary, frames: [HTMLIndex.FrameLink]) -> HTMLIndex.Diagnosis {
        let entries = summary.diagnosis.map { d in
            HTMLIndex.Diagnosis.Entry(kind: d.kind.rawValue, beganStep: d.beganStep, endedStep: d.endedStep,
                                      evidence: d.evidence, advice: d.advice,
                                      frame: frames.min { abs($0.step - d.beganStep) < abs($1.step - d.beganStep) })
        }
        let skipped = summary.diagnosisSkipped.map(\.rawValue)
        let note = skipped.isEmpty ? nil : "Not checked, because the data has no known modes: " + skipped.joined(separator: ", ") + "."
        return HTMLIndex.Diagnosis(entries: entries, note: note)
    }

    /// The final metrics of `summary.json` next to those of real data, one row per metric.
    private func metricsTable(_ summary: RunSummary) -> HTMLIndex.Table? {
        guard let metrics = summary.metrics else { return nil }
        let k = metrics.modeHistogram.count   // 0 without a mixture: the caption says why rows are left out
        let real = summary.realDataMetrics.map { MetricsFormat.rows($0, componentCount: k) }
        let rows = MetricsFormat.rows(metrics, componentCount: k).enumerated().map { i, row in
            [row.label, row.value] + (real.map { [$0[i].value] } ?? [])
        }
        var caption = "Final metrics (keys as in summary.json; docs/metrics.md defines them)"
        if k == 0 {
            caption += ". Modes, quality, reverse KL, inception score and likelihood are left out: they need the"
                + " target's Gaussian mixture, and this target is not one"
        }
        return HTMLIndex.Table(caption: caption, header: ["metric", "generated"] + (real == nil ? [] : ["real data"]), rows: rows)
    }

    /// Top-level keys of a JSON object file as display strings, sorted by key.
    private func keyValues(_ path: String) -> [HTMLIndex.KeyValue] {
        guard let data = FileManager.default.contents(atPath: path),
              let obj = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return [] }
        return obj.keys.sorted().map { HTMLIndex.KeyValue($0, Self.display(obj[$0]!)) }
    }

    static func display(_ v: Any) -> String {
        if let d = try? JSONSerialization.data(withJSONObject: v, options: [.fragmentsAllowed, .withoutEscapingSlashes]) {
            let s = String(decoding: d, as: UTF8.self)
            if s.hasPrefix("\"") && s.hasSuffix("\"") && s.count >= 2 { return String(s.dropFirst().dropLast()) }
            return s
        }
        return "\(v)"
    }
}
