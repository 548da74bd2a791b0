import Synchronization

/// An image reduced to at most 256 colours (``ColorPalette``), as rows of palette indices.
///
/// Built in horizontal bands, concurrently (``ParallelMap``): each band counts its colours
/// (``ColorHistogram``) and records its runs of equal pixels; the bands' histograms are
/// merged in order, which gives the whole image's histogram entry for entry, so the palette
/// is the one a single pass would find; then each band writes its indices from its runs
/// without looking at its pixels again.
///
/// Not API: used by ``Canvas`` for palette PNGs and GIF frames.
struct PaletteImage {
    let width: Int
    let height: Int
    /// The palette, `0xRRGGBB`, 1...256 entries.
    let colors: [UInt32]
    /// Zero bytes at the start of each row of ``indices`` (1: a PNG scanline's filter byte).
    let rowPrefix: Int
    /// `height` rows of `rowPrefix` zero bytes followed by the row's `width` indices; its
    /// storage comes from ``IndexBuffers`` and goes back there by ``recycle()``.
    private(set) var indices: [UInt8]
    /// The row ranges the image was processed in, in order; they cover every row.
    let bands: [Range<Int>]

    /// Images with fewer pixels are processed as one band, on the calling thread.
    static let parallelThreshold = 256 * 1024

    /// Reduces the opaque pixels `rows[y][0..<width]` (libgd's packed truecolor, alpha
    /// ignored): every colour if there are at most 256, else (unless `exactOnly`) 256 by
    /// median cut. `nil` when `exactOnly` and there are more than 256 colours, or when there
    /// are more than 65 536.
    init?(rows: [UnsafePointer<UInt32>], width: Int, exactOnly: Bool, rowPrefix: Int) {
        let height = rows.count
        precondition(width > 0 && width <= 16_384 && height > 0, "palette image \(width)x\(height) out of range")
        let parts = width * height >= Self.parallelThreshold && height >= 2 ? 2 : 1
        let bands = (0..<parts).map { k in (height * k / parts)..<(height * (k + 1) / parts) }
        let limit = exactOnly ? 256 : 65_536
        // 1. Each band's histogram and runs.
        let counted = ParallelMap.map(parts) { k -> (histogram: ColorHistogram, runs: [UInt32])? in
            var h = ColorHistogram(limit: limit), runs: [UInt32] = []
            runs.reserveCapacity(4096)
            for y in bands[k] {
                guard h.add(row: rows[y], count: width, runs: &runs) else { return nil }
            }
            return (h, runs)
        }
        // 2. The whole image's histogram, and for each band its entries' places in it.
        guard var histogram = counted[0]?.histogram else { return nil }
        var entryMaps: [[Int32]?] = [nil]
        for k in 1..<parts {
            guard let band = counted[k], let map = histogram.merge(band.histogram) else { return nil }
            entryMaps.append(map)
        }
        let palette = ColorPalette(histogram: histogram)
        // 3. Each band's indices from its runs.
        let stride = width + rowPrefix
        var indices = IndexBuffers.take(count: stride * height)
        indices.withUnsafeMutableBufferPointer { out in
            let base = UnsafeSendable(out.baseAddress!)
            _ = ParallelMap.map(parts) { k in
                // This band's entry → palette index.
                let table = entryMaps[k].map { $0.map { palette.indexOfEntry[Int($0)] } } ?? palette.indexOfEntry
                let runs = counted[k]!.runs
                var r = 0
                for y in bands[k] {
                    (base.value + y * stride).update(repeating: 0, count: rowPrefix)
                    var dst = base.value + y * stride + rowPrefix
                    let end = dst + width
                    while dst < end {
                        let (entry, length) = ColorHistogram.unpackRun(runs[r])
                        dst.update(repeating: table[entry], count: length)
                        dst += length
                        r += 1
                    }
                }
            }
        }
        self.width = width
        self.height = height
        self.colors = palette.colors
        self.rowPrefix = rowPrefix
        self.indices = indices
        self.bands = bands
    }

    /// Hands ``indices``' storage back to ``IndexBuffers`` for the next image of this size
    /// (``indices`` is empty afterwards).
    mutating func recycle() {
        let storage = indices
        indices = []
        IndexBuffers.give(storage)
    }
}

/// Index buffers kept from one encoding to the next: a fresh buffer of a dashboard's
/// 922 KB would be zeroed and fault its pages in on every frame. ``take(count:)`` hands out
/// a kept buffer of that size (its bytes are the last image's, so every byte must be
/// written) or a new, uninitialised one; at most ``capacity`` buffers are kept.
///
/// Not API: used by ``PaletteImage``.
enum IndexBuffers {
    static let capacity = 2
    private static let kept = Mutex<[[UInt8]]>([])

    static func take(count: Int) -> [UInt8] {
        let found = kept.withLock { kept -> [UInt8]? in
            guard let i = kept.firstIndex(where: { $0.count == count }) else { return nil }
            return kept.remove(at: i)
        }
        return found ?? [UInt8](unsafeUninitializedCapacity: count) { _, initialized in initialized = count }
    }

    static func give(_ buffer: [UInt8]) {
        guard !buffer.isEmpty else { return }
        kept.withLock { kept in
            if kept.count >= capacity { kept.removeFirst() }
            kept.append(buffer)
        }
    }
}
