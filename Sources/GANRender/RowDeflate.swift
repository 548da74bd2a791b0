/// A deflate encoder (RFC 1951) for PNG scanlines of palette indices: about twice as fast
/// as zlib's fastest level on a dashboard frame, for a file within about 20 % of its size
/// (smaller where a frame is mostly flat, larger where it is mostly heatmap).
///
/// Rendered frames repeat in two ways: a pixel repeats the one to its left (backgrounds,
/// panels, lines) or the one above it (vertical edges, the slowly changing rows of a
/// heatmap). So the only matches looked for are at distance 1 and at distance `rowLength`
/// (one scanline, filter byte included): at each position the longer of the two is taken
/// if it has at least 3 bytes, else a literal (greedy, no hash table, no chains). Symbols
/// are collected in blocks of ``blockSymbols`` and each block gets its own dynamic Huffman
/// codes (``HuffmanCode``) built from its symbol counts, so a block of heatmap and a block
/// of white background each get codes that fit them.
///
/// Not API: used by ``PalettePNG``.
struct RowDeflate {
    /// Symbols per deflate block: few enough for the symbol buffer to stay in cache, enough
    /// for a block's header (≈ 60–100 bytes) to be noise.
    static let blockSymbols = 16_384

    /// One part of the raw deflate stream (no zlib header or checksum) of `data`: the bytes
    /// of `range`, whose matches may reach back before it (the decoder has those bytes
    /// already). `rowLength` (at most 32 768) is the distance of the "pixel above" match: a
    /// PNG scanline with its filter byte. The `final` part ends the stream; any other ends
    /// with an empty stored block, which byte-aligns it, so consecutive parts, encoded
    /// independently (even concurrently), are joined by concatenating their bytes.
    static func compress(_ data: UnsafeBufferPointer<UInt8>, rowLength: Int, range: Range<Int>, final: Bool) -> [UInt8] {
        precondition((1...32_768).contains(rowLength), "deflate row length \(rowLength) out of range")
        precondition(range.lowerBound >= 0 && range.upperBound <= data.count, "range \(range) outside the data")
        // At most 15 bits per literal and 48 per match of ≥ 3 bytes, plus block headers and
        // the 8 bytes the bit writer may store past its end.
        let bound = range.count * 2 + (range.count / blockSymbols + 1) * 400 + 32
        return [UInt8](unsafeUninitializedCapacity: bound) { buf, count in
            var bits = BitWriter(buf.baseAddress!)
            var encoder = RowDeflate(rowLength: rowLength)
            encoder.encode(data, range: range, final: final, bits: &bits)
            count = bits.finish()
        }
    }

    private let rowLength: Int
    /// A literal byte, or `0x8000_0000 | length << 1 | up` for a match (`up`: one row back).
    private var symbols: [UInt32]
    private var litFreq: [Int32]
    private var distFreq: [Int32]
    /// Distance code of `rowLength`, and its extra bits and their count.
    private let upCode: Int, upExtra: UInt32, upExtraBits: Int

    private init(rowLength: Int) {
        self.rowLength = rowLength
        symbols = [UInt32](repeating: 0, count: Self.blockSymbols)
        litFreq = [Int32](repeating: 0, count: 286)
        distFreq = [Int32](repeating: 0, count: 30)
        (upCode, upExtraBits, upExtra) = Self.distanceCode(rowLength)
    }

    /// Encodes `data[range]` as blocks (the bytes before `range` are history). The last
    /// block is final if `final`; otherwise an empty stored block follows, which ends the
    /// output on a byte boundary.
    private mutating func encode(_ data: UnsafeBufferPointer<UInt8>, range: Range<Int>, final: Bool, bits: inout BitWriter) {
        var i = range.lowerBound
        repeat {
            let count = collectBlock(data, from: &i, to: range.upperBound)
            writeBlock(count: count, final: final && i >= range.upperBound, bits: &bits)
        } while i < range.upperBound
        if !final {
            bits.put(0, 3)              // BFINAL 0, BTYPE 00 (stored)
            bits.align()
            bits.put(0xFFFF_0000, 32)   // LEN 0, NLEN 0xFFFF
        }
    }

    /// Pass 1: parses up to ``blockSymbols`` symbols from `i` into ``symbols``, counting
    /// them; returns how many.
    private mutating func collectBlock(_ data: UnsafeBufferPointer<UInt8>, from i: inout Int, to end: Int) -> Int {
        for k in litFreq.indices { litFreq[k] = 0 }
        for k in distFreq.indices { distFreq[k] = 0 }
        let p = data.baseAddress!, raw = UnsafeRawPointer(p), stride = rowLength
        // The 8-byte loads stay inside `data`: the last 8 bytes compare byte by byte.
        let fast = data.count - 8
        var n = 0, runs: Int32 = 0, ups: Int32 = 0
        var at = i
        symbols.withUnsafeMutableBufferPointer { sym in
            litFreq.withUnsafeMutableBufferPointer { lit in
                Self.lengthTable.withUnsafeBufferPointer { lengthTable in
                    if at == 0 && at < end {   // the first byte has no history
                        sym[0] = UInt32(p[0]); lit[Int(p[0])] += 1; n = 1; at = 1
                    }
                    while at < end && n < Self.blockSymbols {
                        let c = p[at], limit = min(258, end &- at)
                        var run: Int, up: Int
                        if at <= fast && at >= stride {
                            // The common case: eight bytes against both candidates at once.
                            let x = raw.loadUnaligned(fromByteOffset: at, as: UInt64.self)
                            run = (x ^ raw.loadUnaligned(fromByteOffset: at &- 1, as: UInt64.self)).trailingZeroBitCount &>> 3
                            up = (x ^ raw.loadUnaligned(fromByteOffset: at &- stride, as: UInt64.self)).trailingZeroBitCount &>> 3
                            if run == 8 { run = Self.matchLength(p, at, at &- 1, limit: limit) }
                            if up == 8 && run < 258 { up = Self.matchLength(p, at, at &- stride, limit: limit) }
                        } else {
                            run = Self.matchLength(p, at, at &- 1, limit: limit)
                            up = at >= stride ? Self.matchLength(p, at, at &- stride, limit: limit) : 0
                        }
                        let isUp = up > run
                        let length = min(isUp ? up : run, limit)
                        if length >= 3 {
                            sym[n] = 0x8000_0000 | UInt32(truncatingIfNeeded: length) &<< 1 | (isUp ? 1 : 0)
                            lit[Int(lengthTable[length] &>> 16)] &+= 1
                            if isUp { ups &+= 1 } else { runs &+= 1 }
                            at &+= length
                        } else {
                            sym[n] = UInt32(c)
                            lit[Int(c)] &+= 1
                            at &+= 1
                        }
                        n &+= 1
                    }
                }
            }
        }
        i = at
        distFreq[0] = runs
        distFreq[upCode] += ups
        litFreq[256] = 1   // end of block
        return n
    }

    /// Number of equal bytes at `a` and `b` (`b < a`), up to `limit`, eight at a time while
    /// eight bytes remain.
    @inline(__always)
    private static func matchLength(_ p: UnsafePointer<UInt8>, _ a: Int, _ b: Int, limit: Int) -> Int {
        var k = 0
        let raw = UnsafeRawPointer(p)
        while k &+ 8 <= limit {
            let x = raw.loadUnaligned(fromByteOffset: a &+ k, as: UInt64.self)
                ^ raw.loadUnaligned(fromByteOffset: b &+ k, as: UInt64.self)
            if x != 0 { return k &+ x.trailingZeroBitCount &>> 3 }
            k &+= 8
        }
        while k < limit && p[a &+ k] == p[b &+ k] { k &+= 1 }
        return k
    }

    /// For each match length 3...258: `code << 16 | extraBits << 8 | extraValue`.
    private static let lengthTable: [UInt32] = {
        let base = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
        let extra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
        var t = [UInt32](repeating: 0, count: 259)
        for length in 3...258 {
            let c = length == 258 ? 28 : base.lastIndex { $0 <= length }!
            t[length] = UInt32(257 + c) << 16 | UInt32(extra[c]) << 8 | UInt32(length - base[c])
        }
        return t
    }()

    /// The distance code of `d` (1...32 768), its number of extra bits and their value.
    static func distanceCode(_ d: Int) -> (code: Int, extraBits: Int, extra: UInt32) {
        precondition((1...32_768).contains(d), "deflate distance \(d) out of range")
        if d <= 4 { return (d - 1, 0, 0) }
        let e = (Int.bitWidth - (d - 1).leadingZeroBitCount) - 2
        return (2 * e + 2 + (((d - 1) >> e) & 1), e, UInt32((d - 1) & ((1 << e) - 1)))
    }

    private static let codeLengthOrder = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

    /// Pass 2: one dynamic-Huffman block of the first `count` symbols, then end-of-block.
    private func writeBlock(count: Int, final: Bool, bits: inout BitWriter) {
        let lit = HuffmanCode(frequencies: litFreq, maxBits: 15)
        let dist = HuffmanCode(frequencies: distFreq, maxBits: 15)
        writeHeader(lit: lit, dist: dist, final: final, bits: &bits)
        let runCode = UInt64(dist.codes[0]), runBits = Int(dist.lengths[0])
        let upCodeAndExtra = UInt64(dist.codes[upCode]) | UInt64(upExtra) << UInt64(dist.lengths[upCode])
        let upBits = Int(dist.lengths[upCode]) + upExtraBits
        symbols.withUnsafeBufferPointer { sym in
            lit.codes.withUnsafeBufferPointer { codes in
                lit.lengths.withUnsafeBufferPointer { lengths in
                    Self.lengthTable.withUnsafeBufferPointer { lengthTable in
                        for k in 0..<count {
                            let s = sym[k]
                            if s & 0x8000_0000 == 0 {
                                bits.put(UInt64(codes[Int(s)]), Int(lengths[Int(s)]))
                            } else {
                                // Length code, its extra bits and the distance in one put (≤ 48 bits).
                                let t = lengthTable[Int((s &>> 1) & 0x1FF)]
                                let c = Int(t &>> 16), l = Int(lengths[c]), lb = l &+ Int((t &>> 8) & 0xFF)
                                let isUp = s & 1 != 0
                                let code = UInt64(codes[c]) | UInt64(t & 0xFF) &<< UInt64(l)
                                    | (isUp ? upCodeAndExtra : runCode) &<< UInt64(lb)
                                bits.put(code, lb &+ (isUp ? upBits : runBits))
                            }
                        }
                    }
                }
            }
        }
        bits.put(UInt64(lit.codes[256]), Int(lit.lengths[256]))
    }

    /// The block header: type, the alphabet sizes, and both codes' lengths as one
    /// run-length-coded sequence (symbols 16–18 repeat) in a code of its own.
    private func writeHeader(lit: HuffmanCode, dist: HuffmanCode, final: Bool, bits: inout BitWriter) {
        let hlit = max(257, (lit.lengths.lastIndex { $0 != 0 } ?? 0) + 1)
        let hdist = max(1, (dist.lengths.lastIndex { $0 != 0 } ?? 0) + 1)
        let all = Array(lit.lengths[0..<hlit]) + Array(dist.lengths[0..<hdist])
        var rle: [(symbol: Int, extra: UInt32, extraBits: Int)] = []
        var j = 0
        while j < all.count {
            let v = all[j]
            var run = 1
            while j + run < all.count && all[j + run] == v { run += 1 }
            if v == 0 && run >= 3 {
                let r = min(run, 138)
                rle.append(r >= 11 ? (18, UInt32(r - 11), 7) : (17, UInt32(r - 3), 3))
                j += r
            } else if v != 0 && run >= 4 {
                let r = min(run - 1, 6)
                rle.append((Int(v), 0, 0))
                rle.append((16, UInt32(r - 3), 2))
                j += 1 + r
            } else {
                rle.append((Int(v), 0, 0))
                j += 1
            }
        }
        var clFreq = [Int32](repeating: 0, count: 19)
        for s in rle { clFreq[s.symbol] += 1 }
        let cl = HuffmanCode(frequencies: clFreq, maxBits: 7)
        let hclen = max(4, (Self.codeLengthOrder.lastIndex { cl.lengths[$0] != 0 } ?? 0) + 1)
        bits.put(final ? 1 : 0, 1)
        bits.put(2, 2)   // BTYPE 10: dynamic Huffman codes
        bits.put(UInt64(hlit - 257), 5)
        bits.put(UInt64(hdist - 1), 5)
        bits.put(UInt64(hclen - 4), 4)
        for k in 0..<hclen { bits.put(UInt64(cl.lengths[Self.codeLengthOrder[k]]), 3) }
        for s in rle {
            bits.put(UInt64(cl.codes[s.symbol]), Int(cl.lengths[s.symbol]))
            if s.extraBits > 0 { bits.put(UInt64(s.extra), s.extraBits) }
        }
    }
}

/// Writes bit fields least significant bit first (deflate's order) into a buffer the
/// caller has sized, with 8 bytes of slack at its end.
struct BitWriter {
    private let base: UnsafeMutablePointer<UInt8>
    private var at = 0
    private var acc: UInt64 = 0
    /// Bits in `acc`, at most 7 between calls.
    private var count = 0

    init(_ base: UnsafeMutablePointer<UInt8>) { self.base = base }

    /// Appends the low `n` bits of `value` (n ≤ 56, its higher bits zero): the accumulator
    /// is stored whole and the position moves by the bytes it completed.
    @inline(__always) mutating func put(_ value: UInt64, _ n: Int) {
        acc |= value &<< UInt64(count)
        count &+= n
        UnsafeMutableRawPointer(base + at).storeBytes(of: acc.littleEndian, as: UInt64.self)
        let bytes = count &>> 3
        at &+= bytes
        acc = acc &>> UInt64(bytes &<< 3)
        count &= 7
    }

    /// Pads with zero bits to a byte boundary.
    mutating func align() { put(0, (8 - count) & 7) }

    /// Flushes the last partial byte (zero-padded) and returns the number of bytes written.
    mutating func finish() -> Int {
        if count > 0 { base[at] = UInt8(truncatingIfNeeded: acc); at += 1 }
        count = 0
        return at
    }
}
