import Foundation
import GANRender

/// `DIR/comparison.gif`: one panel per run name (its first seed with frames) in `columns`
/// columns (default ⌈√n⌉), its frame at the step scaled to at most ``gifPanelWidth`` pixels and
/// its latest metrics underneath; one frame per step all runs with frames have. A run without
/// frames is a grey panel with its status.
extension ComparisonReport {
    package static let gifPanelWidth = 400
    static let gifCaptionHeight = 44, gifHeaderHeight = 30, gifGap = 8

    /// A run name's panel: its first seed with frames (else its first seed) and the frame files by step.
    typealias Panel = (name: String, result: RunResult?, frames: [Int: String])

    func panels() -> [Panel] {
        names.map { name in
            let rs = results(named: name)
            for r in rs {
                let dir = r.run.layout.resultDir, frames = r.run.layout.existingAnimationFrames()
                guard !frames.isEmpty else { continue }
                let byStep = Dictionary(frames.map { ($0.index * r.run.config.animFreq, dir + "/" + $0.name) },
                                        uniquingKeysWith: { a, _ in a })
                return (name, r, byStep)
            }
            return (name, rs.first, [:])
        }
    }

    /// The GIF bytes, or `nil` when no run has frames. Its steps: those every panel with frames has.
    package func sideBySideGIF(columns: Int?) throws -> [UInt8]? {
        let panels = panels()
        let n = max(1, names.count)
        let columns = max(1, min(columns ?? Int(Double(n).squareRoot().rounded(.up)), n))
        guard let sample = panels.first(where: { !$0.frames.isEmpty }) else { return nil }
        let steps = panels.reduce(Set(sample.frames.keys)) { $1.frames.isEmpty ? $0 : $0.intersection($1.frames.keys) }
            .sorted()
        guard let firstFile = steps.first.flatMap({ sample.frames[$0] }) else { return nil }
        let first = try decode(firstFile)
        let pw = min(first.width, Self.gifPanelWidth)
        let ph = max(1, first.height * pw / first.width)
        let rows = (panels.count + columns - 1) / columns
        let cellW = pw + Self.gifGap, cellH = ph + Self.gifCaptionHeight + Self.gifGap
        let width = columns * cellW + Self.gifGap, height = Self.gifHeaderHeight + rows * cellH
        var frames: [Canvas] = []
        for step in steps {
            let canvas = Canvas(width: width, height: height, background: .white)
            canvas.text("step \(step)", x: Double(width) / 2, y: Double(Self.gifHeaderHeight) / 2, size: 16,
                        color: .ink, anchor: .center, bold: true)
            for (i, panel) in panels.enumerated() {
                let x = Self.gifGap + (i % columns) * cellW, y = Self.gifHeaderHeight + (i / columns) * cellH
                if let file = panel.frames[step] {
                    // Fitted into the panel with its aspect ratio kept (runs may differ in frame size).
                    let frame = try decode(file)
                    let f = min(Double(pw) / Double(frame.width), Double(ph) / Double(frame.height))
                    let (w, h) = (max(1, Int((Double(frame.width) * f).rounded())), max(1, Int((Double(frame.height) * f).rounded())))
                    let fitted = frame.width == w && frame.height == h ? frame : frame.resampled(width: w, height: h)
                    canvas.draw(fitted, x: x + (pw - w) / 2, y: y + (ph - h) / 2)
                } else {
                    canvas.fillRect(x0: x, y0: y, x1: x + pw - 1, y1: y + ph - 1, color: Color(hex: 0xDDDDDD))
                    canvas.text(panel.result?.status ?? "missing", x: Double(x + pw / 2), y: Double(y + ph / 2),
                                size: 12, color: .ink, anchor: .center)
                }
                canvas.text(panel.name, x: Double(x + pw / 2), y: Double(y + ph + 4), size: 14, color: .ink,
                            anchor: .topCenter, bold: true)
                canvas.text(caption(panel.result, step: step), x: Double(x + pw / 2), y: Double(y + ph + 24), size: 12,
                            color: .ggplotText, anchor: .topCenter)
            }
            frames.append(canvas)
        }
        let fps = results.first?.run.config.fps ?? 5
        return try GIFAnimation.encode(frames: frames, delayCentiseconds: max(1, 100 / max(1, fps)))
    }

    private func decode(_ path: String) throws -> Canvas {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw RunError.io(path: path, reason: "cannot read the frame")
        }
        return try Canvas.decodePNG([UInt8](data))
    }

    /// Modes and high-quality fraction (a mixture), else SW₂, at the last evaluation by `step`.
    func caption(_ r: RunResult?, step: Int) -> String {
        guard let r, let i = r.steps.lastIndex(where: { $0 <= Double(step) }) else { return "" }
        func value(_ key: String) -> Double? { r.history[key].flatMap { i < $0.count ? $0[i] : nil } }
        let k = r.history.keys.filter { $0.hasPrefix("q_") }.count
        if let modes = value("modes_captured"), modes.isFinite, k > 0 {
            var s = "modes \(Int(modes))/\(k)"
            if let hq = value("high_quality_fraction"), hq.isFinite { s += String(format: " · HQ %.0f%%", hq * 100) }
            return s
        }
        if let sw = value("sliced_wasserstein"), sw.isFinite { return String(format: "SW₂ %.3g", sw) }
        return ""
    }
}
