/// A boxed legend drawn inside a corner of a plot panel: one row per series with its marker
/// or line sample and its name.
struct Legend {
    /// What a row shows before its label; lines are 2 px wide (times the scale).
    enum Glyph {
        case marker(MarkerKind, size: Double, thickness: Double)
        case line
        case dashedLine
        case box
    }

    struct Entry {
        var label: String
        var color: Color
        var glyph: Glyph
    }

    enum Corner { case upperLeft, upperRight, lowerLeft, lowerRight }

    var entries: [Entry]

    /// Sizes in pixels at a given scale.
    private struct Metrics {
        let textSize, rowHeight, pad, glyphWidth, gap, inset, s: Double
        init(scale: Int) {
            s = Double(max(1, scale))
            textSize = 12 * s; rowHeight = 19 * s; pad = 7 * s; glyphWidth = 20 * s; gap = 6 * s; inset = 8 * s
        }
    }

    /// The box the legend occupies when placed in `corner` of `panel`.
    func box(panel: PixelRect, corner: Corner, scale: Int) -> PixelRect {
        let m = Metrics(scale: scale)
        let textWidth = entries.map { Canvas.textWidth($0.label, size: m.textSize) }.max() ?? 0
        let w = Int((m.pad + m.glyphWidth + m.gap + textWidth + m.pad).rounded(.up))
        let h = Int((2 * m.pad + Double(entries.count) * m.rowHeight - 4 * m.s).rounded(.up))
        let inset = Int(m.inset)
        let left = corner == .upperLeft || corner == .lowerLeft
        let top = corner == .upperLeft || corner == .upperRight
        let x0 = left ? panel.x0 + inset : panel.x1 - inset - w + 1
        let y0 = top ? panel.y0 + inset : panel.y1 - inset - h + 1
        return PixelRect(x0: x0, y0: y0, x1: x0 + w - 1, y1: y0 + h - 1)
    }

    /// The corner whose legend box covers the fewest of `pixels` (matplotlib's "best"
    /// placement, restricted to the four corners); ties prefer upper right, then upper left.
    func bestCorner(panel: PixelRect, scale: Int, avoiding pixels: [(x: Double, y: Double)]) -> Corner {
        let order: [Corner] = [.upperRight, .upperLeft, .lowerRight, .lowerLeft]
        let counts = order.map { corner -> Int in
            let b = box(panel: panel, corner: corner, scale: scale)
            let (xs, ys) = (Double(b.x0)...Double(b.x1), Double(b.y0)...Double(b.y1))
            return pixels.filter { xs.contains($0.x) && ys.contains($0.y) }.count
        }
        return order[counts.firstIndex(of: counts.min() ?? 0) ?? 0]
    }

    /// Draws the legend inset from `corner` of `panel`, by default the corner that covers the
    /// fewest of `avoiding` (``bestCorner(panel:scale:avoiding:)``). Sizes scale with `scale`.
    func draw(on canvas: Canvas, panel: PixelRect, scale: Int, corner: Corner? = nil,
              avoiding pixels: [(x: Double, y: Double)] = []) {
        guard !entries.isEmpty else { return }
        let m = Metrics(scale: scale)
        let corner = corner ?? bestCorner(panel: panel, scale: scale, avoiding: pixels)
        let b = box(panel: panel, corner: corner, scale: scale)
        canvas.fillRect(x0: b.x0, y0: b.y0, x1: b.x1, y1: b.y1, color: Color.white.withAlpha(0.8))
        canvas.rect(x0: b.x0, y0: b.y0, x1: b.x1, y1: b.y1, color: Color(hex: 0xCCCCCC), thickness: Int(m.s))
        for (row, entry) in entries.enumerated() {
            let cy = (Double(b.y0) + m.pad + (Double(row) + 0.5) * m.rowHeight - 2 * m.s).rounded()
            let gx = Double(b.x0) + m.pad
            switch entry.glyph {
            case let .marker(kind, size, thickness):
                canvas.marker(kind, x: gx + m.glyphWidth / 2, y: cy, size: max(size * 1.4, 7 * m.s),
                              color: entry.color, thickness: thickness)
            case .line:
                canvas.polyline([(gx, cy), (gx + m.glyphWidth, cy)], color: entry.color, thickness: 2 * m.s)
            case .dashedLine:
                let half = m.glyphWidth / 2 - 2 * m.s
                canvas.polyline([(gx, cy), (gx + half, cy)], color: entry.color, thickness: 2 * m.s)
                canvas.polyline([(gx + m.glyphWidth - half, cy), (gx + m.glyphWidth, cy)], color: entry.color,
                                thickness: 2 * m.s)
            case .box:
                let h = Int((5 * m.s).rounded())
                canvas.fillRect(x0: Int(gx + m.glyphWidth / 2) - h, y0: Int(cy) - h,
                                x1: Int(gx + m.glyphWidth / 2) + h, y1: Int(cy) + h, color: entry.color)
            }
            canvas.text(entry.label, x: gx + m.glyphWidth + m.gap, y: cy, size: m.textSize, color: .ink,
                        anchor: .middleLeft)
        }
    }
}
