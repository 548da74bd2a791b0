// A frame layer of your own: the centroid of the real points and of the generated points,
// joined by a line, drawn over the built-in layers of every frame.
//   swift run custom-frame-layer [output-dir] [steps]
import GANScope

/// Magenta discs at the two centroids (real: filled square, generated: disc) and a line between.
struct CentroidLayer: FrameLayer {
    static let color = Color(hex: 0xFF00FF)

    func draw(on canvas: Canvas, context: FrameContext) {
        let real = centroid(context.real), fake = centroid(context.generated)
        let a = context.axes.pixel(x: real.x, y: real.y), b = context.axes.pixel(x: fake.x, y: fake.y)
        let s = Double(context.axes.scale)
        canvas.polyline([a, b], color: Self.color, thickness: 3 * s)
        for p in [a, b] {
            canvas.fillRect(x0: Int(p.x) - 6, y0: Int(p.y) - 6, x1: Int(p.x) + 6, y1: Int(p.y) + 6, color: Self.color)
        }
    }

    /// The mean of interleaved points.
    func centroid(_ points: [Float]) -> (x: Double, y: Double) {
        let n = Double(max(points.count / 2, 1))
        var x = 0.0, y = 0.0
        for i in stride(from: 0, to: points.count - 1, by: 2) { x += Double(points[i]); y += Double(points[i + 1]) }
        return (x / n, y / n)
    }
}

let args = CommandLine.arguments
var config = RunConfig()                             // the seed: two Gaussians
config.resultDir = args.count > 1 ? args[1] : "results"
config.modelName = "centroids"
config.numEpochs = args.count > 2 ? Int(args[2])! : 2000
config.numZ = 8; config.hiddenSize = 32; config.batchSize = 128
config.animFreq = config.numEpochs / 10

let experiment = try Experiment(config: config)
experiment.extraLayers = [CentroidLayer()]
var frames = 0
experiment.onFrame = { _, _ in frames += 1 }
let summary = try experiment.run()
print("\(frames) frames drawn with the centroid layer; GIF of \(summary.frames) in \(experiment.layout.gif)")
