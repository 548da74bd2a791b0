import Foundation

/// One curve of a ``LineChart``: `y[i]` against `x[i]`, with `x` ascending.
public struct LineSeries: Sendable {
    /// Legend label; an empty name gets no legend entry.
    public var name: String
    /// Abscissae, ascending (e.g. training steps).
    public var x: [Double]
    /// Ordinates; non-finite values (and non-positive ones on a log axis) are skipped.
    public var y: [Double]
    /// Line colour.
    public var color: Color
    /// Dashed (for reference levels such as "real data"), else solid.
    public var dashed: Bool

    /// Creates a series; `x` and `y` are paired up to the shorter length.
    public init(name: String, x: [Double], y: [Double], color: Color, dashed: Bool = false) {
        self.name = name
        self.x = x
        self.y = y
        self.color = color
        self.dashed = dashed
    }
}

/// A line chart in the ggplot style of ``ScatterFrame``, for curves such as the losses. A
/// series with more than two points per pixel column is drawn as each column's min–max band
/// with the column means as the line (geometric mean on a log axis), in linear time.
public struct LineChart: Sendable {
    /// Curves, drawn in order.
    public var series: [LineSeries]
    /// Title above the panel.
    public var title: String?
    /// Label under the x axis.
    public var xLabel: String?
    /// Label left of the y axis.
    public var yLabel: String?
    /// Logical width (pixels at scale 1).
    public var width: Int = 800
    /// Logical height (pixels at scale 1).
    public var height: Int = 400
    /// Fixed y limits; `nil` fits the data with a 5 % margin.
    public var yRange: ClosedRange<Double>?
    /// Logarithmic y axis.
    public var logY: Bool = false
    /// Pixel-density multiplier.
    public var scale: Int = 1
    /// Line width in pixels at scale 1.
    public var lineWidth: Double = 1.5
    /// Label only whole-number y ticks (for counts).
    public var integerYTicks: Bool = false

    /// Fixed x range (`nil`: fitted to the data), e.g. the whole run while the curves grow.
    public var xRange: ClosedRange<Double>?
    /// An x position marked by a vertical line across the panel (`nil`: none), e.g. the current step.
    public var markerX: Double?
    /// The plot area starts at least this many pixels from the chart's left edge (at its scale):
    /// charts stacked in a column share the largest of their ``layout()``s' left edges.
    public var minimumPlotLeft: Int = 0

    /// Creates a chart; its size and scale are set through ``width``, ``height`` and ``scale``.
    public init(series: [LineSeries] = [], title: String? = nil, xLabel: String? = nil, yLabel: String? = nil,
                yRange: ClosedRange<Double>? = nil, logY: Bool = false) {
        self.series = series
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.yRange = yRange
        self.logY = logY
    }

    /// The axes ``render()`` draws: where the plot area lies in the chart, and its ticks.
    public func layout() -> Axes {
        let s = max(1, scale), valid = series.map(validPoints)
        var axes = Axes(frame: PixelRect(x0: 0, y0: 0, x1: width * s - 1, y1: height * s - 1),
                        xlim: xLimits(valid), ylim: yLimits(valid), logY: logY,
                        title: title, xLabel: xLabel, yLabel: yLabel, scale: s, minimumLeft: minimumPlotLeft)
        if integerYTicks {
            let whole = axes.yTicks.filter { $0 == $0.rounded() }
            if whole.count >= 2 { axes.yTicks = whole }
        }
        return axes
    }

    /// Renders the chart on a new white `width·scale` × `height·scale` canvas.
    public func render() -> Canvas {
        let s = max(1, scale)
        let canvas = Canvas(width: width * s, height: height * s, background: .white)
        let axes = layout()
        axes.draw(on: canvas)
        let r = axes.plotRect
        let outerClip = canvas.clip(to: r)
        var drawn: [(x: Double, y: Double)] = []
        for item in series {
            drawn += draw(validPoints(item), color: item.color, dashed: item.dashed, axes: axes, on: canvas)
        }
        if let markerX, axes.xlim.contains(markerX) {
            let px = axes.pixel(x: markerX, y: axes.ylim.lowerBound).x
            canvas.polyline([(px, Double(r.y0)), (px, Double(r.y1))], color: .ink, thickness: 1.5 * Double(s))
        }
        canvas.clip(to: outerClip)
        Legend(entries: series.filter { !$0.name.isEmpty }.map {
            Legend.Entry(label: $0.name, color: $0.color, glyph: $0.dashed ? .dashedLine : .line)
        }).draw(on: canvas, panel: r, scale: s, avoiding: drawn)
        return canvas
    }

    private func validPoints(_ item: LineSeries) -> [(x: Double, y: Double)] {
        zip(item.x, item.y).filter { $0.isFinite && $1.isFinite && (!logY || $1 > 0) }.map { ($0, $1) }
    }

    private func xLimits(_ valid: [[(x: Double, y: Double)]]) -> ClosedRange<Double> {
        if let xRange, xRange.upperBound > xRange.lowerBound { return xRange }
        let xs = valid.flatMap { $0.map(\.x) }
        guard let lo = xs.min(), let hi = xs.max() else { return 0...1 }
        return hi > lo ? lo...hi : (lo - 0.5)...(hi + 0.5)
    }

    private func yLimits(_ valid: [[(x: Double, y: Double)]]) -> ClosedRange<Double> {
        if let yRange, yRange.upperBound > yRange.lowerBound, !logY || yRange.lowerBound > 0 { return yRange }
        let ys = valid.flatMap { $0.map { logY ? log10($0.y) : $0.y } }
        guard var lo = ys.min(), var hi = ys.max() else { return logY ? 1...10 : 0...1 }
        if hi > lo {
            let pad = 0.05 * (hi - lo)
            lo -= pad; hi += pad
        } else {
            lo -= 0.5; hi += 0.5
        }
        return logY ? pow(10, lo)...pow(10, hi) : lo...hi
    }

    /// Draws one series; returns the pixel positions of the drawn line (for legend placement).
    private func draw(_ points: [(x: Double, y: Double)], color: Color, dashed: Bool, axes: Axes, on canvas: Canvas)
        -> [(x: Double, y: Double)] {
        let s = Double(axes.scale), thickness = lineWidth * s
        let columns = axes.plotRect.width, x0 = axes.plotRect.x0
        // Only what lies in (or just around) the panel is drawn: a value far off the chart
        // costs no more than one on it.
        let r = axes.plotRect, m = 10.0 * s
        let box = ((Double(r.x0) - m)...(Double(r.x1) + m), (Double(r.y0) - m)...(Double(r.y1) + m))
        let stroke = { (pixels: [(x: Double, y: Double)]) -> [(x: Double, y: Double)] in
            let runs = LineChart.clipped(pixels, to: box)
            for run in runs {
                let pieces = dashed ? LineChart.dashes(run, on: 6 * s, off: 4 * s) : [run]
                for piece in pieces { canvas.polyline(piece, color: color, thickness: thickness) }
            }
            return runs.flatMap(LineChart.densify)
        }
        guard points.count > 2 * columns else {
            return stroke(points.map { axes.pixel(x: $0.x, y: $0.y) })
        }
        var lo = [Double](repeating: .infinity, count: columns), hi = [Double](repeating: -.infinity, count: columns)
        var sum = [Double](repeating: 0, count: columns), count = [Int](repeating: 0, count: columns)
        for p in points {
            let q = axes.pixel(x: p.x, y: p.y)
            let c = min(max(Int(q.x.rounded()) - x0, 0), columns - 1)
            lo[c] = min(lo[c], q.y); hi[c] = max(hi[c], q.y)
            sum[c] += q.y; count[c] += 1
        }
        let band = color.withAlpha(0.25 * Double(color.a) / 255)
        var means: [(x: Double, y: Double)] = []
        for c in 0..<columns where count[c] > 0 {
            let (top, bottom) = (Int(lo[c].rounded()), Int(hi[c].rounded()))
            if bottom > top { canvas.fillRect(x0: x0 + c, y0: top, x1: x0 + c, y1: bottom, color: band) }
            means.append((Double(x0 + c), sum[c] / Double(count[c])))
        }
        _ = stroke(means)
        return means
    }

    /// The polyline through `pixels` cut to its parts inside `box` (x and y pixel ranges):
    /// one run of points per stretch that stays inside.
    static func clipped(_ pixels: [(x: Double, y: Double)],
                        to box: (x: ClosedRange<Double>, y: ClosedRange<Double>)) -> [[(x: Double, y: Double)]] {
        let finite = pixels.filter { $0.x.isFinite && $0.y.isFinite }
        if finite.count == 1 { return box.x.contains(finite[0].x) && box.y.contains(finite[0].y) ? [finite] : [] }
        var runs: [[(x: Double, y: Double)]] = [], current: [(x: Double, y: Double)] = []
        func at(_ a: (x: Double, y: Double), _ b: (x: Double, y: Double), _ t: Double) -> (x: Double, y: Double) {
            t == 0 ? a : t == 1 ? b : (a.x + t * (b.x - a.x), a.y + t * (b.y - a.y))
        }
        for (a, b) in zip(finite, finite.dropFirst()) {
            let (t0, t1) = clip(a, b, box)
            guard t0 <= t1 else {
                if !current.isEmpty { runs.append(current); current = [] }
                continue
            }
            if t0 > 0, !current.isEmpty { runs.append(current); current = [] }
            if current.isEmpty { current = [at(a, b, t0)] }
            current.append(at(a, b, t1))
            if t1 < 1 { runs.append(current); current = [] }
        }
        if !current.isEmpty { runs.append(current) }
        return runs
    }

    /// The parameters t₀, t₁ in [0, 1] of the part of segment a→b inside `box`
    /// (Liang–Barsky); t₀ > t₁ when none of it is.
    static func clip(_ a: (x: Double, y: Double), _ b: (x: Double, y: Double),
                     _ box: (x: ClosedRange<Double>, y: ClosedRange<Double>)) -> (Double, Double) {
        var t0 = 0.0, t1 = 1.0
        for (p, q) in [(a.x - b.x, a.x - box.x.lowerBound), (b.x - a.x, box.x.upperBound - a.x),
                       (a.y - b.y, a.y - box.y.lowerBound), (b.y - a.y, box.y.upperBound - a.y)] {
            if p == 0 {
                if q < 0 { return (1, 0) }
            } else if p < 0 {
                t0 = max(t0, q / p)
            } else {
                t1 = min(t1, q / p)
            }
        }
        return (t0, t1)
    }

    /// The pieces of the polyline through `pixels` that a dash pattern of `on` pixels drawn,
    /// `off` pixels skipped leaves visible, measured along the line.
    static func dashes(_ pixels: [(x: Double, y: Double)], on: Double, off: Double) -> [[(x: Double, y: Double)]] {
        let period = on + off
        var out: [[(x: Double, y: Double)]] = [], current: [(x: Double, y: Double)] = []
        var travelled = 0.0  // arc length at the start of the current segment
        for (a, b) in zip(pixels, pixels.dropFirst()) where a.x.isFinite && a.y.isFinite && b.x.isFinite && b.y.isFinite {
            let length = hypot(b.x - a.x, b.y - a.y)
            guard length > 0 else { continue }
            var t = 0.0
            while t < length {
                let phase = (travelled + t).truncatingRemainder(dividingBy: period)
                let visible = phase < on
                let next = min(length, t + max(visible ? on - phase : period - phase, 1e-6))
                if visible {
                    if current.isEmpty { current.append((a.x + (b.x - a.x) * t / length, a.y + (b.y - a.y) * t / length)) }
                    current.append((a.x + (b.x - a.x) * next / length, a.y + (b.y - a.y) * next / length))
                } else if !current.isEmpty {
                    out.append(current); current = []
                }
                t = next
            }
            travelled += length
        }
        if !current.isEmpty { out.append(current) }
        return out
    }

    /// Points every 4 px along the polyline through `pixels`, so that legend placement sees
    /// the segments between sparse data points.
    private static func densify(_ pixels: [(x: Double, y: Double)]) -> [(x: Double, y: Double)] {
        guard pixels.count > 1 else { return pixels }
        var out: [(x: Double, y: Double)] = []
        for (a, b) in zip(pixels, pixels.dropFirst()) where a.x.isFinite && a.y.isFinite && b.x.isFinite && b.y.isFinite {
            let n = min(10_000, max(1, Int((abs(b.x - a.x) + abs(b.y - a.y)) / 4)))
            for k in 0..<n {
                let t = Double(k) / Double(n)
                out.append((a.x + t * (b.x - a.x), a.y + t * (b.y - a.y)))
            }
        }
        out.append(pixels[pixels.count - 1])
        return out
    }
}
