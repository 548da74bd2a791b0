import ArgumentParser
import GANRun

/// Flags of issue 5: what each frame shows (docs/visual-layers.md). Each is the snake_case
/// config key in kebab case.
struct LayerOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Frame layers, comma-separated: \(FrameLayer.acceptedList). (default: samples)",
                               valueName: "list"))
    var layers: String?
    @Option(name: .customLong("heatmap-res"), help: "Grid samples per axis of the discriminator heatmap and contour, 8–512. (default: 128)")
    var heatmapRes: Int?
    @Option(help: "Pixel-density multiplier of frames: 2 for high-density displays, 1–4. (default: 1)")
    var scale: Int?

    @Option(help: "Frame layout: single (one 800×600 panel) or dashboard (1280×720: samples with their layers, densities, loss and metric curves). (default: single)")
    var layout: FrameLayout?
    @Flag(name: .customLong("color-by-mode"), help: "Colour generated points by their nearest true mode (Gaussian-mixture targets).")
    var colorByMode = false

    /// Writes the given settings into `o`; an unknown layer is a usage error naming the accepted ones.
    func apply(to o: inout RunConfigOverrides) throws {
        o.layers = try layers.map { try FrameLayer.parseList($0) }   // RunError.invalid: exit 2
        o.heatmapRes = heatmapRes
        o.scale = scale
        o.layout = layout
        if colorByMode { o.colorByMode = true }
    }
}

extension FrameLayout: ExpressibleByArgument {}
