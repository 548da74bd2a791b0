import Testing
@testable import GANRender

/// ``ColorPalette``'s median cut splits boxes by per-value bins instead of sorting them: the
/// palette and the mapping must be those of the sorting median cut, which ``ReferenceMedianCut``
/// keeps as it was written before (sort each box along its widest channel, try every cut).
@Suite("Median cut")
struct MedianCutTests {
    /// A histogram of `count` distinct colours with pixel counts in `counts` (small ranges
    /// make many ties for a box's most frequent colour), in a random first-appearance order.
    static func histogram(colors count: Int, counts: ClosedRange<Int>, spread: UInt32, seed: UInt64) -> ColorHistogram {
        var rng = SplitMix(seed: seed)
        var seen = Set<UInt32>(), row: [Int32] = []
        while seen.count < count {
            // Colours clustered in a cube of side `spread` around a few centres, as a frame's are.
            let centre = [0x20_40_60, 0xE0_E0_E0, 0x44_AA_33, 0xFF_FF_FF][Int(rng.next() * 4)]
            var c: UInt32 = 0
            for shift: UInt32 in [16, 8, 0] {
                let v = Int((UInt32(centre) >> shift) & 0xFF) + Int(rng.next() * Double(spread)) - Int(spread / 2)
                c |= UInt32(min(max(v, 0), 255)) << shift
            }
            guard seen.insert(c).inserted else { continue }
            let n = counts.lowerBound + Int(rng.next() * Double(counts.count))
            row += [Int32](repeating: Int32(bitPattern: c), count: n)
        }
        var h = ColorHistogram(limit: 65_536)
        _ = row.withUnsafeBufferPointer { h.add(row: $0.baseAddress!, count: $0.count) }
        return h
    }

    static let cases: [(colors: Int, counts: ClosedRange<Int>, spread: UInt32)] = [
        (300, 1...2, 40), (2000, 1...3, 60), (5000, 1...50, 256), (1200, 1...1, 8), (4000, 1...4000, 120),
    ]

    @Test(arguments: 0..<cases.count, [256, 17, 2])
    func binsGiveTheSortingMedianCutsPalette(_ i: Int, maxColors: Int) {
        let c = Self.cases[i]
        let h = Self.histogram(colors: c.colors, counts: c.counts, spread: c.spread, seed: UInt64(7 + i))
        let want = ReferenceMedianCut(histogram: h, maxColors: maxColors)
        let bins = ColorPalette(histogram: h, maxColors: maxColors)
        let sorted = ColorPalette(histogram: h, maxColors: maxColors, bySorting: true)
        #expect(!bins.isExact && bins.colors.count == min(maxColors, c.colors))
        #expect(bins.colors == want.colors)
        #expect(bins.indexOfEntry == want.indexOfEntry)
        #expect(sorted.colors == want.colors && sorted.indexOfEntry == want.indexOfEntry)
    }

    /// Frames: a dense scatter (text, translucent markers) and a grey ramp.
    @Test func framesGetTheSortingMedianCutsPalette() {
        for canvas in [PNGPaletteTests.scatter(), PNGPaletteTests.ramp()] {
            var h = ColorHistogram(limit: 65_536)
            for y in 0..<canvas.height {
                let row = (0..<canvas.width).map { x -> Int32 in
                    let p = canvas.pixel(x: x, y: y)
                    return Int32(p.r) << 16 | Int32(p.g) << 8 | Int32(p.b)
                }
                _ = row.withUnsafeBufferPointer { h.add(row: $0.baseAddress!, count: $0.count) }
            }
            let want = ReferenceMedianCut(histogram: h, maxColors: 256), got = ColorPalette(histogram: h)
            #expect(h.entries.count > 256)
            #expect(got.colors == want.colors && got.indexOfEntry == want.indexOfEntry)
        }
    }
}

/// The median cut as ``ColorPalette`` computed it before its splits used bins: each split
/// sorts the box by (channel value, colour) and tries the cut after every item followed by
/// a different value of the channel; a box's representative is its first most frequent
/// colour in that order (or the weighted mean). Test-only reference.
struct ReferenceMedianCut {
    var colors: [UInt32] = []
    var indexOfEntry: [UInt8] = []

    init(histogram h: ColorHistogram, maxColors: Int) {
        var items = h.entries
        let n = items.count
        var boxes = [Box(start: 0, end: n, items: items)]
        while boxes.count < maxColors {
            guard let k = boxes.indices.max(by: { boxes[$0].error < boxes[$1].error }), boxes[k].error > 0 else { break }
            let (a, b) = boxes[k].split(&items)
            boxes[k] = a
            boxes.append(b)
        }
        indexOfEntry = [UInt8](repeating: 0, count: n)
        for (b, box) in boxes.enumerated() {
            colors.append(box.representative(items))
            for i in box.start..<box.end { indexOfEntry[items[i].entry] = UInt8(b) }
        }
    }

    struct Box {
        let start: Int, end: Int
        var pixels = 0.0, sum = SIMD3<Double>.zero, sumSquares = SIMD3<Double>.zero, error = 0.0

        init(start: Int, end: Int, items: [ColorHistogram.Entry]) {
            self.start = start
            self.end = end
            for i in start..<end {
                let w = Double(items[i].count), c = items[i].rgb
                pixels += w; sum += w * c; sumSquares += w * c * c
            }
            error = end - start < 2 ? 0 : channelError.sum()
        }

        var channelError: SIMD3<Double> { pixels > 0 ? sumSquares - sum * sum / pixels : .zero }

        func split(_ items: inout [ColorHistogram.Entry]) -> (Box, Box) {
            let e = channelError
            let axis = e.x >= e.y && e.x >= e.z ? 0 : (e.y >= e.z ? 1 : 2)
            let shift = UInt32(16 - 8 * axis)
            func key(_ c: UInt32) -> UInt32 { ((c >> shift) & 0xFF) << 24 | c }
            items[start..<end].sort { key($0.color) < key($1.color) }
            var best = start + 1, bestError = Double.infinity
            var w = 0.0, s = SIMD3<Double>.zero, q = SIMD3<Double>.zero
            for i in start..<(end - 1) {
                let c = items[i].rgb, n = Double(items[i].count)
                w += n; s += n * c; q += n * c * c
                guard items[i + 1].rgb[axis] != c[axis] else { continue }
                let (rw, rs, rq) = (pixels - w, sum - s, sumSquares - q)
                let err = (q - s * s / w).sum() + (rq - rs * rs / rw).sum()
                if err < bestError { (best, bestError) = (i + 1, err) }
            }
            return (Box(start: start, end: best, items: items), Box(start: best, end: end, items: items))
        }

        func representative(_ items: [ColorHistogram.Entry]) -> UInt32 {
            var top = items[start]
            for i in start..<end where items[i].count > top.count { top = items[i] }
            if 2 * Double(top.count) >= pixels { return top.color }
            let m = (sum / pixels).rounded(.toNearestOrEven)
            return (UInt32(m.x) << 16) | (UInt32(m.y) << 8) | UInt32(m.z)
        }
    }
}
