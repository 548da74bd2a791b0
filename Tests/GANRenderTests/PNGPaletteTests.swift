import Testing
@testable import GANRender
import TestSupport

/// Palette PNGs (``Canvas/pngData(compression:palette:)``): exact when the image has at most
/// 256 colours, a median cut with flat colours kept exact when it has more; GIF frames use
/// the same palette.
@Suite("PNG palette")
struct PNGPaletteTests {
    /// Every pixel of two canvases of the same size, compared; returns (differing pixels,
    /// largest channel difference).
    static func difference(_ a: Canvas, _ b: Canvas) -> (count: Int, largest: Int) {
        var count = 0, largest = 0
        for y in 0..<a.height {
            for x in 0..<a.width {
                let p = a.pixel(x: x, y: y), q = b.pixel(x: x, y: y)
                let d = max(abs(Int(p.r) - Int(q.r)), abs(Int(p.g) - Int(q.g)), abs(Int(p.b) - Int(q.b)), abs(Int(p.a) - Int(q.a)))
                if d > 0 { count += 1; largest = max(largest, d) }
            }
        }
        return (count, largest)
    }

    /// A scatter frame with text, a legend and dense, overlapping translucent markers: more
    /// than 256 colours (checked by ``distinctColors(_:)`` in the tests).
    static func scatter() -> Canvas {
        var rng = SplitMix(seed: 3)
        let real = (0..<3000).map { _ in Float(rng.next() - 0.5) }, fake = (0..<3000).map { _ in Float(rng.next() * 0.8 - 0.3) }
        return ScatterFrame(series: [.seedReal(real), .seedGenerated(fake)], title: "step 1000").render()
    }

    static func distinctColors(_ c: Canvas) -> Int {
        var seen = Set<UInt32>()
        for y in 0..<c.height {
            for x in 0..<c.width {
                let p = c.pixel(x: x, y: y)
                seen.insert(UInt32(p.r) << 16 | UInt32(p.g) << 8 | UInt32(p.b))
            }
        }
        return seen.count
    }

    /// A horizontal grey ramp of 600 levels (in steps of 0.4) with a small red square.
    static func ramp() -> Canvas {
        let c = Canvas(width: 600, height: 40, background: .white)
        var colors: [Color] = []
        for _ in 0..<40 {
            for i in 0..<600 {
                colors.append(Color(r: UInt8(i * 2 / 5), g: UInt8((i * 2 + 1) / 5), b: UInt8(60 + i / 5), a: 255))
            }
        }
        c.storePixels(x0: 0, y0: 0, width: 600, height: 40, colors: colors)
        c.fillRect(x0: 300, y0: 18, x1: 302, y1: 20, color: Color(hex: 0xFF0000))
        return c
    }

    /// The colour type a PNG's IHDR declares (byte 25: the 8-byte signature, the chunk's
    /// length and type, then width, height and bit depth): 2 RGB, 3 palette, 6 RGBA.
    static func colorType(_ png: [UInt8]) -> UInt8 { png[25] }

    @Test func fewColoursGiveAPalettePNGThatDecodesToTheSamePixelsAsTruecolor() throws {
        let c = Canvas(width: 60, height: 40, background: .white)
        c.fillRect(x0: 5, y0: 5, x1: 30, y1: 30, color: Color(hex: 0x336699))
        c.fillRect(x0: 20, y0: 20, x1: 50, y1: 35, color: Color.seedReal.withAlpha(0.8))
        c.marker(.cross, x: 45, y: 10, size: 7, color: .seedGenerated)
        try #require(Self.distinctColors(c) <= 256)
        let truecolor = c.pngData(), palette = c.pngData(compression: 1, palette: true)
        #expect(Self.colorType(truecolor) == 2)
        #expect(Self.colorType(palette) == 3)
        let d = Self.difference(try Canvas.decodePNG(truecolor), try Canvas.decodePNG(palette))
        #expect(d.count == 0)
        #expect(Self.difference(c, try Canvas.decodePNG(palette)).count == 0)
    }

    @Test func reducedSeedFrameChangesOnlyRarePixelsSlightly() throws {
        let frame = Self.scatter()
        try #require(Self.distinctColors(frame) > 256)
        let png = frame.pngData(compression: 1, palette: true)
        #expect(Self.colorType(png) == 3)
        let decoded = try Canvas.decodePNG(png)
        let d = Self.difference(frame, decoded)
        #expect(d.count > 0, "the frame has more than 256 colours, so some must merge")
        #expect(d.count < 2000 && d.largest <= 8, "\(d)")
        // Flat colours are exact: the panel, the background, a grid line.
        let axes = ScatterFrame(series: []).axes
        let px = Int(axes.pixel(x: 0, y: 0).x.rounded())
        for (x, y) in [(2, 2), (axes.plotRect.x0 + 3, axes.plotRect.y1 - 3), (px, axes.plotRect.y1 - 3)] {
            #expect(decoded.pixel(x: x, y: y) == frame.pixel(x: x, y: y))
        }
    }

    @Test func rampKeepsItsSmallRedSquareAndStaysClose() throws {
        let c = Self.ramp()
        let decoded = try Canvas.decodePNG(c.pngData(palette: true))
        #expect(decoded.pixel(x: 301, y: 19) == Color(hex: 0xFF0000))
        let d = Self.difference(c, decoded)
        #expect(d.largest <= 3, "600 ramp levels in 255 boxes: each pixel within a few levels, got \(d.largest)")
    }

    @Test func translucentCanvasStaysRGBAEvenAsPalette() throws {
        let c = Canvas(width: 8, height: 8, background: .clear)
        c.fillRect(x0: 2, y0: 2, x1: 5, y1: 5, color: .black)
        #expect(Self.colorType(c.pngData(palette: true)) == 6)
    }

    /// Odd sizes, a single row or column, 1×1: the palette PNG decodes to the canvas's size,
    /// and every pixel to the palette colour ``ColorPalette`` gives its colour.
    @Test(arguments: [(1, 1), (37, 23), (1, 300), (999, 1), (401, 655)])
    func everyPixelDecodesToItsPaletteColour(width: Int, height: Int) throws {
        var rng = SplitMix(seed: UInt64(width * 1000 + height))
        let c = Canvas(width: width, height: height, background: .white)
        var colors: [Color] = []
        for y in 0..<height {
            for x in 0..<width {
                // Runs of a flat colour, a smooth field and some noise: more than 256 colours when large.
                let v = UInt8((x + y / 3) % 256)
                colors.append(rng.next() < 0.02 ? Color(r: UInt8(rng.next() * 255), g: 7, b: 200)
                              : (y % 97 < 9 ? Color(hex: 0xE5E5E5) : Color(r: v, g: 255 - v, b: 0x40)))
            }
        }
        c.storePixels(x0: 0, y0: 0, width: width, height: height, colors: colors)
        var h = ColorHistogram(limit: 65_536)
        for y in 0..<height {
            let row = (0..<width).map { x -> Int32 in
                let p = c.pixel(x: x, y: y)
                return Int32(p.r) << 16 | Int32(p.g) << 8 | Int32(p.b)
            }
            try #require(row.withUnsafeBufferPointer { h.add(row: $0.baseAddress!, count: $0.count) })
        }
        let palette = ColorPalette(histogram: h)
        let decoded = try Canvas.decodePNG(c.pngData(compression: 1, palette: true))
        #expect(decoded.width == width && decoded.height == height)
        var differing = 0
        for y in 0..<height {
            for x in 0..<width {
                let p = c.pixel(x: x, y: y)
                let want = palette.colors[Int(palette.indexOfEntry[h.entryIndex(of: UInt32(p.r) << 16 | UInt32(p.g) << 8 | UInt32(p.b))])]
                if decoded.pixel(x: x, y: y) != Color(hex: want) { differing += 1 }
            }
        }
        #expect(differing == 0, "\(width)x\(height): \(differing) pixels")
        if palette.isExact { #expect(Self.difference(c, decoded).count == 0) }
    }

    @Test func samePixelsGiveTheSamePaletteBytes() {
        let a = Self.scatter().pngData(compression: 1, palette: true), b = Self.scatter().pngData(compression: 1, palette: true)
        #expect(a == b && Self.colorType(a) == 3)
    }

    @Test func paletteIsExactUpTo256ColoursAndRepresentsFlatColoursByTheirMode() {
        // 256 distinct colours: exact.
        var h = ColorHistogram(limit: 1000)
        var row = (0..<256).map { Int32($0 * 0x010101) }
        _ = row.withUnsafeBufferPointer { h.add(row: $0.baseAddress!, count: $0.count) }
        let exact = ColorPalette(histogram: h)
        #expect(exact.isExact && exact.colors.count == 256)
        // One dominant colour with close rare neighbours merged into its box keeps its value.
        var g = ColorHistogram(limit: 1000)
        row = [Int32](repeating: 0x808080, count: 1000) + (1...3).map { Int32(0x808080 + $0) }
        _ = row.withUnsafeBufferPointer { g.add(row: $0.baseAddress!, count: $0.count) }
        let merged = ColorPalette(histogram: g, maxColors: 1)
        #expect(!merged.isExact && merged.colors == [0x808080])
        // Without a dominant colour a box takes the pixel-weighted mean.
        var m = ColorHistogram(limit: 1000)
        row = [0x000000, 0x0A0A0A, 0x141414].flatMap { [Int32](repeating: $0, count: 10) }
        _ = row.withUnsafeBufferPointer { m.add(row: $0.baseAddress!, count: $0.count) }
        #expect(ColorPalette(histogram: m, maxColors: 1).colors == [0x0A0A0A])
        // The histogram counts pixels and reports overflow past its limit.
        #expect(m.entries.map(\.count) == [10, 10, 10])
        var small = ColorHistogram(limit: 2)
        row = [1, 2, 3]
        #expect(!row.withUnsafeBufferPointer { small.add(row: $0.baseAddress!, count: 3) })
    }

    /// Through 20 000 colours, with rows that revisit old colours, every colour keeps its
    /// count, its first-appearance position and its look-up.
    @Test func histogramGrowsWithoutLosingColours() throws {
        var h = ColorHistogram(limit: 65_536)
        var want: [UInt32: Int] = [:], order: [UInt32] = []
        var state: UInt32 = 12345
        for _ in 0..<40 {
            var row = [Int32](repeating: 0, count: 1500)
            for i in row.indices {
                state = state &* 1_664_525 &+ 1_013_904_223
                let c = (state >> 8) % 20_000 &* 0x000341 & 0xFF_FFFF   // ≤ 20 000 distinct colours
                row[i] = Int32(bitPattern: c | 0x7F00_0000)             // alpha bits are ignored
                if want[c] == nil { order.append(c) }
                want[c, default: 0] += 1
            }
            try #require(row.withUnsafeBufferPointer { h.add(row: $0.baseAddress!, count: $0.count) })
        }
        let entries = h.entries
        #expect(entries.count == order.count && order.count > 15_000)
        #expect(entries.map(\.color) == order)
        #expect(entries.allSatisfy { want[$0.color] == $0.count })
        #expect(order.indices.allSatisfy { h.entryIndex(of: order[$0]) == $0 })
    }

    @Test func gifOfAManyColouredFrameKeepsItsFrameCount() throws {
        let gif = try GIFAnimation.encode(frames: [Self.ramp(), Self.ramp()], delayCentiseconds: 10)
        let info = try GIFInfo(bytes: gif)
        #expect(info.frameCount == 2 && info.width == 600)
    }
}

/// A tiny deterministic generator for test data (SplitMix64).
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> Double {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Double((z ^ (z >> 31)) >> 11) / Double(1 << 53)
    }
}
