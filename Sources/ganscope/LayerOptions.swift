import ArgumentParser
import GANRun

/// What each frame shows (docs/visual-layers.md). Each is the snake_case config key in kebab case.
struct LayerOptions: ParsableArguments, Encodable {
    @Option(help: ArgumentHelp("Frame layers, comma-separated: \(FrameLayerName.acceptedList). (default: samples)", valueName: "list"),
            transform: { try ListParsing.names($0, field: "layers") })
    var layers: [FrameLayerName]?
    @Option(help: "Grid samples per axis of the discriminator heatmap and contour, 8–512. (default: 128)")
    var heatmapRes: Int?
    @Option(help: "Pixel-density multiplier of frames: 2 for high-density displays, 1–4. (default: 1)")
    var scale: Int?
    @Option(help: "Frame layout: single (one 800×600 panel) or dashboard (1280×720: samples with their layers, densities, loss and metric curves). (default: single)")
    var layout: FrameLayout?
    @Flag(inversion: .prefixedNo, help: "Colour generated points by their nearest true mode (Gaussian-mixture targets). (default: off)")
    var colorByMode: Bool?
}

extension FrameLayout: ExpressibleByArgument {}
