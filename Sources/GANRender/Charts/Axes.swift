import Foundation

/// An axis-aligned rectangle of pixels with inclusive bounds (`x1`, `y1` inside it).
public struct PixelRect: Sendable, Equatable {
    /// Left column.
    public var x0: Int
    /// Top row.
    public var y0: Int
    /// Right column (inclusive).
    public var x1: Int
    /// Bottom row (inclusive).
    public var y1: Int

    /// Creates a rectangle from inclusive bounds.
    public init(x0: Int, y0: Int, x1: Int, y1: Int) {
        self.x0 = x0; self.y0 = y0; self.x1 = x1; self.y1 = y1
    }

    /// Number of columns.
    public var width: Int { x1 - x0 + 1 }
    /// Number of rows.
    public var height: Int { y1 - y0 + 1 }
}

/// A 2-D plot area in matplotlib's `ggplot` style: grey panel (#E5E5E5), white grid lines at
/// "nice" ticks (1-2-5 rule), grey outward ticks and labels, optional axis labels and title.
/// It maps data to pixel-centre coordinates: `xlim` spans columns `plotRect.x0...x1`, y grows
/// upwards, through `log10` with `logY` (limits must then be positive).
public struct Axes: Sendable {
    /// Visible data range along x.
    public let xlim: ClosedRange<Double>
    /// Visible data range along y.
    public let ylim: ClosedRange<Double>
    /// Whether y is drawn on a logarithmic scale.
    public let logY: Bool
    /// Title drawn above the panel.
    public var title: String?
    /// Label under the x axis.
    public var xLabel: String?
    /// Label left of the y axis, reading upwards.
    public var yLabel: String?
    /// Size multiplier for text, ticks and lines (2 for high-density displays).
    public let scale: Int
    /// The pixels of the grey data panel.
    public let plotRect: PixelRect
    /// Tick positions along x, in data units (replaceable, e.g. by category positions).
    public var xTicks: [Double]
    /// Labels for ``xTicks`` in place of the numeric ones (categories of a bar chart);
    /// used only when it has one label per tick.
    public var xTickLabels: [String]?
    /// Tick positions along y, in data units (replaceable, e.g. by whole numbers only).
    public var yTicks: [Double]
    /// Whether ``draw(on:)`` fills the plot area (panel grey and white grid lines); false when
    /// a layer covers all of it (a heatmap). Ticks, labels and title are drawn either way.
    public var fillsPanel = true

    /// Lays out axes inside `frame`, leaving room for title, labels and tick labels.
    /// `minimumLeft` (pixels from the frame's left edge) moves the plot area's left edge at
    /// least that far in, so stacked charts can share one edge whatever their tick labels.
    public init(frame: PixelRect, xlim: ClosedRange<Double>, ylim: ClosedRange<Double>, logY: Bool = false,
                title: String? = nil, xLabel: String? = nil, yLabel: String? = nil, scale: Int = 1,
                minimumLeft: Int = 0) {
        let m = Metrics(scale: scale)
        let top = frame.y0 + Int(m.pad + (title != nil ? m.titleSize * 1.25 + m.pad : m.tickSize / 2))
        let bottom = frame.y1 - Int(m.pad + m.tickLength + m.pad + m.tickSize * 1.2
                                    + (xLabel != nil ? m.labelSize * 1.4 : 0))
        let yTicks = Axes.ticks(for: ylim, log: logY, pixels: bottom - top, spacing: m.ySpacing)
        let yFormat = Axes.labels(for: yTicks, log: logY)
        let labelWidth = yFormat.map { Canvas.textWidth($0, size: m.tickSize) }.max() ?? 0
        let left = frame.x0 + max(minimumLeft, Int(m.pad + (yLabel != nil ? m.labelSize * 1.4 : 0) + labelWidth + m.tickLength + m.pad))
        // Leave room for half of the last x tick label, which is centred on the panel's edge.
        let estimated = Axes.ticks(for: xlim, log: false, pixels: frame.x1 - Int(m.pad * 2) - left, spacing: m.xSpacing)
        let overhang = (Axes.labels(for: estimated, log: false).last.map { Canvas.textWidth($0, size: m.tickSize) } ?? 0) / 2
        let right = frame.x1 - Int(max(m.pad * 2, overhang + m.pad))
        self.init(plotRect: PixelRect(x0: left, y0: top, x1: max(right, left + 1), y1: max(bottom, top + 1)),
                  xlim: xlim, ylim: ylim, logY: logY, scale: scale)
        self.yTicks = yTicks
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
    }

    /// Axes drawn exactly over `plotRect`, with no room reserved for labels.
    public init(plotRect: PixelRect, xlim: ClosedRange<Double>, ylim: ClosedRange<Double>,
                logY: Bool = false, scale: Int = 1) {
        precondition(!logY || ylim.lowerBound > 0, "logarithmic axes need positive limits, got \(ylim)")
        let m = Metrics(scale: scale)
        self.plotRect = plotRect
        self.xlim = xlim
        self.ylim = ylim
        self.logY = logY
        self.scale = max(1, scale)
        xTicks = Axes.ticks(for: xlim, log: false, pixels: plotRect.width, spacing: m.xSpacing)
        yTicks = Axes.ticks(for: ylim, log: logY, pixels: plotRect.height, spacing: m.ySpacing)
    }

    // MARK: Mapping

    /// The pixel-centre coordinates of the data point `(x, y)` (possibly outside the panel).
    public func pixel(x: Double, y: Double) -> (x: Double, y: Double) {
        let (xl, xh) = (xlim.lowerBound, xlim.upperBound)
        let (yl, yh) = (yAxisValue(ylim.lowerBound), yAxisValue(ylim.upperBound))
        let fx = xh > xl ? (x - xl) / (xh - xl) : 0.5
        let fy = yh > yl ? (yAxisValue(y) - yl) / (yh - yl) : 0.5
        return (Double(plotRect.x0) + fx * Double(plotRect.width - 1),
                Double(plotRect.y1) - fy * Double(plotRect.height - 1))
    }

    /// The data point drawn at pixel-centre coordinates `(px, py)`; inverse of ``pixel(x:y:)``.
    public func data(px: Double, py: Double) -> (x: Double, y: Double) {
        let (yl, yh) = (yAxisValue(ylim.lowerBound), yAxisValue(ylim.upperBound))
        let fx = (px - Double(plotRect.x0)) / Double(max(plotRect.width - 1, 1))
        let fy = (Double(plotRect.y1) - py) / Double(max(plotRect.height - 1, 1))
        let y = yl + fy * (yh - yl)
        return (xlim.lowerBound + fx * (xlim.upperBound - xlim.lowerBound), logY ? pow(10, y) : y)
    }

    /// Whether `(x, y)` lies within the limits (points outside are not drawn).
    public func contains(x: Double, y: Double) -> Bool {
        xlim.contains(x) && ylim.contains(y)
    }

    private func yAxisValue(_ y: Double) -> Double { logY ? log10(y) : y }

    // MARK: Drawing

    /// Draws panel, grid, ticks, tick labels, axis labels and title (not the data).
    public func draw(on canvas: Canvas) {
        let m = Metrics(scale: scale)
        let r = plotRect, s = scale
        if fillsPanel { canvas.fillRect(x0: r.x0, y0: r.y0, x1: r.x1, y1: r.y1, color: .ggplotPanel) }
        let xLabels = xTickLabels.flatMap { $0.count == xTicks.count ? $0 : nil } ?? Axes.labels(for: xTicks, log: false)
        let yLabels = Axes.labels(for: yTicks, log: logY)
        let tick = Int(m.tickLength)
        for (v, label) in zip(xTicks, xLabels) {
            let px = Int(pixel(x: v, y: ylim.lowerBound).x.rounded())
            if fillsPanel { canvas.fillRect(x0: px - (s - 1) / 2, y0: r.y0, x1: px + s / 2, y1: r.y1, color: .white) }
            canvas.fillRect(x0: px - (s - 1) / 2, y0: r.y1 + 1, x1: px + s / 2, y1: r.y1 + tick, color: .ggplotText)
            canvas.text(label, x: Double(px), y: Double(r.y1 + tick) + m.pad, size: m.tickSize,
                        color: .ggplotText, anchor: .topCenter)
        }
        for (v, label) in zip(yTicks, yLabels) {
            let py = Int(pixel(x: xlim.lowerBound, y: v).y.rounded())
            if fillsPanel { canvas.fillRect(x0: r.x0, y0: py - (s - 1) / 2, x1: r.x1, y1: py + s / 2, color: .white) }
            canvas.fillRect(x0: r.x0 - tick, y0: py - (s - 1) / 2, x1: r.x0 - 1, y1: py + s / 2, color: .ggplotText)
            canvas.text(label, x: Double(r.x0 - tick) - m.pad, y: Double(py), size: m.tickSize,
                        color: .ggplotText, anchor: .middleRight)
        }
        let cx = Double(r.x0 + r.x1) / 2, cy = Double(r.y0 + r.y1) / 2
        if let xLabel {
            canvas.text(xLabel, x: cx, y: Double(r.y1 + tick) + m.pad * 2 + m.tickSize * 1.2,
                        size: m.labelSize, color: .ggplotText, anchor: .topCenter)
        }
        if let yLabel {
            let widest = yLabels.map { Canvas.textWidth($0, size: m.tickSize) }.max() ?? 0
            let lx = Double(r.x0 - tick) - m.pad * 2 - widest
            canvas.text(yLabel, x: lx - m.labelSize * 1.15, y: cy, size: m.labelSize, color: .ggplotText,
                        anchor: .topCenter, vertical: true)
        }
        if let title {
            canvas.text(title, x: cx, y: Double(r.y0) - m.pad, size: m.titleSize, color: .ink,
                        anchor: .bottomCenter)
        }
    }

    /// Sizes in pixels at a given scale.
    struct Metrics {
        let pad, tickLength, tickSize, labelSize, titleSize, xSpacing, ySpacing: Double
        init(scale: Int) {
            let s = Double(max(1, scale))
            pad = 5 * s; tickLength = 4 * s; tickSize = 12 * s; labelSize = 13 * s; titleSize = 17 * s
            xSpacing = 80 * s; ySpacing = 55 * s
        }
    }
}
