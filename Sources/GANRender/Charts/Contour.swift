/// Level lines of a scalar field on a regular grid (`columns × rows`, row-major, row 0 first),
/// by marching squares: edge crossings by linear interpolation, saddles decided by the mean of
/// the four corners. Coordinates are fractional grid indices.
public enum Contour {
    /// A segment between two points in grid coordinates.
    public struct Segment: Sendable, Equatable {
        /// The segment's ends in data coordinates.
        public var x0, y0, x1, y1: Double
    }

    /// The segments of the level line `values == level`. Non-finite cells are skipped.
    public static func segments(values: [Float], columns: Int, rows: Int, level: Double) -> [Segment] {
        precondition(values.count == columns * rows, "contour grid \(columns)×\(rows) needs \(columns * rows) values")
        guard columns >= 2, rows >= 2 else { return [] }
        var out: [Segment] = []
        for j in 0..<(rows - 1) {
            for i in 0..<(columns - 1) {
                // Corners counter-clockwise from (i, j): a (i,j), b (i+1,j), c (i+1,j+1), d (i,j+1).
                let a = Double(values[j * columns + i]) - level, b = Double(values[j * columns + i + 1]) - level
                let c = Double(values[(j + 1) * columns + i + 1]) - level, d = Double(values[(j + 1) * columns + i]) - level
                guard a.isFinite, b.isFinite, c.isFinite, d.isFinite else { continue }
                let code = (a > 0 ? 1 : 0) | (b > 0 ? 2 : 0) | (c > 0 ? 4 : 0) | (d > 0 ? 8 : 0)
                if code == 0 || code == 15 { continue }
                let x = Double(i), y = Double(j)
                func t(_ p: Double, _ q: Double) -> Double { p == q ? 0.5 : p / (p - q) }
                // Crossing points on the four edges: bottom a–b, right b–c, top d–c, left a–d.
                let bottom = (x + t(a, b), y), right = (x + 1, y + t(b, c))
                let top = (x + t(d, c), y + 1), left = (x, y + t(a, d))
                func add(_ p: (Double, Double), _ q: (Double, Double)) {
                    out.append(Segment(x0: p.0, y0: p.1, x1: q.0, y1: q.1))
                }
                switch code {
                case 1, 14: add(left, bottom)
                case 2, 13: add(bottom, right)
                case 3, 12: add(left, right)
                case 4, 11: add(right, top)
                case 6, 9: add(bottom, top)
                case 7, 8: add(left, top)
                case 5, 10:
                    let centreAbove = (a + b + c + d) / 4 > 0
                    // code 5: a and c above. If the centre is above, a and c connect through it.
                    if (code == 5) == centreAbove { add(left, top); add(bottom, right) } else { add(left, bottom); add(right, top) }
                default: break
                }
            }
        }
        return out
    }
}
