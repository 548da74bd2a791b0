/// The colours of an image reduced to at most 256, for palette PNGs and GIF frames.
///
/// Built from a histogram of the image's distinct opaque colours (`0xRRGGBB`, with pixel
/// counts). With at most `maxColors` distinct colours the palette is every one of them and
/// the mapping is exact. Otherwise it is a **median cut** weighted by pixel count: the box of
/// colours with the largest squared error (Σ count·|c − mean|²) is split, along its channel
/// of largest error, at the cut that minimises the two halves' summed error, until there
/// are `maxColors` boxes. A box is represented by its most frequent colour when that colour
/// holds at least half the box's pixels (so flat plot colours — backgrounds, panel grey,
/// solid markers — stay exact), else by its pixel-weighted mean.
///
/// A split does not sort the box: it counts the box's pixels, sums and squares per value of
/// the channel (256 bins, integers) and tries the cut after every value present. Every sum
/// is an integer below 2^53, so it is exact in `Double` whatever the order of addition, and
/// the cut, the boxes and the palette are those of sorting the box by the channel and trying
/// every place between two different values (the reference the tests keep). Where two
/// colours of a box tie for most frequent, the one first in that sorted order represents it.
///
/// Not API: used by ``Canvas`` when encoding.
struct ColorPalette {
    /// Palette colours, `0xRRGGBB`.
    private(set) var colors: [UInt32] = []
    /// Whether every distinct colour of the image is in ``colors`` (a lossless mapping).
    private(set) var isExact = true
    /// For each histogram entry (in ``ColorHistogram/entries`` order), its palette index.
    private(set) var indexOfEntry: [UInt8] = []

    /// `bySorting` splits every box by sorting it (the way the bins reproduce; for the tests).
    init(histogram h: ColorHistogram, maxColors: Int = 256, bySorting: Bool = false) {
        precondition((1...256).contains(maxColors), "a palette holds 1...256 colours")
        let entries = h.entries, n = entries.count
        guard n > maxColors else {
            colors = entries.map(\.color)
            indexOfEntry = (0..<n).map { UInt8($0) }
            return
        }
        isExact = false
        var items = entries
        var boxes = [Box(start: 0, end: n, items: items, order: nil)]
        var bins = [Int](repeating: 0, count: 7 * 256)
        while boxes.count < maxColors {
            guard let k = boxes.indices.max(by: { boxes[$0].error < boxes[$1].error }), boxes[k].error > 0 else { break }
            let (a, b) = (bySorting ? nil : boxes[k].splitByBins(&items, bins: &bins)) ?? boxes[k].splitBySorting(&items)
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
        /// The channel whose sort order the box's colours follow for ties (``key(_:axis:)``):
        /// that of the split that made the box; `nil` for the whole histogram (entry order).
        let order: Int?
        var pixels: Double = 0
        var sum: SIMD3<Double> = .zero
        var sumSquares: SIMD3<Double> = .zero
        /// Total squared error; 0 for a box of one colour (it cannot be split).
        private(set) var error: Double = 0

        init(start: Int, end: Int, items: [ColorHistogram.Entry], order: Int?) {
            self.start = start
            self.end = end
            self.order = order
            for i in start..<end {
                let w = Double(items[i].count), c = items[i].rgb
                pixels += w; sum += w * c; sumSquares += w * c * c
            }
            error = end - start < 2 ? 0 : channelError.sum()
        }

        /// A box whose sums are already known (exact integers, so equal to summing its items).
        init(start: Int, end: Int, order: Int?, pixels: Double, sum: SIMD3<Double>, sumSquares: SIMD3<Double>) {
            (self.start, self.end, self.order) = (start, end, order)
            (self.pixels, self.sum, self.sumSquares) = (pixels, sum, sumSquares)
            error = end - start < 2 ? 0 : channelError.sum()
        }

        /// Per-channel Σ count·(c − mean)².
        var channelError: SIMD3<Double> { pixels > 0 ? sumSquares - sum * sum / pixels : .zero }

        /// The channel to split along: the one of largest error.
        var axis: Int {
            let e = channelError
            return e.x >= e.y && e.x >= e.z ? 0 : (e.y >= e.z ? 1 : 2)
        }

        /// The order of colours along `axis`: by the channel's value, then by colour (one
        /// integer per colour, since colours are distinct).
        @inline(__always) static func key(_ c: UInt32, axis: Int) -> UInt32 {
            ((c >> UInt32(16 - 8 * axis)) & 0xFF) << 24 | c
        }

        /// Splits at the cut that ``splitBySorting(_:)`` finds, from per-value sums of the
        /// channel (`bins`: 7 × 256 integers, zero on entry and on return) instead of a
        /// sort; the items are partitioned, not ordered. `nil` when the box has one value of
        /// the channel (the error was rounding), where only the sorted split is defined.
        func splitByBins(_ items: inout [ColorHistogram.Entry], bins: inout [Int]) -> (Box, Box)? {
            let axis = self.axis, shift = UInt32(16 - 8 * axis)
            return items.withUnsafeMutableBufferPointer { items -> (Box, Box)? in
                bins.withUnsafeMutableBufferPointer { bins -> (Box, Box)? in
                    let bins = bins.baseAddress!
                    // Bin v: pixels, then Σ count·c and Σ count·c² for r, g, b.
                    var (low, high) = (255, 0)
                    for i in start..<end {
                        let c = items[i].color, n = items[i].count
                        let (r, g, b) = (Int(c >> 16), Int((c >> 8) & 0xFF), Int(c & 0xFF))
                        let v = Int((c >> shift) & 0xFF), o = bins + 7 * v
                        (low, high) = (min(low, v), max(high, v))
                        o[0] &+= n
                        o[1] &+= n &* r; o[2] &+= n &* g; o[3] &+= n &* b
                        o[4] &+= n &* r &* r; o[5] &+= n &* g &* g; o[6] &+= n &* b &* b
                    }
                    var cut = -1, bestError = Double.infinity
                    var w = 0.0, s = SIMD3<Double>.zero, q = SIMD3<Double>.zero
                    var left = (w: 0.0, s: SIMD3<Double>.zero, q: SIMD3<Double>.zero)
                    for v in low..<high where bins[7 * v] > 0 {
                        let o = bins + 7 * v
                        w += Double(o[0])
                        s += SIMD3(Double(o[1]), Double(o[2]), Double(o[3]))
                        q += SIMD3(Double(o[4]), Double(o[5]), Double(o[6]))
                        let (rw, rs, rq) = (pixels - w, sum - s, sumSquares - q)
                        let err = (q - s * s / w).sum() + (rq - rs * rs / rw).sum()
                        if err < bestError { (cut, bestError, left) = (v, err, (w, s, q)) }
                    }
                    (bins + 7 * low).update(repeating: 0, count: 7 * (high - low + 1))
                    guard cut >= 0 else { return nil }
                    // Colours with the channel ≤ cut first.
                    var lo = start, hi = end - 1
                    while true {
                        while lo <= hi && Int((items[lo].color >> shift) & 0xFF) <= cut { lo += 1 }
                        while lo <= hi && Int((items[hi].color >> shift) & 0xFF) > cut { hi -= 1 }
                        guard lo < hi else { break }
                        items.swapAt(lo, hi)
                    }
                    return (Box(start: start, end: lo, order: axis, pixels: left.w, sum: left.s, sumSquares: left.q),
                            Box(start: lo, end: end, order: axis, pixels: pixels - left.w, sum: sum - left.s,
                                sumSquares: sumSquares - left.q))
                }
            }
        }

        /// Sorts the box's items along its widest channel and cuts where the two halves'
        /// summed squared error is least (between two different values of the channel; if
        /// there are none, after the first colour).
        func splitBySorting(_ items: inout [ColorHistogram.Entry]) -> (Box, Box) {
            let axis = self.axis
            items[start..<end].sort { Self.key($0.color, axis: axis) < Self.key($1.color, axis: axis) }
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
            return (Box(start: start, end: best, items: items, order: axis), Box(start: best, end: end, items: items, order: axis))
        }

        /// The most frequent colour if it holds at least half the pixels, else the weighted
        /// mean. Of colours tied for most frequent, the first in the box's ``order``.
        func representative(_ items: [ColorHistogram.Entry]) -> UInt32 {
            var top = items[start]
            for i in start..<end {
                let e = items[i]
                if e.count > top.count { top = e; continue }
                if e.count == top.count, let axis = order, Self.key(e.color, axis: axis) < Self.key(top.color, axis: axis) { top = e }
            }
            if 2 * Double(top.count) >= pixels { return top.color }
            let m = (sum / pixels).rounded(.toNearestOrEven)
            return (UInt32(m.x) << 16) | (UInt32(m.y) << 8) | UInt32(m.z)
        }
    }
}

/// Distinct opaque colours of an image and their pixel counts: an open-addressing hash
/// table filled row by row, in which a run of equal pixels costs one look-up. The table
/// starts small and doubles whenever it is half full, so it stays about the size of the
/// colours actually seen (a dashboard's few thousand fit in the L2 cache, where a table
/// sized for the limit would miss on most look-ups).
///
/// Not API: used by ``Canvas`` when encoding.
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
    var entries: [Entry] { zip(colorsSeen, counts).enumerated().map { Entry(color: $1.0, count: $1.1, entry: $0) } }
    private var colorsSeen: [UInt32] = []
    private var counts: [Int] = []
    /// Table slots: `key + 1` (0 = empty) and the entry's index.
    private var keys: [UInt32] = []
    private var values: [Int32] = []
    private var mask = 0
    private var shift: UInt32 = 0
    /// The most distinct colours counted; ``add(row:count:)`` reports overflow past it.
    let limit: Int

    init(limit: Int) {
        self.limit = limit
        resize(bits: 10)
    }

    /// Rebuilds the table with `2^bits` slots and every colour seen so far.
    private mutating func resize(bits: UInt32) {
        let capacity = 1 << Int(bits)
        shift = 32 - bits
        mask = capacity - 1
        keys = [UInt32](repeating: 0, count: capacity)
        values = [Int32](repeating: 0, count: capacity)
        for (i, color) in colorsSeen.enumerated() {
            var s = home(color)
            while keys[s] != 0 { s = (s + 1) & mask }
            keys[s] = color &+ 1
            values[s] = Int32(i)
        }
    }

    @inline(__always) private func home(_ key: UInt32) -> Int { Int((key &* 0x9E37_79B1) >> shift) }

    /// The entry index of `color` (`0xRRGGBB`), which must have been added.
    @inline(__always) func entryIndex(of color: UInt32) -> Int {
        keys.withUnsafeBufferPointer { keys in
            var s = home(color)
            while keys[s] != color &+ 1 { s = (s + 1) & mask }
            return Int(values[s])
        }
    }

    /// The number of pixels from `i` on (at least 1) whose colour, alpha ignored, is `color`:
    /// eight at a time while the run lasts (backgrounds and panels are long runs).
    @inline(__always) static func runLength(_ row: UnsafePointer<UInt32>, from i: Int, count: Int, color: UInt32) -> Int {
        var j = i &+ 1
        let want = SIMD8<UInt32>(repeating: color), mask = SIMD8<UInt32>(repeating: 0xFF_FFFF)
        while j &+ 8 <= count {
            let v = UnsafeRawPointer(row + j).loadUnaligned(as: SIMD8<UInt32>.self) & mask
            guard all(v .== want) else { break }
            j &+= 8
        }
        while j < count && row[j] & 0xFF_FFFF == color { j &+= 1 }
        return j &- i
    }

    /// Counts `count` pixels of libgd's packed truecolor format (alpha is ignored); returns
    /// false, leaving the histogram incomplete, as soon as there are more than ``limit`` colours.
    mutating func add(row: UnsafePointer<Int32>, count: Int) -> Bool {
        addRuns(of: UnsafeRawPointer(row).assumingMemoryBound(to: UInt32.self), count: count) { _, _ in }
    }

    /// ``add(row:count:)`` that also appends the row's runs of equal colour to `runs`, each
    /// as ``packRun(entry:length:)`` (rows of at most 16 384 pixels), so that the pixels can
    /// be mapped to palette indices later without looking at them again.
    mutating func add(row: UnsafePointer<UInt32>, count: Int, runs: inout [UInt32]) -> Bool {
        addRuns(of: row, count: count) { entry, length in runs.append(Self.packRun(entry: entry, length: length)) }
    }

    /// The loop of both `add`s: counts the row run by run and hands each run's entry and
    /// length to `body`.
    @inline(__always)
    private mutating func addRuns(of row: UnsafePointer<UInt32>, count: Int, _ body: (Int32, Int) -> Void) -> Bool {
        var i = 0
        while i < count {
            let color = row[i] & 0xFF_FFFF
            let run = Self.runLength(row, from: i, count: count, color: color)
            i += run
            guard let entry = insert(color, count: run) else { return false }
            body(entry, run)
        }
        return true
    }

    /// A run of `length` (1...16 384) pixels of entry `entry` (< 2^18) in one word.
    @inline(__always) static func packRun(entry: Int32, length: Int) -> UInt32 {
        UInt32(entry) << 14 | UInt32(length - 1)
    }

    /// The entry and length of a run packed by ``packRun(entry:length:)``.
    @inline(__always) static func unpackRun(_ r: UInt32) -> (entry: Int, length: Int) {
        (Int(r >> 14), Int(r & 0x3FFF) + 1)
    }

    /// Adds `other`'s colours and counts as if its pixels had been added after this
    /// histogram's: its colours new here are appended in its order, so merging the
    /// histograms of an image's top and bottom halves gives the histogram of the whole image,
    /// entry for entry. Returns, for each entry of `other`, its entry index here; `nil`
    /// (leaving this histogram incomplete) past ``limit``.
    mutating func merge(_ other: ColorHistogram) -> [Int32]? {
        var map = [Int32](repeating: 0, count: other.counts.count)
        for (i, color) in other.colorsSeen.enumerated() {
            guard let entry = insert(color, count: other.counts[i]) else { return nil }
            map[i] = entry
        }
        return map
    }

    /// Adds `count` pixels of `color` (`0xRRGGBB`); its entry index, or `nil` if it would be
    /// colour number ``limit`` + 1.
    @inline(__always) private mutating func insert(_ color: UInt32, count: Int) -> Int32? {
        var s = home(color)
        while true {
            let k = keys[s]
            if k == color &+ 1 {
                let v = values[s]
                counts[Int(v)] += count
                return v
            }
            if k == 0 {
                guard counts.count < limit else { return nil }
                let v = Int32(counts.count)
                keys[s] = color &+ 1
                values[s] = v
                counts.append(count)
                colorsSeen.append(color)
                if 2 * counts.count > mask { resize(bits: 33 - shift) }
                return v
            }
            s = (s + 1) & mask
        }
    }
}
