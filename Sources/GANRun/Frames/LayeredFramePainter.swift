import GANCore
import GANRender

/// Draws a training frame with the layers of `config.layers` (docs/visual-layers.md):
/// heatmap of D and its contour under the axes' grid, the manifold mesh, the samples, then the arrows.
///
/// With only `samples` at scale 1 the frame is the seed's, byte for byte (``FramePainter``).
/// The heatmap takes a strip on the right for its colour bar.
public final class LayeredFramePainter {
    public let config: RunConfig
    public let base: FramePainter
    public let layers: Set<FrameLayer>
    public let scale: Int
    public let layout: FrameLayout
    /// The target as a mixture (`nil` when it is not one): mode colours, true density.
    public let mixture: GaussianMixture?
    /// Loss history for the dashboard's curves (``record(step:dLoss:gLoss:)``).
    public private(set) var lossSteps: [Double] = []
    public private(set) var dLosses: [Double] = []
    public private(set) var gLosses: [Double] = []
    /// The run's evaluator, whose history the dashboard's metric curve shows.
    public var evaluator: TrainingEvaluator?
    /// Number of generated points (the first ones of each frame's fixed noise) that get an arrow.
    public static let arrowCount = 100
    /// The longest arrow of a frame, as a fraction of the panel's width; the others are
    /// proportional to their gradient's norm.
    public static let arrowFraction = 0.08
    private let probe: DiscriminatorProbe?
    private let manifold: ManifoldMesh?
    /// The dashboard's true-density panel as drawn on the first frame (it depends only on
    /// the target and the view), copied into every later frame.
    var truthPanel: Canvas?

    public init(config: RunConfig, base: FramePainter) {
        self.config = config
        self.base = base
        layers = Set(config.layers)
        scale = config.scale
        layout = config.layout
        mixture = base.mixture
        manifold = layers.contains(.manifold) ? ManifoldMesh(numZ: config.numZ, latent: config.latent) : nil
        let needsProbe = !layers.isDisjoint(with: [.heatmap, .contour, .arrows])
        probe = needsProbe ? DiscriminatorProbe(objective: config.ganType, pack: config.pack, xlim: base.xlim,
                                                ylim: base.ylim, resolution: config.heatmapRes) : nil
    }

    /// Whether the frame is exactly the seed's scatter.
    public var isSeedFrame: Bool { layers == [.samples] && scale == 1 && layout == .single && !config.colorByMode }

    /// Records the losses of the step that starts at `step` (call every `loss_freq` steps).
    public func record(step: Int, dLoss: Float, gLoss: Float) {
        lossSteps.append(Double(step)); dLosses.append(Double(dLoss)); gLosses.append(Double(gLoss))
    }

    /// Replaces the loss history (a resumed run), recorded every `every` steps from step 0.
    public func restoreLosses(d: [Float], g: [Float], every: Int) {
        lossSteps = (0..<d.count).map { Double($0 * every) }
        dLosses = d.map(Double.init); gLosses = g.map(Double.init)
    }

    /// Frame size in pixels: the seed's 800×600 times ``scale``.
    public var size: (width: Int, height: Int) { (800 * scale, 600 * scale) }

    /// The axes of the frame for `step`; with a heatmap, a strip on the right is left for its colour bar.
    public func axes(step: Int) -> Axes {
        let barRoom = layers.contains(.heatmap) ? 86 * scale : 0
        return Axes(frame: PixelRect(x0: 0, y0: 0, x1: size.width - 1 - barRoom, y1: size.height - 1),
                    xlim: base.xlim, ylim: base.ylim, title: "\(config.modelName) · step \(step)", scale: scale)
    }

    /// The frame for `step`; `generated` are the points of the fixed frame noise.
    public func render(step: Int, generated: [Float], trainer: Trainer) -> Canvas {
        let canvas = Canvas(width: size.width, height: size.height, background: .white)
        let axes = axes(step: step), r = axes.plotRect, s = scale
        let bar = layers.contains(.heatmap) ? PixelRect(x0: r.x1 + 14 * s, y0: r.y0, x1: size.width - 8 * s, y1: r.y1) : nil
        draw(on: canvas, axes: axes, generated: generated, trainer: trainer, colorBar: bar)
        return canvas
    }

    /// PNG bytes of the frame.
    public func png(step: Int, generated: [Float], trainer: Trainer) -> [UInt8] {
        if isSeedFrame { return base.png(step: step, generated: generated) }
        switch layout {
        case .single: return FramePainter.encode(render(step: step, generated: generated, trainer: trainer))
        case .dashboard: return FramePainter.encode(renderDashboard(step: step, generated: generated, trainer: trainer))
        }
    }

    /// Draws the layers into `axes` (also used by the dashboard's main panel).
    /// `map` is D's field when the caller has already probed it (``probedField(_:)``).
    func draw(on canvas: Canvas, axes: Axes, generated: [Float], trainer: Trainer, colorBar: PixelRect?,
              map probed: Heatmap? = nil) {
        let field = probed ?? probedField(trainer)
        var frameAxes = axes
        // A heatmap covers the whole plot area, so the panel under it is not filled.
        frameAxes.fillsPanel = field == nil || !layers.contains(.heatmap)
        frameAxes.draw(on: canvas)
        if let map = field, layers.contains(.heatmap) {
            // The raster, then (as Heatmap.draw would) the level line over it.
            var raster = map
            raster.contourLevel = nil
            raster.draw(on: canvas, axes: axes, lineWidth: 2)
            if let level = map.contourLevel { map.drawContour(level: level, on: canvas, axes: axes, lineWidth: 2) }
        }
        if let map = field {
            if layers.contains(.heatmap) {
                redrawGrid(on: canvas, axes: axes)
                if let colorBar { map.drawColorBar(on: canvas, rect: colorBar, scale: axes.scale) }
            } else if let level = map.contourLevel {
                map.drawContour(level: level, on: canvas, axes: axes, lineWidth: 2)
            }
        }
        if let manifold { manifold.draw(nodes: manifold.nodes(trainer), on: canvas, axes: axes) }
        if layers.contains(.samples) {
            var frame = base.frame(step: 0, generated: generated)
            frame.drawsAxes = false
            if config.colorByMode, let mixture { frame = colouredByMode(frame, mixture: mixture, generated: generated) }
            frame.render(on: canvas, axes: axes)
        }
        if let probe, layers.contains(.arrows) {
            let points = Array(generated.prefix(2 * Self.arrowCount))
            let push = probe.generatorPush(points: points, discriminators: trainer.discriminators,
                                           beta: Float(config.beta))
            ArrowField(points: points, vectors: push, color: Self.arrowColor)
                .draw(on: canvas, axes: axes, longest: Self.arrowFraction * Double(axes.plotRect.width))
        }
    }

    /// D's field over the grid for the `heatmap` and `contour` layers (`nil` without either):
    /// the frame's one batched pass of D.
    func probedField(_ trainer: Trainer) -> Heatmap? {
        guard let probe, layers.contains(.heatmap) || layers.contains(.contour) else { return nil }
        var map = probe.heatmap(trainer.discriminator, contour: layers.contains(.contour))
        map.contourColor = probe.showsProbability ? .white : Self.contourColor
        return map
    }

    /// The critic's level line: near-black. D = 0.5 is drawn white instead: it always lies
    /// on viridis' mid teal, where white stands out and black would merge with the arrows.
    public static let contourColor = Color.ink
    /// Arrows: near-black, readable on every colour of both (lightened) scales.
    public static let arrowColor = Color.ink

    /// Colours for generated points by nearest mode: Okabe–Ito without black and yellow,
    /// cycled (so with more than six modes, modes k and k+6 share a colour).
    public static let modeColors: [Color] = [1, 2, 3, 5, 6, 7].map { Color.okabeIto[$0] }

    /// The frame with real points in near-black and generated points split into one series
    /// per nearest mixture component (Mahalanobis distance, as the metrics assign them).
    private func colouredByMode(_ frame: ScatterFrame, mixture: GaussianMixture, generated: [Float]) -> ScatterFrame {
        var f = frame
        var groups = [[Float]](repeating: [], count: mixture.componentCount)
        for k in stride(from: 0, to: generated.count - 1, by: 2) {
            guard let m = mixture.nearestComponent(x: Double(generated[k]), y: Double(generated[k + 1])) else { continue }
            groups[m] += [generated[k], generated[k + 1]]
        }
        f.series = [ScatterSeries(name: "real data", points: base.real, marker: .plus, color: .ink)]
        for (m, pts) in groups.enumerated() {
            f.series.append(ScatterSeries(name: m == 0 ? "generated, by nearest mode" : "", points: pts,
                                          marker: .cross, color: Self.modeColors[m % Self.modeColors.count]))
        }
        return f
    }

    /// White grid lines at half opacity over the heatmap, so positions stay readable.
    private func redrawGrid(on canvas: Canvas, axes: Axes) {
        let r = axes.plotRect, s = axes.scale, c = Color.white.withAlpha(0.5)
        for v in axes.xTicks {
            let px = Int(axes.pixel(x: v, y: 0).x.rounded())
            canvas.fillRect(x0: px - (s - 1) / 2, y0: r.y0, x1: px + s / 2, y1: r.y1, color: c)
        }
        for v in axes.yTicks {
            let py = Int(axes.pixel(x: 0, y: v).y.rounded())
            canvas.fillRect(x0: r.x0, y0: py - (s - 1) / 2, x1: r.x1, y1: py + s / 2, color: c)
        }
    }
}
