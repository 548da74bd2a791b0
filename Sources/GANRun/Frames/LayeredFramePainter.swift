import GANCore
import GANRender

/// Draws a training frame with the layers of `config.layers` (docs/visual-layers.md): D's
/// heatmap and contour, the manifold mesh, the samples, the arrows (``builtinLayers``), then
/// ``extraLayers``. With only `samples` at scale 1 the frame is the seed's scatter, byte for
/// byte: fixed real points as red '+', generated points (from fixed noise, so they move
/// smoothly between frames) as blue 'x'. The heatmap takes a strip on the right for its colour bar.
public final class LayeredFramePainter {
    /// The run's settings.
    public let config: RunConfig
    /// The view along x, `auto` resolved.
    public let xlim: ClosedRange<Double>
    /// The view along y, `auto` resolved.
    public let ylim: ClosedRange<Double>
    /// The frame's fixed real points, interleaved x, y.
    public let real: [Float]
    /// The built-in layers chosen.
    public let layers: Set<FrameLayerName>
    /// Pixel scale of the frame (1: 800×600).
    public var scale: Int { config.scale }
    /// One panel, or the dashboard.
    public var layout: FrameLayout { config.layout }
    /// The target as a mixture (`nil` when it is not one): mode colours, true density.
    public let mixture: GaussianMixture?
    /// D's and G's losses so far, every `loss_freq` steps from step 0: the dashboard's loss curves.
    public var losses: (d: [Float], g: [Float]) = ([], [])
    /// The run's evaluator, whose history the dashboard's metric curve shows.
    public var evaluator: TrainingEvaluator?
    /// Number of generated points (the first ones of each frame's fixed noise) that get an arrow.
    public static let arrowCount = 100
    /// The longest arrow as a fraction of the panel's width; the others scale with their norm.
    public static let arrowFraction = 0.08
    /// Reads D for the heatmap, contour and arrows (`nil` without them).
    let probe: DiscriminatorProbe?
    /// The layers of `config.layers`, in drawing order.
    public let builtinLayers: [any FrameLayer]
    /// Layers drawn over the built-in ones, in order (custom ``FrameLayer``s).
    public var extraLayers: [any FrameLayer] = []
    /// The dashboard's true-density panel, drawn on the first frame (it depends only on the
    /// target and the view) and copied into every later one.
    var truthPanel: Canvas?

    /// Frames of `real` points (interleaved x, y) beside the generated ones; `mixture` (the
    /// target's modes, `nil` when it has none) colours the points and gives the true density,
    /// and `objective` (default: the config's) is the generator loss the arrows follow. `auto`
    /// limits are resolved once: every mixture mean ± 4σ, or without a mixture the range of the
    /// real points; plus a margin.
    public init(config: RunConfig, mixture: GaussianMixture?, real: [Float], objective: (any AdversarialObjective)? = nil) {
        func fit(_ limits: AxisLimits, _ axis: Int) -> ClosedRange<Double> {
            if case let .fixed(lo, hi) = limits { return lo...hi }
            var lo = Double.infinity, hi = -Double.infinity
            if let mixture {
                for k in 0..<mixture.componentCount {
                    let s = 4 * mixture.variances[k][axis].squareRoot()
                    lo = min(lo, mixture.means[k][axis] - s)
                    hi = max(hi, mixture.means[k][axis] + s)
                }
            } else {
                for i in stride(from: axis, to: real.count, by: 2) where real[i].isFinite {
                    lo = min(lo, Double(real[i])); hi = max(hi, Double(real[i]))
                }
                if !(lo < hi) { (lo, hi) = (-1, 1) }
            }
            let pad = 0.1 * (hi - lo)
            return (lo - pad)...(hi + pad)
        }
        self.config = config
        xlim = fit(config.xlim, 0)
        ylim = fit(config.ylim, 1)
        self.real = real
        layers = Set(config.layers)
        self.mixture = mixture
        let needsProbe = !layers.isDisjoint(with: [.heatmap, .contour, .arrows])
        let probe = needsProbe ? DiscriminatorProbe(objective: objective ?? config.ganType, pack: config.pack,
                                                    xlim: xlim, ylim: ylim, resolution: config.heatmapRes) : nil
        self.probe = probe
        let names: [FrameLayerName] = [.heatmap, .contour, .manifold, .samples, .arrows]
        builtinLayers = names.filter(layers.contains).map { name -> any FrameLayer in
            switch name {
            case .heatmap: HeatmapLayer()
            case .contour: ContourLayer()
            case .manifold: ManifoldMesh(numZ: config.numZ, latent: config.latent)
            case .samples: SamplesLayer(coloredBy: config.colorByMode ? mixture : nil)
            case .arrows: ArrowsLayer(probe: probe!, beta: Float(config.beta))
            case .density: preconditionFailure("a panel of the dashboard, not a layer")
            }
        }
    }

    /// Whether the frame is exactly the seed's scatter.
    public var isSeedFrame: Bool {
        layers == [.samples] && scale == 1 && layout == .single && !config.colorByMode && extraLayers.isEmpty
    }

    /// Frame size in pixels: the seed's 800×600 times ``scale``.
    public var size: (width: Int, height: Int) { (800 * scale, 600 * scale) }

    /// The axes of the frame for `step`; with a heatmap, a strip on the right is left for its colour bar.
    public func axes(step: Int) -> Axes {
        axes(in: PixelRect(x0: 0, y0: 0, x1: size.width - 1, y1: size.height - 1), step: step)
    }

    /// The axes of a panel `frame`, less the colour bar's strip.
    public func axes(in frame: PixelRect, step: Int) -> Axes {
        let barRoom = layers.contains(.heatmap) ? 86 * scale : 0
        return Axes(frame: PixelRect(x0: frame.x0, y0: frame.y0, x1: frame.x1 - barRoom, y1: frame.y1),
                    xlim: xlim, ylim: ylim, title: "\(config.modelName) · step \(step)", scale: scale)
    }

    /// PNG bytes of the frame for `step`; `generated` are the points of the fixed frame noise.
    public func png(step: Int, generated: [Float], trainer: Trainer) -> [UInt8] {
        if isSeedFrame {
            return Self.encode(ScatterFrame(series: [.seedReal(real), .seedGenerated(generated)],
                                            title: "\(config.modelName) · step \(step)", xlim: xlim, ylim: ylim).render())
        }
        if layout == .dashboard { return Self.encode(renderDashboard(step: step, generated: generated, trainer: trainer)) }
        let canvas = Canvas(width: size.width, height: size.height, background: .white)
        draw(on: canvas, axes: axes(step: step), barRight: size.width, step: step, generated: generated, trainer: trainer)
        return Self.encode(canvas)
    }

    /// How every animation frame is stored: a palette PNG of at most 256 colours (exact when the
    /// frame has that few; the GIF has 256 per frame anyway) at zlib level 1, the fastest.
    public static func encode(_ canvas: Canvas) -> [UInt8] {
        canvas.pngData(compression: 1, palette: true)
    }

    /// The fixed real points of the frames: for a file of points a uniform random subset of
    /// min(`count`, N) of them, else `count` points of the target.
    public static func realPoints(of target: any TargetDistribution, count: Int, rng: inout RNG) -> [Float] {
        (target as? PointCloud)?.subset(count: count, rng: &rng) ?? target.sample(count: count, rng: &rng)
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
        let context = FrameContext(step: step, trainer: trainer, axes: axes, real: real, generated: generated,
                                   field: field, colorBar: layers.contains(.heatmap) ? bar : nil)
        for layer in builtinLayers + extraLayers { layer.draw(on: canvas, context: context) }
    }

    /// D's field over the grid for the `heatmap` and `contour` layers (`nil` without either):
    /// the frame's one batched pass of D.
    func probedField(_ trainer: Trainer) -> Heatmap? {
        guard let probe, layers.contains(.heatmap) || layers.contains(.contour) else { return nil }
        var map = probe.heatmap(trainer.discriminator, contour: layers.contains(.contour))
        map.contourColor = probe.objective.outputIsProbability ? .white : Self.contourColor
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
