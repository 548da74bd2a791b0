import GANCore
import GANRender

/// Reads the networks for the frame layers: D's output on a grid (`heatmap`, `contour`) and the
/// generator loss's gradient at generated points (`arrows`), from fixed inputs in chunks of at
/// most D's `maxBatch` rows (with packing m, each point repeated m times). It overwrites only
/// D's activations, which the next step recomputes.
public final class DiscriminatorProbe {
    /// The objective whose generator loss the arrows follow.
    public let objective: any AdversarialObjective
    /// The grid's extent along x.
    public let xlim: ClosedRange<Double>
    /// The grid's extent along y.
    public let ylim: ClosedRange<Double>
    /// Grid samples per axis.
    public let resolution: Int
    /// D's packing m.
    public let pack: Int
    private let gridInput: FloatBuffer   // [res², 2·pack]: each point repeated `pack` times
    private let gridValues: FloatBuffer  // [res²]

    /// A probe on a `resolution`² grid over the view, for D with packing `pack`.
    public init(objective: any AdversarialObjective, pack: Int, xlim: ClosedRange<Double>, ylim: ClosedRange<Double>, resolution: Int) {
        precondition(resolution >= 2 && pack >= 1)
        self.objective = objective
        self.xlim = xlim
        self.ylim = ylim
        self.resolution = resolution
        self.pack = pack
        let n = resolution * resolution
        gridInput = FloatBuffer(count: n * 2 * pack)
        gridValues = FloatBuffer(count: n)
        for j in 0..<resolution {
            for i in 0..<resolution {
                let p = Heatmap.samplePoint(i: i, j: j, columns: resolution, rows: resolution, xlim: xlim, ylim: ylim)
                let row = gridInput.base + (j * resolution + i) * 2 * pack
                for k in 0..<pack { row[2 * k] = Float(p.x); row[2 * k + 1] = Float(p.y) }
            }
        }
    }

    /// D's raw output (logit or critic value; D1 for d2gan) at every grid sample, bottom row first.
    public func rawField(_ d: MLP) -> [Float] {
        let n = resolution * resolution, w = 2 * pack
        var start = 0
        while start < n {
            let rows = min(d.maxBatch, n - start)
            let out = d.forward(gridInput.matrix(rows: rows, cols: w, offset: start * w))
            (gridValues.base + start).update(from: out.data, count: rows)
            start += rows
        }
        return gridValues.array
    }

    /// The first discriminator's heatmap: σ(logit) on viridis over 0…1 with the D = 0.5 contour
    /// for probability objectives; for critics the value on PuOr over median ± max|v − median|
    /// with the median as contour (WGAN's critic is defined up to a constant, so its zero means
    /// nothing). Colours are lightened toward white so the points on top keep their contrast.
    public func heatmap(_ d: MLP, contour: Bool) -> Heatmap {
        var v = rawField(d)
        let range: ClosedRange<Double>, level: Double, map: ColorMap, label: String
        if objective.outputIsProbability {
            for i in v.indices { v[i] = sigmoid(v[i]) }
            (range, level, map, label) = (0...1, 0.5, ColorMap.viridis, "D(x) = σ(logit)")
        } else {
            let finite = v.filter(\.isFinite).sorted()
            let median = finite.isEmpty ? 0 : Double(finite[finite.count / 2])
            let spread = finite.isEmpty ? 1 : max(Double(finite.last!) - median, median - Double(finite.first!))
            let half = spread > 0 ? spread : 1
            let name = objective.discriminatorCount > 1 ? "D1(x)" : "critic D(x)"
            (range, level, map, label) = ((median - half)...(median + half), median, ColorMap.puOr, "\(name), centred on its median")
        }
        return Heatmap(values: v, columns: resolution, rows: resolution, xlim: xlim, ylim: ylim, range: range,
                       colorMap: map.lightened(Self.lightening), label: label, contourLevel: contour ? level : nil)
    }

    /// How far heatmap colours are moved toward white.
    public static let lightening = 0.35

    /// −∂ℓ_G/∂x at each of `points` (interleaved x, y; a multiple of `pack`), ℓ_G the generator
    /// loss of that one sample summed over the discriminators: where G's update moves it.
    public static func generatorPush(points: [Float], discriminators: [MLP], objective: any AdversarialObjective,
                                     pack: Int, beta: Float = 1) -> [Float] {
        let count = points.count / 2 / pack * pack
        guard count > 0 else { return [] }
        let w = 2 * pack, rows = count / pack
        let input = FloatBuffer(Array(points.prefix(2 * count)))
        let grad = FloatBuffer(count: rows)
        var push = [Float](repeating: 0, count: 2 * count)
        for (head, d) in discriminators.enumerated() {
            var start = 0
            while start < rows {
                let n = min(d.maxBatch, rows - start)
                let logits = d.forward(input.matrix(rows: n, cols: w, offset: start * w))
                _ = objective.generatorLoss(head: head, logits: logits.data, count: n, grad: grad.base, beta: beta)
                for i in 0..<n { grad.base[i] *= Float(n) }   // per-sample loss, not the batch mean
                let g = d.backward(grad.matrix(rows: n, cols: 1), parameterGradients: false, inputGradient: true)!
                for k in 0..<(n * w) { push[start * w + k] -= g.data[k] }
                start += n
            }
        }
        return push
    }
}
