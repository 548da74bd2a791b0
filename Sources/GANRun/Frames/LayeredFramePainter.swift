import GANCore
import GANRender

/// Draws a training frame with the layers of `config.layers` (docs/visual-layers.md): D's
/// heatmap and contour, the manifold mesh, the samples, the arrows (``builtinLayers``), then
/// ``extraLayers``. With only `samples` at scale 1 the frame is the seed's, byte for byte
/// (``FramePainter``). The heatmap takes a strip on the right for its colour bar.
public final class LayeredFramePainter {
    /// The run's settings.
    public let config: RunConfig
    /// The seed's frame: view, title, real points.
    public let base: FramePainter
    /// The built-in layers chosen.
    public let layers: Set<FrameLayerName>
    /// Pixel scale of the frame (1: 800×600).
    public let scale: Int
    /// One panel, or the dashboard.
    public let layout: FrameLayout
    /// The target as a mixture (`nil` when it is not one): mode colours, true density.
    public let mixture: GaussianMixture?
    /// Steps of the dashboard's loss curves (``record(step:dLoss:gLoss:)``).
    public private(set) var lossSteps: [Double] = []
    /// D's losses at ``lossSteps``.
    public private(set) var dLosses: [Double] = []
    /// G's losses at ``lossSteps``.
    public private(set) var gLosses: [Double] = []
    /// The run's evaluator, whose history the dashboard's metric curve shows.
    public var evaluator: TrainingEvaluator?
    /// Number of generated points (the first ones of each frame's fixed noise) that get an arrow.
    public static let arrowCount = 100
    /// The longest arrow as a fraction of the panel's width; the others scale with their norm.
    public static let arrowFraction = 0.08
    private let probe: DiscriminatorProbe?
    /// The layers of `config.layers`, in drawing order.
    public let builtinLayers: [any FrameLayer]
    /// Layers drawn over the built-in ones, in order (custom ``FrameLayer``s).
    public var extraLayers: [any FrameLayer] = []
    /// The dashboard's true-density panel, drawn on the first frame (it depends only on the
    /// target and the view) and copied into every later one.
    var truthPanel: Canvas?

    /// `target` (its modes colour the points and give the true density) and `objective`
    /// (the arrows follow its generator loss) default to the config's.
    public init(config: RunConfig, base: FramePainter, target: (any TargetDistribution)? = nil,
                objective: (any AdversarialObjective)? = nil) {
        self.config = config
        self.base = base
        layers = Set(config.layers)
        scale = config.scale
        layout = config.layout
        let mixture = target.map(\.mixture) ?? base.mixture
        self.mixture = mixture
        let needsProbe = !layers.isDisjoint(with: [.heatmap, .contour, .arrows])
        let probe = needsProbe ? DiscriminatorProbe(objective: objective ?? config.ganType, pack: config.pack,
                                                    xlim: base.xlim, ylim: base.ylim, resolution: config.heatmapRes) : nil
        self.probe = probe
        let names: [FrameLayerName] = [.heatmap, .contour, .manifold, .samples, .arrows]
        builtinLayers = names.filter(layers.contains).map { name -> any FrameLayer in
            switch name {
            case .heatmap: HeatmapLayer()
            case .contour: ContourLayer()
            case .manifold: ManifoldMesh(numZ: config.numZ, latent: config.latent)
            case .samples: SamplesLayer(base: base, coloredBy: config.colorByMode ? mixture : nil)
            case .arrows: ArrowsLayer(probe: probe!, beta: Float(config.beta))
            case .density: preconditionFailure("a panel of the dashboard, not a layer")
            }
        }
    }

    /// Whether the frame is exactly the seed's scatter.
    public var isSeedFrame: Bool {
        layers == [.samples] && scale == 1 && layout == .single && !config.colorByMode && extraLayers.isEmpty
    }

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
        axes(in: PixelRect(x0: 0, y0: 0, x1: size.width - 1, y1: size.height - 1), step: step)
    }

    /// The axes of a panel `frame`, less the colour bar's strip.
    func axes(in frame: PixelRect, step: Int) -> Axes {
        let barRoom = layers.contains(.heatmap) ? 86 * scale : 0
        return Axes(frame: PixelRect(x0: frame.x0, y0: frame.y0, x1: frame.x1 - barRoom, y1: frame.y1),
                    xlim: base.xlim, ylim: base.ylim, title: "\(config.modelName) · step \(step)", scale: scale)
    }

    /// The frame for `step`; `generated` are the points of the fixed frame noise.
    public func render(step: Int, generated: [Float], trainer: Trainer) -> Canvas {
        let canvas = Canvas(width: size.width, height: size.height, background: .white)
        draw(on: canvas, axes: axes(step: step), barRight: size.width, step: step, generated: generated,
             trainer: trainer)
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

    /// Draws the axes and the layers into `axes` (also the dashboard's main panel), with the
    /// heatmap's colour bar right of the plot up to `barRight`. `probed` is D's field when the
    /// caller has already probed it (``probedField(_:)``).
    func draw(on canvas: Canvas, axes: Axes, barRight: Int, step: Int, generated: [Float], trainer: Trainer,
              map probed: Heatmap? = nil) {
        let field = probed ?? probedField(trainer)
        let r = axes.plotRect, s = scale
        let bar = PixelRect(x0: r.x1 + 14 * s, y0: r.y0, x1: barRight - 8 * s, y1: r.y1)
        var frameAxes = axes
        // A heatmap covers the whole plot area, so the panel under it is not filled.
        frameAxes.fillsPanel = field == nil || !layers.contains(.heatmap)
        frameAxes.draw(on: canvas)
        let context = FrameContext(step: step, trainer: trainer, axes: axes, real: base.real, generated: generated,
                                   field: field, colorBar: layers.contains(.heatmap) ? bar : nil)
        for layer in builtinLayers + extraLayers { layer.draw(on: canvas, context: context) }
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
}
