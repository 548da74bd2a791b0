/// Antialiased lines of any width: each segment a round-capped capsule, coverage
/// `clamp(thickness/2 + 0.5 − d, 0, min(1, thickness))`; a polyline combines its segments'
/// coverage by `max` before blending once, so joints are not darkened.
extension Canvas {
    /// Draws connected segments through `points` (pixel-centre coordinates); non-finite points
    /// are skipped. A single point draws a dot of diameter `thickness`.
    public func polyline(_ points: [(x: Double, y: Double)], color: Color, thickness: Double = 1) {
        guard thickness > 0, color.a > 0 else { return }
        let pts = points.filter { $0.x.isFinite && $0.y.isFinite }
        guard let box = lineBox(pts, thickness: thickness) else { return }
        var coverage = [Float](repeating: 0, count: box.width * box.height)
        // Consecutive points, or a single point twice (a dot).
        let segments = pts.count == 1 ? [(pts[0], pts[0])] : Array(zip(pts, pts.dropFirst()))
        for (a, b) in segments {
            Canvas.rasterize(a, b, thickness: thickness, box: box) { px, py, c in
                let idx = (py - box.y0) * box.width + (px - box.x0)
                coverage[idx] = max(coverage[idx], c)
            }
        }
        for (k, c) in coverage.enumerated() where c > 0.002 {
            let packed = Canvas.packed(color, coverage: Double(c))
            blend(x: box.x0 + k % box.width, y: box.y0 + k / box.width, packed: packed)
        }
    }

    /// The pixels a line through `pts` (finite, at least one) may cover, within the clip;
    /// `nil` if none.
    private func lineBox(_ pts: [(x: Double, y: Double)], thickness: Double) -> PixelRect? {
        let xs = pts.map(\.x), ys = pts.map(\.y), reach = thickness / 2 + 1
        guard let minX = xs.min(), let maxX = xs.max(), let minY = ys.min(), let maxY = ys.max() else { return nil }
        let box = PixelRect(
            x0: max(clipRect.x0, Int(max(minX - reach, -1e9).rounded(.down))),
            y0: max(clipRect.y0, Int(max(minY - reach, -1e9).rounded(.down))),
            x1: min(clipRect.x1, Int(min(maxX + reach, 1e9).rounded(.up))),
            y1: min(clipRect.y1, Int(min(maxY + reach, 1e9).rounded(.up))))
        return box.x0 <= box.x1 && box.y0 <= box.y1 ? box : nil
    }

    /// Hands `emit(x, y, coverage)` each pixel of `box` within reach of one capsule, once,
    /// with its coverage (> 0), visiting only the pixels near the segment: along the major
    /// axis, a band around the segment.
    @inline(__always)
    private static func rasterize(_ a: (x: Double, y: Double), _ b: (x: Double, y: Double), thickness: Double,
                                  box: PixelRect, _ emit: (_ x: Int, _ y: Int, _ coverage: Float) -> Void) {
        let hw = thickness / 2, cap = min(1, thickness)
        let xMajor = abs(b.x - a.x) >= abs(b.y - a.y)
        // Work in (u, v) = (major, minor) coordinates.
        let (au, av, bu, bv) = xMajor ? (a.x, a.y, b.x, b.y) : (a.y, a.x, b.y, b.x)
        let (uLo, uHi) = xMajor ? (box.x0, box.x1) : (box.y0, box.y1)
        let (vLo, vHi) = xMajor ? (box.y0, box.y1) : (box.x0, box.x1)
        let du = bu - au, dv = bv - av
        // A pixel at distance ≥ reach from the segment's line is at least that far from the
        // segment, so it has no coverage: rejected by a cross product, before the square root.
        let (vx, vy) = (b.x - a.x, b.y - a.y)
        let reach = hw + 0.5, farCross = reach * reach * (vx * vx + vy * vy)
        let slope = du != 0 ? dv / du : 0
        let band = (hw + 1) * (1 + slope * slope).squareRoot() + 1
        let u0 = max(uLo, Int((min(au, bu) - hw - 1).rounded(.down)))
        let u1 = min(uHi, Int((max(au, bu) + hw + 1).rounded(.up)))
        guard u0 <= u1 else { return }
        for u in u0...u1 {
            let t = du != 0 ? min(max((Double(u) - au) / du, 0), 1) : 0
            let vc = av + t * dv
            let v0 = max(vLo, Int((vc - band).rounded(.down))), v1 = min(vHi, Int((vc + band).rounded(.up)))
            guard v0 <= v1 else { continue }
            for v in v0...v1 {
                let p = xMajor ? (x: Double(u), y: Double(v)) : (x: Double(v), y: Double(u))
                let cross = (p.x - a.x) * vy - (p.y - a.y) * vx
                if cross * cross >= farCross && farCross > 0 { continue }
                let d = MarkerStamp.segmentDistance(p, (a.x, a.y), (b.x, b.y))
                let c = Float(min(max(hw + 0.5 - d, 0), cap))
                guard c > 0 else { continue }
                let (px, py) = xMajor ? (u, v) : (v, u)
                emit(px, py, c)
            }
        }
    }
}
