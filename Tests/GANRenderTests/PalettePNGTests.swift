import Testing
@testable import GANRender

/// The palette PNG writer (``PalettePNG`` with ``RowDeflate`` at level 1, zlib at other
/// levels) against the libgd path it replaced: decoded by libgd, every pixel must be the
/// same, for exact and reduced palettes, odd sizes, 1×1, and images large enough to be
/// compressed in two parts.
@Suite("Palette PNG writer")
struct PalettePNGTests {
    /// A canvas whose pixels come from `color(x, y)`.
    static func canvas(width: Int, height: Int, _ color: (Int, Int) -> UInt32) -> Canvas {
        let c = Canvas(width: width, height: height, background: .white)
        var colors: [Color] = []
        colors.reserveCapacity(width * height)
        for y in 0..<height {
            for x in 0..<width { colors.append(Color(hex: color(x, y))) }
        }
        c.storePixels(x0: 0, y0: 0, width: width, height: height, colors: colors)
        return c
    }

    /// A smooth field quantised to `levels` greys with flat bands and a sprinkle of noise:
    /// long runs, rows that repeat the row above, and literals (as a heatmap panel has).
    static func field(width: Int, height: Int, levels: Int, seed: UInt64) -> Canvas {
        var rng = SplitMix(seed: seed)
        return canvas(width: width, height: height) { x, y in
            if y % 97 < 9 { return 0xE5E5E5 }                        // a flat band
            if rng.next() < 0.02 { return UInt32(rng.next() * 16_777_215) & 0xFF_FFFF }
            let v = (Double(x) / Double(width) + Double(y / 3) / Double(height)) / 2
            let g = UInt32(min(levels - 1, Int(v * Double(levels)))) * 255 / UInt32(max(1, levels - 1))
            return g << 16 | (255 - g) << 8 | 0x40
        }
    }

    static let images: [(name: String, make: @Sendable () -> Canvas)] = [
        ("1x1", { Canvas(width: 1, height: 1, background: Color(hex: 0x123456)) }),
        ("1x1 drawn", { canvas(width: 1, height: 1) { _, _ in 0xABCDEF } }),
        ("odd 37x23, 200 colours", { canvas(width: 37, height: 23) { x, y in UInt32((x * 7 + y * 13) % 200) * 0x010203 } }),
        ("single column", { canvas(width: 1, height: 300) { _, y in UInt32(y % 5) * 0x333333 } }),
        ("single row", { canvas(width: 999, height: 1) { x, _ in UInt32(x / 7 % 256) * 0x000101 } }),
        ("two colours", {
            let c = Canvas(width: 61, height: 17, background: .white)
            c.fillRect(x0: 3, y0: 3, x1: 40, y1: 12, color: .black)
            return c
        }),
        ("scatter, > 256 colours", { PNGPaletteTests.scatter() }),
        ("ramp, 600 levels", { PNGPaletteTests.ramp() }),
        ("field 257x259", { field(width: 257, height: 259, levels: 256, seed: 1) }),
        ("field 1280x720, two parts", { field(width: 1280, height: 720, levels: 300, seed: 2) }),
        ("field 401x655 (odd, two parts)", { field(width: 401, height: 655, levels: 40, seed: 3) }),
    ]

    @Test(arguments: 0..<images.count)
    func decodesToTheSamePixelsAsLibgdsPalettePNG(_ i: Int) throws {
        let image = Self.images[i].make()
        for mode in [PNGColorMode.reduced, .lossless] {
            guard let reference = image._libgdPalettePNG(compression: 1, colors: mode) else {
                #expect(mode == .lossless, "\(Self.images[i].name): libgd found no palette for \(mode)")
                continue
            }
            let expected = try Canvas.decodePNG(reference)
            for level in [1, 0, 6, 9] {
                let png = image.pngData(compression: level, colors: mode)
                let info = try PNGInfo(bytes: png)
                #expect(info.colorType == 3 && info.bitDepth == 8 && info.chunkTypes == ["IHDR", "PLTE", "IDAT", "IEND"])
                #expect(info.width == image.width && info.height == image.height)
                let d = PNGPaletteTests.difference(expected, try Canvas.decodePNG(png))
                #expect(d.count == 0, "\(Self.images[i].name), \(mode), level \(level): \(d)")
            }
            if mode == .lossless || PNGPaletteTests.distinctColors(image) <= 256 {
                #expect(PNGPaletteTests.difference(image, expected).count == 0, "\(Self.images[i].name): exact palette")
            }
        }
    }

    /// The palette built in two bands (histograms merged) maps every pixel as one sequential
    /// pass does: a histogram of all rows in order, ``ColorPalette``, and each pixel's entry.
    @Test(arguments: 0..<images.count)
    func bandsGiveTheSamePixelsAsOneSequentialPass(_ i: Int) throws {
        let image = Self.images[i].make()
        var h = ColorHistogram(limit: 65_536)
        for y in 0..<image.height {
            let row = (0..<image.width).map { x -> Int32 in
                let p = image.pixel(x: x, y: y)
                return Int32(p.r) << 16 | Int32(p.g) << 8 | Int32(p.b)
            }
            try #require(row.withUnsafeBufferPointer { h.add(row: $0.baseAddress!, count: $0.count) })
        }
        let palette = ColorPalette(histogram: h)
        let decoded = try Canvas.decodePNG(image.pngData(compression: 1, colors: .reduced))
        var differing = 0
        for y in 0..<image.height {
            for x in 0..<image.width {
                let p = image.pixel(x: x, y: y)
                let c = palette.colors[Int(palette.indexOfEntry[h.entryIndex(of: UInt32(p.r) << 16 | UInt32(p.g) << 8 | UInt32(p.b))])]
                if decoded.pixel(x: x, y: y) != Color(hex: c) { differing += 1 }
            }
        }
        #expect(differing == 0, "\(Self.images[i].name): \(differing) pixels")
    }

    /// Runs of the same index longer than deflate's longest match (258), rows that repeat
    /// the row above for a whole scanline, and a last row that matches only in part.
    /// Index buffers are kept from one encoding to the next (``IndexBuffers``), holding the
    /// previous image's bytes: frames of the same size and different content encoded one
    /// after another, twice over, must each decode to the pixels of libgd's palette PNG
    /// (whose index buffer, without filter bytes, has another size) and keep their bytes.
    @Test func reusedIndexBuffersGiveEveryFrameItsOwnPixels() throws {
        let frames = [Self.field(width: 640, height: 480, levels: 300, seed: 5), Self.field(width: 640, height: 480, levels: 7, seed: 6),
                      Self.canvas(width: 640, height: 480) { x, y in (x / 40 + y / 30) % 2 == 0 ? 0xFFFFFF : 0x000000 }]
        let want = try frames.map { try Canvas.decodePNG(try #require($0._libgdPalettePNG(compression: 1, colors: .reduced))) }
        let first = frames.map { $0.pngData(compression: 1, colors: .reduced) }
        for _ in 0..<2 {
            for (k, frame) in frames.enumerated() {
                let png = frame.pngData(compression: 1, colors: .reduced)
                #expect(png == first[k], "frame \(k)")
                #expect(PNGPaletteTests.difference(try Canvas.decodePNG(png), want[k]).count == 0, "frame \(k)")
            }
        }
    }

    @Test func longRunsAndRepeatedRowsRoundTrip() throws {
        let c = Self.canvas(width: 1000, height: 300) { x, y in
            y < 150 ? (x < 700 ? 0x112233 : 0x445566) : UInt32((x / 3 + y) % 7) * 0x202020
        }
        c.fillRect(x0: 990, y0: 299, x1: 999, y1: 299, color: .black)
        let decoded = try Canvas.decodePNG(c.pngData(compression: 1, colors: .lossless))
        #expect(PNGPaletteTests.difference(c, decoded).count == 0)
    }

    /// Deflate codes are at most 15 bits long (7 for the code-length code) and complete
    /// (Kraft sum 1), however skewed the counts: Fibonacci counts would give a 30-deep tree.
    @Test(arguments: [15, 7])
    func huffmanLengthsAreLimitedAndComplete(maxBits: Int) {
        var fib: [Int32] = [1, 1]
        while fib.count < 30 { fib.append(fib[fib.count - 1] + fib[fib.count - 2]) }
        let many = (0..<(maxBits == 15 ? 286 : 19)).map { Int32($0 % 17) }
        for counts in [fib, [5], [], [0, 0, 3, 0, 9], many] {
            let code = HuffmanCode(frequencies: counts + [Int32](repeating: 0, count: max(0, 2 - counts.count)), maxBits: maxBits)
            let lengths = code.lengths.map(Int.init)
            #expect(lengths.max()! <= maxBits)
            let kraft = lengths.filter { $0 > 0 }.reduce(0.0) { $0 + 1 / Double(1 << $1) }
            #expect(kraft == 1, "\(counts.prefix(6))…: Kraft sum \(kraft)")
            for (s, n) in counts.enumerated() where n > 0 { #expect(lengths[s] > 0) }
        }
    }

    /// Distance codes of RFC 1951's table, checked at the edges of their ranges.
    @Test func distanceCodesFollowTheRFCTable() {
        let cases: [(d: Int, code: Int, extraBits: Int, extra: UInt32)] = [
            (1, 0, 0, 0), (4, 3, 0, 0), (5, 4, 1, 0), (6, 4, 1, 1), (7, 5, 1, 0), (1025, 20, 9, 0),
            (1281, 20, 9, 256), (1536, 20, 9, 511), (1537, 21, 9, 0), (24_577, 29, 13, 0), (32_768, 29, 13, 8191),
        ]
        for c in cases {
            let r = RowDeflate.distanceCode(c.d)
            #expect(r.code == c.code && r.extraBits == c.extraBits && r.extra == c.extra, "distance \(c.d): \(r)")
        }
    }
}
