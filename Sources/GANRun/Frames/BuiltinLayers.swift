import GANCore
import GANRender

/// The `heatmap` layer: D's field as a raster under white half-opaque grid lines, and its
/// colour bar in ``FrameContext/colorBar``.
public struct HeatmapLayer: FrameLayer {
    /// The layer; it draws ``FrameContext/field``.
    public init() {}

    /// Draws the raster, the grid over it and the colour bar; nothing without ``FrameContext/field``.
    public func draw(on canvas: Canvas, context: FrameContext) {
        guard let map = context.field else { return }
        let axes = context.axes
        map.draw(on: canvas, axes: axes)
        // White grid lines at half opacity over the raster, so positions stay readable.
        let r = axes.plotRect, s = axes.scale, c = Color.white.withAlpha(0.5)
        for v in axes.xTicks {
            let px = Int(axes.pixel(x: v, y: 0).x.rounded())
            canvas.fillRect(x0: px - (s - 1) / 2, y0: r.y0, x1: px + s / 2, y1: r.y1, color: c)
        }
        for v in axes.yTicks {
            let py = Int(axes.pixel(x: 0, y: v).y.rounded())
            canvas.fillRect(x0: r.x0, y0: py - (s - 1) / 2, x1: r.x1, y1: py + s / 2, color: c)
        }
        if let bar = context.colorBar { map.drawColorBar(on: canvas, rect: bar, scale: s) }
    }
}

/// The `contour` layer: D's decision boundary, the level line of ``FrameContext/field``.
public struct ContourLayer: FrameLayer {
    /// The layer; it draws ``FrameContext/field``'s level line.
    public init() {}

    /// Draws the field's contour level, 2 px wide (times the scale).
    public func draw(on canvas: Canvas, context: FrameContext) {
        context.field?.drawContour(on: canvas, axes: context.axes)
    }
}

/// The `samples` layer: the seed's scatter of real '+' and generated 'x' points, or, with
/// `coloredBy`, the generated points coloured by their nearest mode.
public struct SamplesLayer: FrameLayer {
    /// The mixture whose modes colour the generated points (`--color-by-mode`), or `nil`.
    public let coloredBy: GaussianMixture?

    /// The layer, colouring by `coloredBy`'s modes when given.
    public init(coloredBy: GaussianMixture? = nil) { self.coloredBy = coloredBy }

    /// Draws the points of ``FrameContext/real`` and ``FrameContext/generated``.
    public func draw(on canvas: Canvas, context: FrameContext) {
        var frame = ScatterFrame(series: [.seedReal(context.real), .seedGenerated(context.generated)], title: "")
        frame.drawsAxes = false
        if let mixture = coloredBy { frame.series = byMode(context, mixture: mixture) }
        frame.render(on: canvas, axes: context.axes)
    }

    /// Real points in near-black, generated ones in one series per nearest component (Mahalanobis).
    private func byMode(_ context: FrameContext, mixture: GaussianMixture) -> [ScatterSeries] {
        let generated = context.generated, colors = LayeredFramePainter.modeColors
        var groups = [[Float]](repeating: [], count: mixture.componentCount)
        for k in stride(from: 0, to: generated.count - 1, by: 2) {
            guard let m = mixture.nearestComponent(x: Double(generated[k]), y: Double(generated[k + 1])) else { continue }
            groups[m] += [generated[k], generated[k + 1]]
        }
        return [ScatterSeries(name: "real data", points: context.real, marker: .plus, color: .ink)]
            + groups.enumerated().map { m, pts in
                ScatterSeries(name: m == 0 ? "generated, by nearest mode" : "", points: pts,
                              marker: .cross, color: colors[m % colors.count])
            }
    }
}

/// The `arrows` layer: −∂L_G/∂x, where the generator's loss pushes each of the first
/// ``LayeredFramePainter/arrowCount`` generated points.
public struct ArrowsLayer: FrameLayer {
    /// Runs D backward to its input at the points.
    public let probe: DiscriminatorProbe
    /// The run's β (D2GAN's generator weight).
    public let beta: Float

    /// The layer with `probe`'s objective and the run's β.
    public init(probe: DiscriminatorProbe, beta: Float) {
        self.probe = probe
        self.beta = beta
    }

    /// Draws one arrow per point, in ``LayeredFramePainter/arrowColor``.
    public func draw(on canvas: Canvas, context: FrameContext) {
        let points = Array(context.generated.prefix(2 * LayeredFramePainter.arrowCount))
        let push = DiscriminatorProbe.generatorPush(points: points, discriminators: context.trainer.discriminators,
                                                    objective: probe.objective, pack: probe.pack, beta: beta)
        ArrowField(points: points, vectors: push, color: LayeredFramePainter.arrowColor)
            .draw(on: canvas, axes: context.axes, longest: LayeredFramePainter.arrowFraction * Double(context.axes.plotRect.width))
    }
}
