extension Canvas {
    /// A copy scaled to `width`×`height` by area averaging (box filter): each target pixel
    /// is the mean of the source pixels its footprint covers, so thin lines and points fade
    /// rather than vanish when a frame is shrunk into a panel. Enlarging repeats pixels.
    /// The copy is opaque (alpha is averaged away over `background`).
    public func resampled(width w: Int, height h: Int, background: Color = .white) -> Canvas {
        precondition(w > 0 && h > 0, "resampled size must be positive, got \(w)x\(h)")
        let out = Canvas(width: w, height: h, background: background)
        // One read per source pixel, row by row: [height, width] of premultiplied-over-background RGB.
        var src = [Double](repeating: 0, count: 3 * width * height)
        for y in 0..<height {
            for x in 0..<width {
                let c = pixel(x: x, y: y)
                let a = Double(c.a) / 255
                let k = 3 * (y * width + x)
                src[k] = Double(c.r) * a + Double(background.r) * (1 - a)
                src[k + 1] = Double(c.g) * a + Double(background.g) * (1 - a)
                src[k + 2] = Double(c.b) * a + Double(background.b) * (1 - a)
            }
        }
        var colors = [Color](repeating: background, count: w * h)
        for j in 0..<h {
            let y0 = j * height / h, y1 = max(y0 + 1, (j + 1) * height / h)
            for i in 0..<w {
                let x0 = i * width / w, x1 = max(x0 + 1, (i + 1) * width / w)
                var sum = (0.0, 0.0, 0.0)
                for y in y0..<y1 {
                    for x in x0..<x1 {
                        let k = 3 * (y * width + x)
                        sum.0 += src[k]; sum.1 += src[k + 1]; sum.2 += src[k + 2]
                    }
                }
                let n = Double((y1 - y0) * (x1 - x0))
                colors[j * w + i] = Color(r: UInt8((sum.0 / n).rounded()), g: UInt8((sum.1 / n).rounded()),
                                          b: UInt8((sum.2 / n).rounded()))
            }
        }
        out.storePixels(x0: 0, y0: 0, width: w, height: h, colors: colors)
        return out
    }
}
