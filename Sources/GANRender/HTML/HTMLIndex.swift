/// The static report page of a result directory: one section per model with its animation,
/// charts, frames, configuration, summary and files. Self-contained HTML5 (works from
/// `file://`), with a few inline script lines only while a run is in progress
/// (`HTMLIndex+Live.swift`); every path is relative and percent-encoded, every text escaped.
public struct HTMLIndex: Sendable {
    /// A saved scatter frame.
    public struct FrameLink: Sendable, Equatable {
        /// Training step the frame shows.
        public var step: Int
        /// Relative path of the image.
        public var path: String
        /// Creates a frame link.
        public init(step: Int, path: String) { self.step = step; self.path = path }
    }

    /// A chart (its caption) or any file worth linking (the text of the link).
    public struct Link: Sendable, Equatable {
        /// Caption or link text.
        public var label: String
        /// Relative path.
        public var path: String
        /// Creates a link.
        public init(label: String, path: String) { self.label = label; self.path = path }
    }

    /// A row of a configuration or summary table.
    public struct KeyValue: Sendable, Equatable {
        /// Left column.
        public var key: String
        /// Right column.
        public var value: String
        /// Creates a row.
        public init(_ key: String, _ value: String) { self.key = key; self.value = value }
    }

    /// A table with a header row, e.g. final metrics of the generator next to real data.
    public struct Table: Sendable, Equatable {
        /// Caption above the table.
        public var caption: String
        /// Column headings; the first names the row-label column.
        public var header: [String]
        /// Rows; the first cell is the row label.
        public var rows: [[String]]
        /// Creates a table.
        public init(caption: String, header: [String], rows: [[String]]) {
            self.caption = caption
            self.header = header
            self.rows = rows
        }
    }

    /// Everything shown for one model.
    public struct Model: Sendable, Equatable {
        /// Model name (e.g. "GAN", "WGAN").
        public var name: String
        /// Relative path of the training animation, if any.
        public var gif: String?
        /// Saved frames, shown in the order given.
        public var frames: [FrameLink] = []
        /// Charts (losses, metrics).
        public var charts: [Link] = []
        /// Run configuration.
        public var config: [KeyValue] = []
        /// Final results.
        public var summary: [KeyValue] = []
        /// Every file of the run.
        public var files: [Link] = []
        /// Outcome, e.g. "finished" or "diverged at step 1234".
        public var status: String?
        /// Further tables (e.g. final metrics), shown before configuration and summary.
        public var tables: [Table] = []
        /// The run is in progress: its latest frame and progress (see `HTMLIndex+Live.swift`).
        public var live: LiveStatus?
        /// What went wrong in the run, if anything (`nil`: no diagnosis to show).
        public var diagnosis: Diagnosis?

        /// An empty section named `name`; the rest is set through the properties.
        public init(name: String) { self.name = name }
    }

    /// A run's diagnosis panel: each condition with its frame, and a note (healthy, or
    /// which checks were skipped and why).
    public struct Diagnosis: Sendable, Equatable {
        /// One condition.
        public struct Entry: Sendable, Equatable {
            /// Its name, e.g. `dead_discriminator`.
            public var kind: String
            /// The step it began.
            public var beganStep: Int
            /// The step it ended; nil if it lasted to the end.
            public var endedStep: Int?
            /// The numbers that show it.
            public var evidence: String
            /// One line of advice.
            public var advice: String
            /// The frame nearest the step where it began.
            public var frame: FrameLink?

            /// A condition and the frame to show with it.
            public init(kind: String, beganStep: Int, endedStep: Int?, evidence: String, advice: String, frame: FrameLink?) {
                (self.kind, self.beganStep, self.endedStep, self.evidence, self.advice, self.frame)
                    = (kind, beganStep, endedStep, evidence, advice, frame)
            }
        }
        /// The conditions; empty for a healthy run.
        public var entries: [Entry]
        /// A line under them, e.g. which checks were skipped and why.
        public var note: String?

        /// A panel of `entries` and an optional `note`.
        public init(entries: [Entry], note: String? = nil) { (self.entries, self.note) = (entries, note) }
    }

    /// Page title and main heading.
    public var title: String
    /// Model sections, in order.
    public var models: [Model]

    /// Creates an index page.
    public init(title: String, models: [Model]) {
        self.title = title
        self.models = models
    }

    /// The complete HTML5 page.
    public func render() -> String {
        var h = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(HTML.escape(title))</title>
        <style>\(HTMLIndex.css)</style>
        \(liveHead)</head>
        <body\(isLive ? " data-live" : "")>
        <main>
        <header><h1>\(HTML.escape(title))</h1>
        <p class="meta">\(models.count) model\(models.count == 1 ? "" : "s")</p>
        \(liveNote)</header>

        """
        if models.count > 1 {
            h += "<nav class=\"toc\"><h2>Contents</h2><ol>\n"
            for (i, model) in models.enumerated() {
                h += "<li><a href=\"#\(anchor(i, model))\">\(HTML.escape(model.name))</a>\(badge(model.status))</li>\n"
            }
            h += "</ol></nav>\n"
        }
        for (i, model) in models.enumerated() { h += section(i, model) }
        h += "</main>\n<footer>Generated by GANScope.</footer>\n" + liveScript + "</body>\n</html>\n"
        return h
    }

    private func section(_ i: Int, _ m: Model) -> String {
        var h = "<section class=\"model\" id=\"\(anchor(i, m))\">\n<h2>\(HTML.escape(m.name))\(badge(m.status))</h2>\n"
        if let live = m.live { h += liveBlock(i, m, live) }
        if let d = m.diagnosis { h += diagnosisBlock(d) }
        if let gif = m.gif {
            h += "<figure class=\"animation\"><a href=\"\(url(gif))\"><img src=\"\(url(gif))\" "
                + "alt=\"\(HTML.escape("Training animation of \(m.name)"))\"></a>"
                + "<figcaption>Training animation</figcaption></figure>\n"
        }
        h += block("Charts", "div", "charts", m.charts.map { c in
            "<figure><a href=\"\(url(c.path))\"><img\(m.live == nil ? "" : " data-live") src=\"\(url(c.path))\" alt=\"\(HTML.escape(c.label))\" "
                + "loading=\"lazy\"></a><figcaption>\(HTML.escape(c.label))</figcaption></figure>\n"
        })
        h += block("Frames", "div", "gallery", m.frames.map { f in
            "<figure><a href=\"\(url(f.path))\"><img src=\"\(url(f.path))\" width=\"240\" "
                + "alt=\"step \(f.step)\" loading=\"lazy\"></a><figcaption>step \(f.step)</figcaption></figure>\n"
        })
        if !m.config.isEmpty || !m.summary.isEmpty || !m.tables.isEmpty {
            h += "<div class=\"tables\">\n" + m.tables.map { table($0) }.joined()
                + table("Configuration", m.config) + table("Summary", m.summary) + "</div>\n"
        }
        h += block("Files", "ul", "files", m.files.map { f in
            "<li><a href=\"\(url(f.path))\">\(HTML.escape(f.label))</a> <code>\(HTML.escape(f.path))</code></li>\n"
        })
        return h + "</section>\n"
    }

    /// `items` under an `<h3>` heading inside `<tag class="cls">`; nothing when there are none.
    private func block(_ heading: String, _ tag: String, _ cls: String, _ items: [String]) -> String {
        items.isEmpty ? "" : "<h3>\(heading)</h3>\n<\(tag) class=\"\(cls)\">\n" + items.joined() + "</\(tag)>\n"
    }

    private func diagnosisBlock(_ d: Diagnosis) -> String {
        var h = "<div class=\"diagnosis\">\n<h3>Diagnosis</h3>\n"
        if d.entries.isEmpty { h += "<p class=\"healthy\">No condition detected.</p>\n" }
        for e in d.entries {
            let span = e.endedStep.map { "steps \(e.beganStep)–\($0)" } ?? "from step \(e.beganStep) to the end"
            h += "<article class=\"condition\">"
            if let f = e.frame {
                h += "<figure><a href=\"\(url(f.path))\"><img src=\"\(url(f.path))\" width=\"240\" "
                    + "alt=\"frame at step \(f.step)\" loading=\"lazy\"></a><figcaption>step \(f.step)</figcaption></figure>"
            }
            h += "<h4><code>\(HTML.escape(e.kind))</code> \(HTML.escape(span))</h4>"
                + "<p>\(HTML.escape(e.evidence))</p><p class=\"advice\">Advice: \(HTML.escape(e.advice))</p></article>\n"
        }
        if let note = d.note { h += "<p class=\"meta\">\(HTML.escape(note))</p>\n" }
        return h + "</div>\n"
    }

    /// A key–value table: a caption and one row per entry, without a header row.
    private func table(_ caption: String, _ rows: [KeyValue]) -> String {
        let t = Table(caption: caption, header: [], rows: rows.map { [$0.key, $0.value] })
        return rows.isEmpty ? "" : table(t, grid: false)
    }

    private func table(_ t: Table, grid: Bool = true) -> String {
        var h = "<table\(grid ? " class=\"grid\"" : "")><caption>\(HTML.escape(t.caption))</caption>\n"
        if grid { h += "<tr>" + t.header.map { "<th scope=\"col\">\(HTML.escape($0))</th>" }.joined() + "</tr>\n" }
        for row in t.rows {
            h += "<tr>" + row.enumerated().map { i, cell in
                i == 0 ? "<th scope=\"row\">\(HTML.escape(cell))</th>" : "<td>\(HTML.escape(cell))</td>"
            }.joined() + "</tr>\n"
        }
        return h + "</table>\n"
    }

    private func badge(_ status: String?) -> String {
        guard let status else { return "" }
        let lower = status.lowercased()
        let kind = lower == "running" ? "live" : lower.contains("diverg") || lower.contains("fail") || lower.contains("error") ? "bad"
            : lower.contains("finish") || lower.contains("done") || lower.contains("complete") ? "good" : "neutral"
        return " <span class=\"status \(kind)\">\(HTML.escape(status))</span>"
    }

    /// A unique fragment id: position plus the name's ASCII letters and digits.
    private func anchor(_ i: Int, _ m: Model) -> String {
        let slug = String(m.name.lowercased().unicodeScalars.map {
            ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) ? Character($0) : "-"
        })
        return "model-\(i + 1)-\(slug)"
    }

    func url(_ path: String) -> String { HTML.escape(HTML.percentEncodePath(path)) }
}
