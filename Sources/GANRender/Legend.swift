/// A boxed legend drawn inside a corner of a plot panel: one row per series with its marker
/// or line sample and its name.
struct Legend {
    /// What a row shows before its label.
    enum Glyph {
        case marker(MarkerKind, size: Double, thickness: Double)
        case line(thickness: Double)
    }

    struct Entry {
        var label: String
        var color: Color
        var glyph: Glyph
    }

    enum Corner { case upperLeft, upperRight }

    var entries: [Entry]

    /// Draws the legend inset from `corner` of `panel`. Sizes scale with `scale`.
    func draw(on canvas: Canvas, panel: PixelRect, corner: Corner, scale: Int) {
        guard !entries.isEmpty else { return }
        let s = Double(max(1, scale))
        let textSize = 12 * s, rowHeight = 19 * s, pad = 7 * s, glyphWidth = 20 * s, gap = 6 * s, inset = 8 * s
        let textWidth = entries.map { Canvas.textWidth($0.label, size: textSize) }.max() ?? 0
        let boxWidth = Int((pad + glyphWidth + gap + textWidth + pad).rounded(.up))
        let boxHeight = Int((2 * pad + Double(entries.count) * rowHeight - 4 * s).rounded(.up))
        let x0 = corner == .upperLeft ? panel.x0 + Int(inset) : panel.x1 - Int(inset) - boxWidth + 1
        let y0 = panel.y0 + Int(inset)
        canvas.fillRect(x0: x0, y0: y0, x1: x0 + boxWidth - 1, y1: y0 + boxHeight - 1, color: Color.white.withAlpha(0.8))
        canvas.rect(x0: x0, y0: y0, x1: x0 + boxWidth - 1, y1: y0 + boxHeight - 1, color: Color(hex: 0xCCCCCC),
                    thickness: Int(s))
        for (row, entry) in entries.enumerated() {
            let cy = (Double(y0) + pad + (Double(row) + 0.5) * rowHeight - 2 * s).rounded()
            let gx = Double(x0) + pad
            switch entry.glyph {
            case let .marker(kind, size, thickness):
                canvas.marker(kind, x: gx + glyphWidth / 2, y: cy, size: max(size * 1.4, 7 * s),
                              color: entry.color, thickness: thickness)
            case let .line(thickness):
                canvas.line(x0: gx, y0: cy, x1: gx + glyphWidth, y1: cy, color: entry.color, thickness: thickness)
            }
            canvas.text(entry.label, x: gx + glyphWidth + gap, y: cy, size: textSize, color: .ink, anchor: .middleLeft)
        }
    }
}
