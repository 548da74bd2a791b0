import Foundation

/// One kind of bar of a ``BarChart``: one value per category.
public struct BarSeries: Sendable {
    /// Legend label.
    public var name: String
    /// Bar heights, one per category in order; non-finite values draw no bar.
    public var values: [Double]
    /// Fill colour.
    public var color: Color

    /// Creates a series.
    public init(name: String, values: [Double], color: Color) {
        self.name = name
        self.values = values
        self.color = color
    }
}

/// Grouped bars in the ggplot style of ``LineChart``: one group per category at x = 0 … K − 1,
/// one bar per series (e.g. each component's generated share next to its true weight). Bars
/// rise from 0; the y range leaves room above the tallest bar for the legend, and when the
/// category labels do not fit every n-th is labelled.
public struct BarChart: Sendable {
    /// Category labels along x, in order.
    public var categories: [String]
    /// Bar kinds, drawn left to right inside each group.
    public var series: [BarSeries]
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
    /// Fixed y limits; `nil` fits the data.
    public var yRange: ClosedRange<Double>?
    /// Pixel-density multiplier.
    public var scale: Int = 1
    /// Fraction of a category's slot covered by its group of bars.
    private let groupWidth = 0.8

    /// Creates a chart; its size and scale are set through ``width``, ``height`` and ``scale``.
    public init(categories: [String], series: [BarSeries] = [], title: String? = nil, xLabel: String? = nil,
                yLabel: String? = nil, yRange: ClosedRange<Double>? = nil) {
        self.categories = categories
        self.series = series
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.yRange = yRange
    }

    /// Renders the chart on a new white `width·scale` × `height·scale` canvas.
    public func render() -> Canvas {
        let s = max(1, scale)
        let canvas = Canvas(width: width * s, height: height * s, background: .white)
        let k = max(categories.count, series.map(\.values.count).max() ?? 0, 1)
        var axes = Axes(frame: PixelRect(x0: 0, y0: 0, x1: width * s - 1, y1: height * s - 1),
                        xlim: -0.5...(Double(k) - 0.5), ylim: yLimits(), title: title, xLabel: xLabel,
                        yLabel: yLabel, scale: s)
        let labels = (0..<k).map { $0 < categories.count ? categories[$0] : "\($0)" }
        let widest = labels.map { Canvas.textWidth($0, size: 12 * Double(s)) }.max() ?? 0
        let slot = Double(axes.plotRect.width) / Double(k)
        let every = max(1, Int(((widest + 8 * Double(s)) / slot).rounded(.up)))
        let shown = Array(stride(from: 0, to: k, by: every))
        axes.xTicks = shown.map(Double.init)
        axes.xTickLabels = shown.map { labels[$0] }
        axes.draw(on: canvas)

        let r = axes.plotRect
        let outerClip = canvas.clip(to: r)
        var covered: [(x: Double, y: Double)] = []
        let barWidth = groupWidth / Double(max(series.count, 1))
        let base = axes.pixel(x: 0, y: max(axes.ylim.lowerBound, min(0, axes.ylim.upperBound))).y
        for (j, item) in series.enumerated() {
            for (c, v) in item.values.enumerated() where v.isFinite {
                let left = Double(c) - groupWidth / 2 + Double(j) * barWidth
                let x0 = Int(axes.pixel(x: left, y: 0).x.rounded())
                let x1 = max(x0, Int(axes.pixel(x: left + barWidth, y: 0).x.rounded()) - 1)
                let top = axes.pixel(x: 0, y: v).y
                let (y0, y1) = (Int(min(top, base).rounded()), Int(max(top, base).rounded()))
                canvas.fillRect(x0: x0, y0: y0, x1: x1, y1: y1, color: item.color)
                for py in stride(from: y0, through: y1, by: 4 * s) {
                    for px in stride(from: x0, through: x1, by: 4 * s) { covered.append((Double(px), Double(py))) }
                }
            }
        }
        canvas.clip(to: outerClip)
        Legend(entries: series.map { Legend.Entry(label: $0.name, color: $0.color, glyph: .box) })
            .draw(on: canvas, panel: r, scale: s, avoiding: covered)
        return canvas
    }

    /// The fixed range if valid, else from min(0, lowest) to the tallest bar plus the
    /// legend's share of the panel height (estimated from the legend's rows), at least 8 %.
    private func yLimits() -> ClosedRange<Double> {
        if let yRange, yRange.upperBound > yRange.lowerBound { return yRange }
        let values = series.flatMap(\.values).filter(\.isFinite)
        let lo = min(0, values.min() ?? 0), hi = max(0, values.max() ?? 1)
        guard hi > lo else { return lo...(lo + 1) }
        let legendRows = Double(series.count), panel = Double(height) - 75 - (title == nil ? 0 : 20)
        let legendShare = series.isEmpty ? 0 : min(0.5, (14 + 19 * legendRows + 12) / max(panel, 1))
        let pad = max(0.08, legendShare / (1 - legendShare)) * (hi - lo)
        return (lo < 0 ? lo - pad : lo)...(hi > 0 ? hi + pad : hi)
    }
}
