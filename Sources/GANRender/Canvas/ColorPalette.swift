/// The colours of an image reduced to at most `maxColors` for palette PNGs and GIF frames,
/// exactly when there are no more; else a median cut weighted by pixel count splits the box
/// of largest squared error at its best cut, and a box is represented by its most frequent
/// colour if that holds half its pixels (flat plot colours stay exact), else by its weighted
/// mean. libgd's quantizer bands the heatmap's gradients visibly (docs/visual-layers.md).
struct ColorPalette {
    /// Palette colours, `0xRRGGBB`.
    private(set) var colors: [UInt32] = []
    /// Whether every distinct colour of the image is in ``colors`` (a lossless mapping).
    private(set) var isExact = true
    /// For each histogram entry (in ``ColorHistogram/entries`` order), its palette index.
    private(set) var indexOfEntry: [UInt8] = []

    init(histogram h: ColorHistogram, maxColors: Int = 256) {
        precondition((1...256).contains(maxColors), "a palette holds 1...256 colours")
        var items = h.entries
        let n = items.count
        guard n > maxColors else {
            colors = items.map(\.color)
            indexOfEntry = (0..<n).map { UInt8($0) }
            return
        }
        isExact = false
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

    /// A range of `items` with its pixel-weighted statistics.
    private struct Box {
        let start: Int, end: Int
        var pixels: Double = 0
        var sum: SIMD3<Double> = .zero
        var sumSquares: SIMD3<Double> = .zero
        /// Total squared error; 0 for a box of one colour (it cannot be split).
        private(set) var error: Double = 0

        init(start: Int, end: Int, items: [ColorHistogram.Entry]) {
            self.start = start
            self.end = end
            for i in start..<end {
                let w = Double(items[i].count), c = items[i].rgb
                pixels += w; sum += w * c; sumSquares += w * c * c
            }
            error = end - start < 2 ? 0 : channelError.sum()
        }

        /// Per-channel Σ count·(c − mean)².
        var channelError: SIMD3<Double> { pixels > 0 ? sumSquares - sum * sum / pixels : .zero }

        /// Sorts the box's items along its channel of largest error (then by colour, so the
        /// order is total) and cuts where the two halves' summed squared error is least
        /// (between two different values of the channel; if there are none, after the first colour).
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
                // Only cut between different values of the axis, so equal colours stay together.
                guard items[i + 1].rgb[axis] != c[axis] else { continue }
                let (rw, rs, rq) = (pixels - w, sum - s, sumSquares - q)
                let err = (q - s * s / w).sum() + (rq - rs * rs / rw).sum()
                if err < bestError { (best, bestError) = (i + 1, err) }
            }
            return (Box(start: start, end: best, items: items), Box(start: best, end: end, items: items))
        }

        /// The most frequent colour (the first of those tied) if it holds at least half the
        /// pixels, else the weighted mean.
        func representative(_ items: [ColorHistogram.Entry]) -> UInt32 {
            let top = items[start..<end].max { $0.count < $1.count }!
            if 2 * Double(top.count) >= pixels { return top.color }
            let m = (sum / pixels).rounded(.toNearestOrEven)
            return (UInt32(m.x) << 16) | (UInt32(m.y) << 8) | UInt32(m.z)
        }
    }
}

/// Distinct opaque colours of an image and their pixel counts, filled row by row (a run of
/// equal pixels costs one look-up).
struct ColorHistogram {
    struct Entry {
        /// `0xRRGGBB`.
        var color: UInt32
        var count: Int
        /// Position in ``ColorHistogram/entries`` (kept when a palette reorders copies).
        var entry: Int
        var rgb: SIMD3<Double> {
            SIMD3(Double((color >> 16) & 0xFF), Double((color >> 8) & 0xFF), Double(color & 0xFF))
        }
    }

    /// Distinct colours in order of first appearance, with their pixel counts.
    private(set) var entries: [Entry] = []
    /// The entry index of each colour.
    private var index: [UInt32: Int] = [:]
    /// The most distinct colours counted; ``add(row:count:)`` reports overflow past it.
    let limit: Int

    init(limit: Int) { self.limit = limit }

    /// The entry index of `color` (`0xRRGGBB`), which must have been added.
    func entryIndex(of color: UInt32) -> Int { index[color]! }

    /// Counts `count` pixels of libgd's packed truecolor format (alpha is ignored); returns
    /// false, leaving the histogram incomplete, as soon as there are more than ``limit`` colours.
    mutating func add(row: UnsafePointer<Int32>, count: Int) -> Bool {
        var x = 0
        while x < count {
            let color = UInt32(bitPattern: row[x]) & 0xFF_FFFF
            let start = x
            x += 1
            while x < count && UInt32(bitPattern: row[x]) & 0xFF_FFFF == color { x += 1 }
            if let i = index[color] {
                entries[i].count += x - start
            } else {
                guard entries.count < limit else { return false }
                index[color] = entries.count
                entries.append(Entry(color: color, count: x - start, entry: entries.count))
            }
        }
        return true
    }
}
