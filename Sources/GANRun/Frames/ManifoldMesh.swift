import Foundation
import GANCore
import GANRender

/// The `manifold` layer: G's image of a `lines × lines` grid over the first two latent
/// coordinates (±2 normal, ±1 uniform, the others 0), a warped mesh whose cells are shaded by
/// latent mass over image area relative to the median cell: darker = denser.
public struct ManifoldMesh: FrameLayer {
    /// Nodes per latent axis.
    public static let lines = 21
    /// Latent dimension.
    public let numZ: Int
    /// Distribution of z: sets the grid's extent.
    public let latent: LatentDistribution
    /// The latent grid, `[lines², numZ]`, row-major (z₂ major), built once.
    private let noise: FloatBuffer

    /// The latent grid for G's input size.
    public init(numZ: Int, latent: LatentDistribution) {
        self.numZ = numZ
        self.latent = latent
        let n = Self.lines, r = Self.halfWidth(latent)
        noise = FloatBuffer(count: n * n * numZ)
        for j in 0..<n {
            for i in 0..<n {
                let row = noise.base + (j * n + i) * numZ
                row[0] = Float(-r + 2 * r * Double(i) / Double(n - 1))
                if numZ > 1 { row[1] = Float(-r + 2 * r * Double(j) / Double(n - 1)) }
            }
        }
    }

    static func halfWidth(_ latent: LatentDistribution) -> Double { latent == .uniform ? 1 : 2 }

    /// The legend text of the layer.
    public var caption: String {
        let r = latent == .uniform ? "1" : "2"
        return numZ == 2 ? "G(z) of a z grid on [−\(r), \(r)]²" : "G(z) of a grid in z₁, z₂ ∈ [−\(r), \(r)], other \(numZ - 2) z = 0"
    }

    /// The mesh nodes G(z), interleaved x, y, `lines²` points.
    public func nodes(_ trainer: Trainer) -> [Float] {
        trainer.generate(noise: noise.matrix(rows: Self.lines * Self.lines, cols: numZ))
    }

    /// Draws the mesh of the trainer's generator.
    public func draw(on canvas: Canvas, context: FrameContext) {
        draw(nodes: nodes(context.trainer), on: canvas, axes: context.axes)
    }

    /// Draws shaded cells, then the mesh lines, into the axes' panel.
    public func draw(nodes p: [Float], on canvas: Canvas, axes: Axes) {
        let n = Self.lines, r = axes.plotRect, s = Double(axes.scale)
        func node(_ i: Int, _ j: Int) -> (x: Double, y: Double) {
            axes.pixel(x: Double(p[2 * (j * n + i)]), y: Double(p[2 * (j * n + i) + 1]))
        }
        let outerClip = canvas.clip(to: r)
        defer { canvas.clip(to: outerClip) }
        // Latent mass of each cell (normal: the product of 1-D densities at the cell centre).
        let half = Self.halfWidth(latent), h = 2 * half / Double(n - 1)
        var cells: [(quad: [(x: Double, y: Double)], shade: Double)] = []
        for j in 0..<(n - 1) {
            for i in 0..<(n - 1) {
                let q = [node(i, j), node(i + 1, j), node(i + 1, j + 1), node(i, j + 1)]
                var area = 0.0
                for k in 0..<4 { area += q[k].x * q[(k + 1) % 4].y - q[(k + 1) % 4].x * q[k].y }
                let zc = (-half + (Double(i) + 0.5) * h, -half + (Double(j) + 0.5) * h)
                let mass = latent == .uniform ? 1 : exp(-(zc.0 * zc.0 + zc.1 * zc.1) / 2)
                cells.append((q, mass / max(abs(area) / 2, 0.25)))
            }
        }
        let median = cells.map(\.shade).sorted()[cells.count / 2]
        for cell in cells {
            let rel = median > 0 ? cell.shade / median : 1
            canvas.fillPolygon(cell.quad, color: Self.color.withAlpha(min(0.5, 0.12 * rel)))
        }
        for k in 0..<n {
            canvas.polyline((0..<n).map { node($0, k) }, color: Self.color.withAlpha(0.75), thickness: s)
            canvas.polyline((0..<n).map { node(k, $0) }, color: Self.color.withAlpha(0.75), thickness: s)
        }
        // The caption on a white box in the lower right corner, like a legend.
        let w = Canvas.textWidth(caption, size: 12 * s)
        canvas.fillRect(x0: r.x1 - Int(w + 20 * s), y0: r.y1 - Int(30 * s), x1: r.x1 - Int(6 * s), y1: r.y1 - Int(6 * s),
                        color: Color.white.withAlpha(0.85))
        canvas.text(caption, x: Double(r.x1) - 13 * s, y: Double(r.y1) - 12 * s, size: 12 * s, color: Self.color,
                    anchor: .bottomRight)
    }

    /// Mesh colour: Okabe–Ito blue, the family of the generated points.
    public static let color = Color.okabeIto[5]
}
