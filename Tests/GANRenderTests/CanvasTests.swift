import Testing
@testable import GANRender

@Suite("Canvas")
struct CanvasTests {
    @Test func pngRoundTripKeepsSizeAndPixels() throws {
        let canvas = Canvas(width: 123, height: 45, background: .white)
        canvas.fillRect(x0: 10, y0: 5, x1: 19, y1: 14, color: Color(hex: 0x336699))
        let png = canvas.pngData()
        #expect(PNGPaletteTests.colorType(png) == 2)  // opaque truecolor → RGB
        let decoded = try Canvas.decodePNG(png)
        #expect(decoded.width == 123 && decoded.height == 45)
        #expect(decoded.pixel(x: 15, y: 10) == Color(hex: 0x336699))
        #expect(decoded.pixel(x: 9, y: 10) == .white)
        #expect(decoded.pixel(x: 20, y: 10) == .white)
    }

    @Test func translucentBackgroundKeepsAlphaInPNG() throws {
        let canvas = Canvas(width: 8, height: 8, background: .clear)
        #expect(PNGPaletteTests.colorType(canvas.pngData()) == 6)
        #expect(try Canvas.decodePNG(canvas.pngData()).pixel(x: 3, y: 3).a == 0)
    }

    @Test func translucentFillBlendsWithBackground() {
        let canvas = Canvas(width: 10, height: 10, background: .white)
        canvas.fillRect(x0: 0, y0: 0, x1: 9, y1: 9, color: Color.black.withAlpha(0.5))
        let p = canvas.pixel(x: 5, y: 5)
        #expect((120...136).contains(Int(p.r)))
        #expect(p.r == p.g && p.g == p.b && p.a == 255)
    }

    /// ``Canvas/blend(x:y:packed:)`` reimplements libgd's `gdAlphaBlend` in Swift;
    /// ``Canvas/fillRect(x0:y0:x1:y1:color:)`` blends a translucent colour through libgd's
    /// `gdImageFilledRectangle`. Both must give the same pixel for every pairing of
    /// (translucent) backgrounds and colours.
    @Test func swiftBlendIsLibgdsBlend() {
        let alphas: [UInt8] = [0, 1, 2, 3, 60, 127, 128, 200, 253, 254, 255]
        let rgbs: [UInt32] = [0x000000, 0xFFFFFF, 0x123456, 0xFE01A7, 0x80FF00]
        var compared = 0
        for da in alphas where da > 0 {
            for dc in rgbs {
                let dst = Color(hex: dc).withAlpha(Double(da) / 255)
                for sa in alphas {
                    for sc in rgbs {
                        let src = Color(hex: sc).withAlpha(Double(sa) / 255)
                        // fillRect: libgd's gdImageFilledRectangle (opaque: stored, as blending does).
                        let viaLibgd = Canvas(width: 1, height: 1, background: dst)
                        let viaSwift = Canvas(width: 1, height: 1, background: dst)
                        viaLibgd.fillRect(x0: 0, y0: 0, x1: 0, y1: 0, color: src)
                        viaSwift.blend(x: 0, y: 0, packed: Canvas.packed(src))
                        #expect(viaSwift.pixel(x: 0, y: 0) == viaLibgd.pixel(x: 0, y: 0), "\(src) over \(dst)")
                        compared += 1
                    }
                }
            }
        }
        #expect(compared == 10 * 5 * 11 * 5)
        // Outside the clip nothing is written.
        let c = Canvas(width: 4, height: 4, background: .white)
        let saved = c.clip(to: PixelRect(x0: 1, y0: 1, x1: 2, y1: 2))
        c.blend(x: 0, y: 1, packed: Canvas.packed(.black))
        c.blend(x: 1, y: 3, packed: Canvas.packed(.black))
        c.blend(x: 2, y: 2, packed: Canvas.packed(.black))
        c.clip(to: saved)  // libgd reads pixels outside the clip as black
        #expect(c.pixel(x: 0, y: 1) == .white && c.pixel(x: 1, y: 3) == .white && c.pixel(x: 2, y: 2) == .black)
    }

    /// A layer that clips to its own panel puts back the clip it found: after an inner
    /// `clip(to:)` and back, drawing is limited to the outer rectangle again (it used
    /// to be reset to the whole canvas).
    @Test func nestedClipsRestoreTheOuterOne() {
        let c = Canvas(width: 10, height: 10, background: .white)
        let full = c.clip(to: PixelRect(x0: 2, y0: 2, x1: 7, y1: 7))
        #expect(full == PixelRect(x0: 0, y0: 0, x1: 9, y1: 9))
        let outer = c.clip(to: PixelRect(x0: 4, y0: 4, x1: 5, y1: 5))
        #expect(outer == PixelRect(x0: 2, y0: 2, x1: 7, y1: 7))
        c.fillRect(x0: 0, y0: 0, x1: 9, y1: 9, color: .black)
        c.clip(to: outer)
        c.fillRect(x0: 0, y0: 0, x1: 9, y1: 0, color: .black)   // the top row: outside the outer clip
        c.fillRect(x0: 0, y0: 3, x1: 9, y1: 3, color: .black)   // row 3: inside it from x = 2 to 7
        c.clip(to: full)
        let black = (0..<10).flatMap { y in (0..<10).map { (x: $0, y: y) } }.filter { c.pixel(x: $0.x, y: $0.y) == .black }
        let want = [(4, 4), (5, 4), (4, 5), (5, 5)] + (2...7).map { ($0, 3) }
        #expect(Set(black.map { "\($0.x),\($0.y)" }) == Set(want.map { "\($0.0),\($0.1)" }))
    }

    /// A single thick segment, every pixel of the canvas against the coverage formula of
    /// Canvas+Lines.swift (clamp(w/2 + 0.5 − d, 0, min(1, w)), blended once when above 0.002):
    /// the rasteriser's shortcuts (far pixels rejected, only each row's covered span blended)
    /// must not change a pixel.
    @Test(arguments: [(3.2, 4.7, 52.9, 30.1, 1.3), (10.0, 40.0, 12.5, 3.0, 2.5), (5.5, 5.5, 50.0, 5.5, 0.8)])
    func lineMatchesItsCoverageFormula(_ l: (Double, Double, Double, Double, Double)) {
        let (x0, y0, x1, y1, w) = l
        let color = Color(hex: 0x0072B2).withAlpha(0.9)
        let c = Canvas(width: 60, height: 45, background: .white)
        c.polyline([(x0, y0), (x1, y1)], color: color, thickness: w)
        var inked = 0
        for y in 0..<45 {
            for x in 0..<60 {
                let d = MarkerStamp.segmentDistance((Double(x), Double(y)), (x0, y0), (x1, y1))
                let cov = Float(min(max(w / 2 + 0.5 - d, 0), min(1, w)))
                let want = cov > 0.002 ? Canvas.alphaBlend(dst: Canvas.packed(.white), src: Canvas.packed(color, coverage: Double(cov)))
                                       : Canvas.packed(.white)
                let probe = Canvas(width: 1, height: 1, background: .white)
                probe.blend(x: 0, y: 0, packed: want)
                #expect(c.pixel(x: x, y: y) == probe.pixel(x: 0, y: 0), "(\(x), \(y))")
                if cov > 0.002 { inked += 1 }
            }
        }
        #expect(inked > 40)
    }

    /// A segment drawn alone and the same segment drawn as a polyline with a non-finite point
    /// in the middle (skipped) or its end repeated (a zero-length segment, whose capsule lies
    /// inside the first) give the same pixels; so does a dot with or without non-finite points.
    @Test(arguments: [(3.2, 4.7, 52.9, 30.1, 1.3), (10.0, 40.0, 12.5, 3.0, 2.5), (30.0, 20.0, 30.0, 20.0, 3.0)])
    func segmentDrawnDirectlyEqualsItsPolyline(_ l: (Double, Double, Double, Double, Double)) {
        let (x0, y0, x1, y1, w) = l
        let color = Color(hex: 0xD55E00).withAlpha(0.8)
        let direct = Canvas(width: 60, height: 45, background: Color(hex: 0xEBEBEB))
        direct.polyline([(x0, y0), (x1, y1)], color: color, thickness: w)
        let buffered = Canvas(width: 60, height: 45, background: Color(hex: 0xEBEBEB))
        buffered.polyline([(x0, y0), (x1, y1), (x1, y1)], color: color, thickness: w)
        let skipped = Canvas(width: 60, height: 45, background: Color(hex: 0xEBEBEB))
        skipped.polyline([(x0, y0), (.nan, 3), (x1, y1)], color: color, thickness: w)
        let dot = Canvas(width: 60, height: 45, background: Color(hex: 0xEBEBEB))
        dot.polyline([(x0, y0), (.infinity, 1), (2, .nan)], color: color, thickness: w)
        let dotDirect = Canvas(width: 60, height: 45, background: Color(hex: 0xEBEBEB))
        dotDirect.polyline([(x0, y0)], color: color, thickness: w)
        var inked = 0
        for y in 0..<45 {
            for x in 0..<60 {
                let p = direct.pixel(x: x, y: y)
                #expect(p == buffered.pixel(x: x, y: y) && p == skipped.pixel(x: x, y: y), "(\(x), \(y))")
                #expect(dot.pixel(x: x, y: y) == dotDirect.pixel(x: x, y: y), "dot (\(x), \(y))")
                if p != Color(hex: 0xEBEBEB) { inked += 1 }
            }
        }
        #expect(inked > 5)
    }

    @Test func croppedCopiesTheRectAndDrawsBackExactly() {
        let a = Canvas(width: 30, height: 20, background: .white)
        a.polyline([(2, 3), (27, 16)], color: Color(hex: 0x0072B2).withAlpha(0.7), thickness: 2.5)
        a.text("Ag", x: 4, y: 4, size: 12, color: .black)
        let r = PixelRect(x0: 5, y0: 2, x1: 24, y1: 14)
        let crop = a.cropped(to: r)
        #expect(crop.width == 20 && crop.height == 13)
        let b = Canvas(width: 30, height: 20, background: Color(hex: 0xFF0000))
        b.draw(crop, x: r.x0, y: r.y0)
        var inked = 0
        for y in 0..<20 {
            for x in 0..<30 {
                let inside = x >= r.x0 && x <= r.x1 && y >= r.y0 && y <= r.y1
                #expect(b.pixel(x: x, y: y) == (inside ? a.pixel(x: x, y: y) : Color(hex: 0xFF0000)), "(\(x), \(y))")
                if inside && a.pixel(x: x, y: y) != .white { inked += 1 }
            }
        }
        #expect(inked > 20)
    }

    @Test func clipRectangleStopsDrawing() {
        let canvas = Canvas(width: 20, height: 20, background: .white)
        let saved = canvas.clip(to: PixelRect(x0: 5, y0: 5, x1: 9, y1: 9))
        canvas.fillRect(x0: 0, y0: 0, x1: 19, y1: 19, color: .black)
        canvas.polyline([(0, 15), (19, 15)], color: .black, thickness: 3)
        canvas.clip(to: saved)
        #expect(canvas.pixel(x: 7, y: 7) == .black)
        #expect(canvas.pixel(x: 4, y: 7) == .white)
        #expect(canvas.pixel(x: 7, y: 15) == .white)
    }

    @Test func rectOutlineLeavesInteriorUntouched() {
        let canvas = Canvas(width: 20, height: 20, background: .white)
        canvas.rect(x0: 2, y0: 2, x1: 17, y1: 17, color: .black, thickness: 2)
        #expect(canvas.pixel(x: 2, y: 10) == .black)
        #expect(canvas.pixel(x: 3, y: 10) == .black)
        #expect(canvas.pixel(x: 4, y: 10) == .white)
        #expect(canvas.pixel(x: 17, y: 17) == .black)
    }

    @Test func drawCompositesSubCanvas() {
        let panel = Canvas(width: 4, height: 3, background: Color(hex: 0xFF8800))
        let canvas = Canvas(width: 10, height: 10, background: .white)
        canvas.draw(panel, x: 5, y: 6)
        #expect(canvas.pixel(x: 5, y: 6) == Color(hex: 0xFF8800))
        #expect(canvas.pixel(x: 8, y: 8) == Color(hex: 0xFF8800))
        #expect(canvas.pixel(x: 9, y: 8) == .white)
        #expect(canvas.pixel(x: 4, y: 6) == .white)
    }

    @Test func drawCopiesOpaqueBlendsTranslucentSkipsTransparentAndHonoursTheClip() {
        let panel = Canvas(width: 6, height: 2, background: .clear)
        panel.fillRect(x0: 0, y0: 0, x1: 1, y1: 1, color: Color(hex: 0x0000FF))
        panel.fillRect(x0: 2, y0: 0, x1: 3, y1: 1, color: Color.black.withAlpha(0.5))
        let canvas = Canvas(width: 10, height: 10, background: Color(hex: 0xFFFF00))
        let saved = canvas.clip(to: PixelRect(x0: 0, y0: 0, x1: 9, y1: 4))
        canvas.draw(panel, x: 1, y: 4)
        canvas.clip(to: saved)
        #expect(canvas.pixel(x: 1, y: 4) == Color(hex: 0x0000FF))      // opaque: copied
        let half = canvas.pixel(x: 3, y: 4)                              // translucent: blended
        #expect((120...136).contains(Int(half.r)) && half.b == 0 && half.a == 255)
        #expect(canvas.pixel(x: 5, y: 4) == Color(hex: 0xFFFF00))      // transparent: skipped
        #expect(canvas.pixel(x: 1, y: 5) == Color(hex: 0xFFFF00))      // below the clip
    }

    @Test func antialiasedLineCoversItsPath() {
        let canvas = Canvas(width: 50, height: 50, background: .white)
        canvas.polyline([(5, 20), (45, 20)], color: .black, thickness: 1)
        canvas.polyline([(5, 5), (45, 45)], color: .black, thickness: 2)
        #expect(canvas.pixel(x: 25, y: 20) == .black)   // crisp on the pixel row
        #expect(canvas.pixel(x: 25, y: 21) == .white)
        #expect(canvas.pixel(x: 30, y: 30).r < 40)       // on the diagonal
        #expect(canvas.pixel(x: 30, y: 10) == .white)
    }

    @Test("every marker kind paints its centre", arguments: MarkerKind.allCases)
    func markerPaintsCentre(kind: MarkerKind) {
        let canvas = Canvas(width: 21, height: 21, background: .white)
        canvas.marker(kind, x: 10, y: 10, size: 7, color: .seedGenerated)
        #expect(canvas.pixel(x: 10, y: 10) == .seedGenerated)
        #expect(canvas.pixel(x: 0, y: 0) == .white)
        #expect(canvas.pixel(x: 10, y: 15) == .white)
    }

    @Test func plusIsUprightAndCrossIsDiagonal() {
        let plus = Canvas(width: 21, height: 21, background: .white)
        plus.marker(.plus, x: 10, y: 10, size: 7, color: .black)
        #expect(plus.pixel(x: 13, y: 10) == .black)
        #expect(plus.pixel(x: 12, y: 12) == .white)
        let cross = Canvas(width: 21, height: 21, background: .white)
        cross.marker(.cross, x: 10, y: 10, size: 7, color: .black)
        #expect(cross.pixel(x: 12, y: 12) == .black)
        #expect(cross.pixel(x: 13, y: 10) == .white)
    }

    @Test func textInksNearItsAnchorOnly() {
        let canvas = Canvas(width: 200, height: 60, background: .white)
        canvas.text("Hello", x: 10, y: 10, size: 20, color: .black)
        var inked = 0
        for y in 0..<60 { for x in 0..<200 where canvas.pixel(x: x, y: y).r < 128 { inked += 1 } }
        #expect(inked > 30)
        for y in 0..<60 { #expect(canvas.pixel(x: 150, y: y) == .white) }
        for x in 0..<200 { #expect(canvas.pixel(x: x, y: 50) == .white) }
    }

    @Test func textWidthGrowsWithTextAndSize() {
        let short = Canvas.textWidth("step", size: 12)
        #expect(short > 10)
        #expect(Canvas.textWidth("step 25000", size: 12) > short)
        #expect(Canvas.textWidth("step", size: 24) > short * 1.5)
        #expect(Canvas.textWidth("", size: 12) == 0)
    }

    @Test func decodingGarbageThrows() {
        #expect(throws: RenderError.self) { try Canvas.decodePNG([1, 2, 3]) }
        #expect(throws: RenderError.self) { try Canvas.decodePNG(Array("not a png at all, just some text".utf8)) }
    }

    @Test func decodingACorruptOrTruncatedPNGThrows() throws {
        let png = Canvas(width: 5, height: 5, background: .white).pngData()
        var corrupt = png
        corrupt[20] ^= 0xFF  // inside IHDR's width field: its CRC no longer matches
        #expect(throws: RenderError.self) { try Canvas.decodePNG(corrupt) }
        #expect(throws: RenderError.self) { try Canvas.decodePNG(Array(png.prefix(png.count / 2))) }
        #expect(try Canvas.decodePNG(png).width == 5)
    }
}

/// Text drawn through the cache of rendered strings matches FreeType drawing straight onto
/// the canvas, on plain and on varying backgrounds, upright and vertical, and under a clip.
@Suite("Canvas text cache")
struct CanvasTextCacheTests {
    static func background() -> Canvas {
        let c = Canvas(width: 220, height: 90, background: .white)
        var colors: [Color] = []
        for _ in 0..<40 { for i in 0..<220 { colors.append(ColorMap.viridis.color(at: Double(i) / 219)) } }
        c.storePixels(x0: 0, y0: 50, width: 220, height: 40, colors: colors)
        return c
    }

    @Test(arguments: [false, true])
    func cachedTextMatchesDirectFreeType(vertical: Bool) throws {
        let cached = Self.background(), direct = Self.background()
        let lines: [(String, Double, Double, Color)] = [
            ("step 25000", 10, 30, .ink), ("D(x) = σ(logit)", 40, 75, .white), ("−2.5", 150, 60, .ggplotText),
        ]
        for (s, x, y, color) in lines {
            // Twice, so the second call comes from the cache.
            for _ in 0..<2 { cached.text(s, x: x, y: y, size: 13, color: color, anchor: TextAnchor(.left, .baseline), vertical: vertical) }
            _ = direct.freeTypeText(s, x: x, y: y, size: 13, color: color, bold: false, vertical: vertical)
            _ = direct.freeTypeText(s, x: x, y: y, size: 13, color: color, bold: false, vertical: vertical)
        }
        var inked = 0, differing = 0, largest = 0
        let blank = Self.background()
        for y in 0..<cached.height {
            for x in 0..<cached.width {
                let p = cached.pixel(x: x, y: y), q = direct.pixel(x: x, y: y)
                if q != blank.pixel(x: x, y: y) { inked += 1 }
                let d = max(abs(Int(p.r) - Int(q.r)), abs(Int(p.g) - Int(q.g)), abs(Int(p.b) - Int(q.b)))
                if d > 0 { differing += 1; largest = max(largest, d) }
            }
        }
        try #require(inked > 100, "FreeType drew nothing")
        #expect(largest <= 2 && differing * 20 <= inked, "\(differing) of \(inked) inked pixels differ, by up to \(largest)")
    }

    @Test func cachedTextHonoursTheClip() {
        let c = Canvas(width: 120, height: 40, background: .white)
        c.text("clipped text", x: 5, y: 30, size: 14, color: .black, anchor: TextAnchor(.left, .baseline))  // fills the cache
        let d = Canvas(width: 120, height: 40, background: .white)
        let saved = d.clip(to: PixelRect(x0: 0, y0: 0, x1: 40, y1: 39))
        d.text("clipped text", x: 5, y: 30, size: 14, color: .black, anchor: TextAnchor(.left, .baseline))
        d.clip(to: saved)  // libgd reads pixels outside the clip as black
        var outside = 0, inside = 0
        for y in 0..<40 {
            for x in 0..<120 where d.pixel(x: x, y: y) != .white { if x > 40 { outside += 1 } else { inside += 1 } }
        }
        #expect(inside > 20 && outside == 0, "\(inside) inside, \(outside) outside the clip")
    }
}
