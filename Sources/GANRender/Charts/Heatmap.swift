import Foundation

/// A scalar field on a regular grid over the axes' limits (sample `(i, j)` at the centre of
/// cell `(i, j)`, row 0 at the bottom), drawn as colours under the data by bilinear
/// interpolation through `colorMap` over `range`, with an optional level line and colour bar.
public struct Heatmap: Sendable {
    /// `columns × rows` values, row-major, bottom row first.
    public var values: [Float]
    /// Grid samples along x.
    public var columns: Int
    /// Grid samples along y.
    public var rows: Int
    /// The data extent the grid covers (the frame's limits).
    public var xlim: ClosedRange<Double>
    /// Data range along y.
    public var ylim: ClosedRange<Double>
    /// Values mapped to the ends of the colour map (outside: clamped).
    public var range: ClosedRange<Double>
    /// The colour scale over ``range``.
    public var colorMap: ColorMap
    /// Colour-bar caption, e.g. "D(x) = σ(logit)".
    public var label: String
    /// A level drawn as a line over the colours and marked on the colour bar (`nil`: none).
    public var contourLevel: Double?
    /// Colour of the level line.
    public var contourColor: Color = .black

    /// A heatmap of `values`, bottom row first.
    public init(values: [Float], columns: Int, rows: Int, xlim: ClosedRange<Double>, ylim: ClosedRange<Double>,
                range: ClosedRange<Double>, colorMap: ColorMap, label: String, contourLevel: Double? = nil) {
        precondition(values.count == columns * rows && columns > 0 && rows > 0, "heatmap grid does not match its values")
        self.values = values
        self.columns = columns
        self.rows = rows
        self.xlim = xlim
        self.ylim = ylim
        self.range = range
        self.colorMap = colorMap
        self.label = label
        self.contourLevel = contourLevel
    }

    /// The data coordinates of sample `(i, j)`.
    public static func samplePoint(i: Int, j: Int, columns: Int, rows: Int,
                                   xlim: ClosedRange<Double>, ylim: ClosedRange<Double>) -> (x: Double, y: Double) {
        (xlim.lowerBound + (Double(i) + 0.5) * (xlim.upperBound - xlim.lowerBound) / Double(columns),
         ylim.lowerBound + (Double(j) + 0.5) * (ylim.upperBound - ylim.lowerBound) / Double(rows))
    }

    /// The sample at or below coordinate `c` on an axis of `n` samples over `lim` and the
    /// weight of the next one, clamped to the outer samples.
    static func gridPosition(_ c: Double, _ lim: ClosedRange<Double>, _ n: Int)
        -> (index: Int, weight: Double) {
        let g = min(max((c - lim.lowerBound) / (lim.upperBound - lim.lowerBound) * Double(n) - 0.5, 0), Double(n - 1))
        let i = min(Int(g), max(n - 2, 0))
        return (i, g - Double(i))
    }

    /// Fills the axes' panel with the field (bilinear, separable: grid rows mixed once per
    /// pixel row; per-pixel bilinear up to one table entry, tested).
    public func draw(on canvas: Canvas, axes: Axes) {
        let r = axes.plotRect
        let lut = colorMap.table(count: 512).map { UInt32($0.r) << 16 | UInt32($0.g) << 8 | UInt32($0.b) }
        let span = range.upperBound - range.lowerBound
        let inv = span > 0 ? Double(lut.count - 1) / span : 0
        // Sample index and weight along each axis, once per column and once per row.
        let cols = (0..<r.width).map { Heatmap.gridPosition(axes.data(px: Double(r.x0 + $0), py: 0).x, xlim, columns) }
        let rowW = (0..<r.height).map { Heatmap.gridPosition(axes.data(px: 0, py: Double(r.y0 + $0)).y, ylim, rows) }
        let lo = Float(range.lowerBound), k = Float(inv), top = Float(lut.count - 1), mid = lut[lut.count / 2]
        let dx = columns > 1 ? 1 : 0, dy = rows > 1 ? columns : 0
        // One pixel row's field at the sample columns, as table positions.
        var t = [Float](repeating: 0, count: columns)
        canvas.fillRows(x0: r.x0, y0: r.y0, width: r.width, height: r.height) { py, i0, out in
            guard span > 0 else { return out.update(repeating: mid) }
            let fy = Float(rowW[py].weight), row0 = rowW[py].index * columns, row1 = row0 + dy
            for i in 0..<columns {
                let a = values[row0 + i], c = values[row1 + i]
                t[i] = (a + fy * (c - a) - lo) * k
            }
            for q in out.indices {
                let x = i0 + q, i = cols[x].index
                let u = t[i] + Float(cols[x].weight) * (t[i + dx] - t[i])
                // A NaN or infinite sample nearby: the table's middle colour. Int(_:) truncates,
                // so + 0.5 rounds the clamped, non-negative position.
                out[q] = u.isFinite ? lut[Int(min(max(u, 0), top) + 0.5)] : mid
            }
        }
    }

    /// Draws the line `value == contourLevel` (marching squares on the samples), 2 px wide
    /// times the scale, clipped to the panel; nothing without a level.
    public func drawContour(on canvas: Canvas, axes: Axes) {
        guard let level = contourLevel else { return }
        let outerClip = canvas.clip(to: axes.plotRect)
        defer { canvas.clip(to: outerClip) }
        let dx = (xlim.upperBound - xlim.lowerBound) / Double(columns)
        let dy = (ylim.upperBound - ylim.lowerBound) / Double(rows)
        let thickness = 2 * Double(axes.scale)
        func pixel(_ gx: Double, _ gy: Double) -> (x: Double, y: Double) {
            axes.pixel(x: xlim.lowerBound + (gx + 0.5) * dx, y: ylim.lowerBound + (gy + 0.5) * dy)
        }
        for s in Contour.segments(values: values, columns: columns, rows: rows, level: level) {
            canvas.polyline([pixel(s.x0, s.y0), pixel(s.x1, s.y1)], color: contourColor, thickness: thickness)
        }
    }

    /// Draws a vertical colour bar in `rect` (low at the bottom) with ticks at the ends and
    /// the centre, the level marked by a line across the bar, and `label` reading upwards
    /// to its right. Needs about 70·scale pixels of width.
    public func drawColorBar(on canvas: Canvas, rect: PixelRect, scale: Int) {
        let s = Double(max(1, scale))
        let barWidth = Int(14 * s)
        let bar = PixelRect(x0: rect.x0, y0: rect.y0, x1: rect.x0 + barWidth - 1, y1: rect.y1)
        let lo = range.lowerBound, hi = range.upperBound
        let pixels = (0..<bar.height).flatMap { j in
            repeatElement(colorMap.color(at: 1 - Double(j) / Double(max(bar.height - 1, 1))), count: bar.width)
        }
        canvas.storePixels(x0: bar.x0, y0: bar.y0, width: bar.width, height: bar.height, colors: pixels)
        canvas.rect(x0: bar.x0, y0: bar.y0, x1: bar.x1, y1: bar.y1, color: .ggplotText)
        func y(_ v: Double) -> Double {
            Double(bar.y1) - (hi > lo ? (v - lo) / (hi - lo) : 0.5) * Double(bar.height - 1)
        }
        let tickSize = 11 * s
        for v in [lo, (lo + hi) / 2, hi] {
            let py = y(v)
            canvas.polyline([(Double(bar.x1), py), (Double(bar.x1) + 4 * s, py)], color: .ggplotText, thickness: s)
            canvas.text(Heatmap.format(v, span: hi - lo), x: Double(bar.x1) + 6 * s, y: py, size: tickSize,
                        color: .ggplotText, anchor: .middleLeft)
        }
        if let level = contourLevel {
            let py = y(level)
            canvas.polyline([(Double(bar.x0) - 3 * s, py), (Double(bar.x1) + 1, py)], color: contourColor,
                            thickness: 2 * s)
        }
        canvas.text(label, x: Double(rect.x1), y: Double(bar.y0 + bar.y1) / 2, size: 12 * s, color: .ink,
                    anchor: .bottomCenter, vertical: true)
    }

    /// Tick text with enough decimals for the span (two significant digits of it).
    static func format(_ v: Double, span: Double) -> String {
        let digits = span > 0 ? max(0, min(6, 1 - Int(log10(span).rounded(.down)))) : 2
        let text = String(format: "%.\(digits)f", v)
        return text.hasPrefix("-") && Double(text) == 0 ? String(text.dropFirst()) : text
    }
}
