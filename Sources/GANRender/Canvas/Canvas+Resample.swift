extension Canvas {
    /// A copy scaled to `width`×`height` by area averaging (box filter): each target pixel
    /// is the mean of the source pixels its footprint covers, so thin lines and points fade
    /// rather than vanish when a frame is shrunk into a panel. Enlarging repeats pixels.
    /// The copy is opaque (alpha is averaged away over `background`).
    public func resampled(width w: Int, height h: Int, background: Color = .white) -> Canvas {
        precondition(w > 0 && h > 0, "resampled size must be positive, got \(w)x\(h)")
        let out = Canvas(width: w, height: h, background: background)
        func rgb(_ c: Color) -> SIMD3<Double> { SIMD3(Double(c.r), Double(c.g), Double(c.b)) }
        // One read per source pixel, row by row: RGB composited over the background.
        let bg = rgb(background)
        let src = (0..<height).flatMap { y in
            (0..<width).map { x in
                let c = pixel(x: x, y: y), a = Double(c.a) / 255
                return rgb(c) * a + bg * (1 - a)
            }
        }
        var colors = [Color](repeating: background, count: w * h)
        for j in 0..<h {
            let y0 = j * height / h, y1 = max(y0 + 1, (j + 1) * height / h)
            for i in 0..<w {
                let x0 = i * width / w, x1 = max(x0 + 1, (i + 1) * width / w)
                var sum = SIMD3<Double>.zero
                for y in y0..<y1 {
                    for x in x0..<x1 { sum += src[y * width + x] }
                }
                let m = (sum / Double((y1 - y0) * (x1 - x0))).rounded(.toNearestOrAwayFromZero)
                colors[j * w + i] = Color(r: UInt8(m.x), g: UInt8(m.y), b: UInt8(m.z))
            }
        }
        out.storePixels(x0: 0, y0: 0, width: w, height: h, colors: colors)
        return out
    }
}
