import Foundation

/// Arrows at 2-D points: a shaft along each vector and a two-stroke head, lengths
/// proportional to the vectors' norms with the longest drawn `longest` pixels long.
public struct ArrowField: Sendable {
    /// Interleaved x, y tails in data coordinates.
    public var points: [Float]
    /// Interleaved vectors in data units, one per point.
    public var vectors: [Float]
    /// Colour of every arrow.
    public var color: Color

    /// Arrows from `points` along `vectors` (both interleaved x, y).
    public init(points: [Float], vectors: [Float], color: Color) {
        self.points = points
        self.vectors = vectors
        self.color = color
    }

    /// Draws the arrows whose tails lie inside the panel. The direction is taken in data
    /// units and mapped to pixels, so on a non-square view an arrow still points where the
    /// vector points on the plot.
    public func draw(on canvas: Canvas, axes: Axes, longest: Double) {
        let arrows = stride(from: 0, to: min(points.count, vectors.count) - 1, by: 2)
        let top = arrows.map { hypot(Double(vectors[$0]), Double(vectors[$0 + 1])) }.filter(\.isFinite).max() ?? 0
        guard top > 0 else { return }
        let s = Double(axes.scale)
        let outerClip = canvas.clip(to: axes.plotRect)
        defer { canvas.clip(to: outerClip) }
        // Pixels per data unit along each axis.
        let o = axes.pixel(x: 0, y: 0), ex = axes.pixel(x: 1, y: 0), ey = axes.pixel(x: 0, y: 1)
        for i in arrows {
            let x = Double(points[i]), y = Double(points[i + 1])
            let vx = Double(vectors[i]), vy = Double(vectors[i + 1])
            guard axes.contains(x: x, y: y), vx.isFinite, vy.isFinite else { continue }
            // Direction on screen.
            var dx = vx * (ex.x - o.x) + vy * (ey.x - o.x), dy = vx * (ex.y - o.y) + vy * (ey.y - o.y)
            let screen = hypot(dx, dy)
            let length = longest * hypot(vx, vy) / top
            guard screen > 0, length >= 1 else { continue }
            dx /= screen; dy /= screen
            let tail = axes.pixel(x: x, y: y)
            let tip = (x: tail.x + dx * length, y: tail.y + dy * length)
            canvas.polyline([tail, tip], color: color, thickness: 1.3 * s)
            let head = min(6 * s, 0.45 * length)
            for side in [-1.0, 1.0] {
                // Head strokes at ±28° from the reversed shaft.
                let c = cos(0.49), sn = sin(0.49) * side
                let bx = -dx * c + dy * sn, by = -dy * c - dx * sn
                canvas.polyline([tip, (tip.x + bx * head, tip.y + by * head)], color: color, thickness: 1.3 * s)
            }
        }
    }
}
