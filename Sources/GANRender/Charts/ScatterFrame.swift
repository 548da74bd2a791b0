/// One set of 2-D points drawn with one marker style.
public struct ScatterSeries: Sendable {
    /// Legend label; an empty name leaves the series out of the legend.
    public var name: String
    /// Interleaved coordinates `x0, y0, x1, y1, …` (a trailing odd value is ignored).
    public var points: [Float]
    /// Marker shape.
    public var marker: MarkerKind
    /// Marker colour (its own alpha is replaced by `alpha`).
    public var color: Color
    /// Marker extent in pixels at scale 1.
    public var size: Double
    /// Marker opacity, 0...1.
    public var alpha: Double

    /// Creates a series; defaults match the seed's markers (size ≈ 5 px, alpha 0.8).
    public init(name: String, points: [Float], marker: MarkerKind, color: Color, size: Double = 5, alpha: Double = 0.8) {
        self.name = name
        self.points = points
        self.marker = marker
        self.color = color
        self.size = size
        self.alpha = alpha
    }

    /// The seed's real data: red `'+'`, labelled "real data".
    public static func seedReal(_ points: [Float]) -> ScatterSeries {
        ScatterSeries(name: "real data", points: points, marker: .plus, color: .seedReal)
    }

    /// The seed's generated data: blue `'x'`, labelled "generated data".
    public static func seedGenerated(_ points: [Float]) -> ScatterSeries {
        ScatterSeries(name: "generated data", points: points, marker: .cross, color: .seedGenerated)
    }
}

/// The seed's training snapshot: real and generated samples over fixed limits, ggplot style,
/// legend at upper left, the step as title. `scale` multiplies every size (2 for high-density
/// displays); points outside the limits are not drawn; each marker is rasterised once per series.
public struct ScatterFrame: Sendable {
    /// Logical width (pixels at scale 1).
    public var width: Int = 800
    /// Logical height (pixels at scale 1).
    public var height: Int = 600
    /// Visible x range; the seed uses −3...3.
    public var xlim: ClosedRange<Double> = -3...3
    /// Visible y range; the seed uses −4...4.
    public var ylim: ClosedRange<Double> = -4...4
    /// Title above the panel, e.g. "step 5000".
    public var title: String?
    /// Series in drawing order (later ones on top).
    public var series: [ScatterSeries]
    /// Pixel-density multiplier.
    public var scale: Int = 1
    /// Whether ``render(on:axes:)`` draws the axes (panel, grid, ticks, title) first; off when
    /// a layer such as a heatmap has been drawn on the panel already.
    public var drawsAxes: Bool = true

    /// Creates a frame; every parameter but `series` has the seed's default, and so have
    /// ``width``, ``height`` and ``scale``.
    public init(series: [ScatterSeries] = [], title: String? = nil, xlim: ClosedRange<Double> = -3...3,
                ylim: ClosedRange<Double> = -4...4) {
        self.series = series
        self.title = title
        self.xlim = xlim
        self.ylim = ylim
    }

    /// The axes this frame draws on a `width·scale` × `height·scale` canvas.
    public var axes: Axes {
        let s = max(1, scale)
        return Axes(frame: PixelRect(x0: 0, y0: 0, x1: width * s - 1, y1: height * s - 1),
                    xlim: xlim, ylim: ylim, title: title, scale: s)
    }

    /// Renders the frame on a new white canvas.
    public func render() -> Canvas {
        let s = max(1, scale)
        let canvas = Canvas(width: width * s, height: height * s, background: .white)
        render(on: canvas, axes: axes)
        return canvas
    }

    /// Renders onto an existing canvas with the given axes (for multi-panel figures).
    public func render(on canvas: Canvas, axes: Axes) {
        let s = Double(max(1, axes.scale))
        if drawsAxes { axes.draw(on: canvas) }
        let r = axes.plotRect
        let outerClip = canvas.clip(to: r)
        for item in series {
            let stamp = MarkerStamp(kind: item.marker, size: item.size * s, thickness: max(1, item.size / 5) * s,
                                    color: item.color.withAlpha(item.alpha))
            for i in stride(from: 0, to: item.points.count - 1, by: 2) {
                let x = Double(item.points[i]), y = Double(item.points[i + 1])
                guard axes.contains(x: x, y: y) else { continue }
                let q = axes.pixel(x: x, y: y)
                canvas.stamp(stamp, x: Int(q.x.rounded()), y: Int(q.y.rounded()))
            }
        }
        canvas.clip(to: outerClip)
        Legend(entries: series.filter { !$0.name.isEmpty }.map {
            Legend.Entry(label: $0.name, color: $0.color.withAlpha($0.alpha),
                         glyph: .marker($0.marker, size: $0.size * s, thickness: max(1, $0.size / 5) * s))
        }).draw(on: canvas, panel: r, scale: axes.scale, corner: .upperLeft)
    }
}
