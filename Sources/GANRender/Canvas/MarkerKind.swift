/// The shape drawn for each point of a scatter series.
public enum MarkerKind: String, Sendable, CaseIterable {
    /// An upright cross, matplotlib's `'+'` (the seed's real data).
    case plus
    /// A diagonal cross, matplotlib's `'x'` (the seed's generated data).
    case cross
    /// A filled disc, matplotlib's `'o'`.
    case dot
    /// A filled square, matplotlib's `'s'`.
    case square
}

/// A marker pre-rasterised once per series: pixel offsets from the centre pixel and the packed
/// colour to blend at each, coverage `clamp(0.5 − sd, 0, 1)` from a signed distance sampled at
/// pixel centres (overlapping strokes combine by `max`), so an odd-sized `'+'` is crisp.
struct MarkerStamp {
    /// Offset from the centre pixel and the packed colour blended there.
    private(set) var pixels: [(dx: Int, dy: Int, color: Int32)] = []

    /// `size` is the full extent in pixels (the bounding box of `'+'` and `'x'`, the diameter
    /// of `.dot`, the side of `.square`); `thickness` the stroke width of `'+'` and `'x'`.
    init(kind: MarkerKind, size: Double, thickness: Double, color: Color) {
        let w = max(thickness, 0.5)
        let h = max(size - w, 0) / 2
        let reach = Int((size / 2 + w).rounded(.up)) + 1
        for j in -reach...reach {
            for i in -reach...reach {
                let p = (x: Double(i), y: Double(j))
                let sd: Double
                switch kind {
                case .plus:
                    sd = min(MarkerStamp.segmentDistance(p, (-h, 0), (h, 0)),
                             MarkerStamp.segmentDistance(p, (0, -h), (0, h))) - w / 2
                case .cross:
                    sd = min(MarkerStamp.segmentDistance(p, (-h, -h), (h, h)),
                             MarkerStamp.segmentDistance(p, (-h, h), (h, -h))) - w / 2
                case .dot:
                    sd = (p.x * p.x + p.y * p.y).squareRoot() - size / 2
                case .square:
                    sd = max(abs(p.x), abs(p.y)) - size / 2
                }
                let coverage = min(max(0.5 - sd, 0), 1)
                guard coverage * Double(color.a) >= 1 else { continue }
                pixels.append((i, j, Canvas.packed(color, coverage: coverage)))
            }
        }
    }

    /// Euclidean distance from `p` to the segment `a`–`b`.
    static func segmentDistance(_ p: (x: Double, y: Double), _ a: (Double, Double), _ b: (Double, Double)) -> Double {
        let (ax, ay) = a, (bx, by) = b
        let (vx, vy) = (bx - ax, by - ay)
        let len2 = vx * vx + vy * vy
        let t = len2 > 0 ? min(max(((p.x - ax) * vx + (p.y - ay) * vy) / len2, 0), 1) : 0
        let (qx, qy) = (ax + t * vx - p.x, ay + t * vy - p.y)
        return (qx * qx + qy * qy).squareRoot()
    }
}

extension Canvas {
    /// Draws one marker centred on the pixel nearest to `(x, y)`, `size` pixels across (the
    /// seed's are about 5); `thickness`, the stroke of `.plus` and `.cross`, defaults to `size / 5`, at least 1.
    public func marker(_ kind: MarkerKind, x: Double, y: Double, size: Double, color: Color,
                       thickness: Double? = nil) {
        guard x.isFinite, y.isFinite, size > 0 else { return }
        let stamp = MarkerStamp(kind: kind, size: size, thickness: thickness ?? max(1, size / 5), color: color)
        self.stamp(stamp, x: Int(x.rounded()), y: Int(y.rounded()))
    }

    /// Blends a pre-rasterised marker centred on pixel `(x, y)`; pixels outside the clip
    /// rectangle are skipped.
    func stamp(_ stamp: MarkerStamp, x: Int, y: Int) {
        for p in stamp.pixels { blend(x: x + p.dx, y: y + p.dy, packed: p.color) }
    }
}
