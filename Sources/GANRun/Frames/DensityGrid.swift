import Foundation
import GANCore
import GANRender

/// Densities on a grid over the view for the `density` layer, smoothed by a separable Gaussian
/// of `sigmaCells` cells (truncated at 3σ) and scaled to max 1: the panels compare shapes.
public enum DensityGrid {
    /// Cells per axis of the density panels.
    public static let resolution = 64
    /// Smoothing width in cells.
    public static let sigmaCells = 1.5

    /// The smoothed histogram of `points` (interleaved x, y), bottom row first, max 1.
    public static func histogram(_ points: [Float], xlim: ClosedRange<Double>, ylim: ClosedRange<Double>,
                                 resolution n: Int = resolution) -> [Float] {
        var h = [Float](repeating: 0, count: n * n)
        let sx = Double(n) / (xlim.upperBound - xlim.lowerBound), sy = Double(n) / (ylim.upperBound - ylim.lowerBound)
        for k in stride(from: 0, to: points.count - 1, by: 2) {
            let gx = (Double(points[k]) - xlim.lowerBound) * sx, gy = (Double(points[k + 1]) - ylim.lowerBound) * sy
            guard gx.isFinite, gy.isFinite, gx >= 0, gy >= 0, gx < Double(n), gy < Double(n) else { continue }
            h[Int(gy) * n + Int(gx)] += 1
        }
        return normalized(blur(h, n: n))
    }

    /// The mixture density at every cell centre, max 1.
    public static func mixture(_ m: GaussianMixture, xlim: ClosedRange<Double>, ylim: ClosedRange<Double>,
                               resolution n: Int = resolution) -> [Float] {
        var v = [Float](repeating: 0, count: n * n)
        for j in 0..<n {
            for i in 0..<n {
                let p = Heatmap.samplePoint(i: i, j: j, columns: n, rows: n, xlim: xlim, ylim: ylim)
                v[j * n + i] = Float(exp(m.logDensity(x: p.x, y: p.y)))
            }
        }
        return normalized(v)
    }

    static func blur(_ h: [Float], n: Int) -> [Float] {
        let r = Int((3 * sigmaCells).rounded(.up))
        let w = (-r...r).map { Float(exp(-Double($0 * $0) / (2 * sigmaCells * sigmaCells))) }
        var tmp = [Float](repeating: 0, count: n * n), out = tmp
        for j in 0..<n { for i in 0..<n {
            var s: Float = 0
            for d in -r...r where i + d >= 0 && i + d < n { s += w[d + r] * h[j * n + i + d] }
            tmp[j * n + i] = s
        } }
        for j in 0..<n { for i in 0..<n {
            var s: Float = 0
            for d in -r...r where j + d >= 0 && j + d < n { s += w[d + r] * tmp[(j + d) * n + i] }
            out[j * n + i] = s
        } }
        return out
    }

    static func normalized(_ v: [Float]) -> [Float] {
        let top = v.filter(\.isFinite).max() ?? 0
        return top > 0 ? v.map { $0 / top } : v
    }
}
