internal import CZlib

/// A palette PNG (colour type 3, 8 bits per index, no interlace) written without libpng:
/// signature, IHDR, PLTE, one IDAT and IEND, each chunk's CRC-32 from zlib.
///
/// Every scanline has filter type 0 (None), as libpng chooses for palette images. The
/// image data is compressed by ``RowDeflate`` at `compression` 1 (the animation frames'
/// setting), one part per band of the ``PaletteImage`` (two bands, on two cores, for a
/// large image), and by zlib's `compress2` at any other level; either way inside a zlib
/// stream with its Adler-32, so any PNG decoder reads it. libgd packs palettes of at most 16 colours into
/// 1, 2 or 4 bits per pixel; this writer always uses 8 (the decoded pixels are the same).
///
/// Not API: used by ``Canvas/pngData(compression:colors:)``.
enum PalettePNG {
    /// The PNG file of `image` (whose ``PaletteImage/rowPrefix`` must be 1, the filter
    /// byte); `compression` is a zlib level 0...9, where 1 means ``RowDeflate``.
    static func encode(_ image: PaletteImage, compression: Int) -> [UInt8] {
        precondition(image.rowPrefix == 1, "PNG scanlines start with their filter byte")
        guard let idat = compressed(image, level: min(max(compression, 0), 9)) else { return [] }
        var out: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        out.reserveCapacity(out.count + 4 * 12 + 13 + 3 * image.colors.count + idat.count)
        var header: [UInt8] = []
        appendBigEndian(UInt32(image.width), to: &header)
        appendBigEndian(UInt32(image.height), to: &header)
        header += [8, 3, 0, 0, 0]   // 8 bits per index, palette, deflate, adaptive filters, no interlace
        appendChunk("IHDR", header, to: &out)
        appendChunk("PLTE", image.colors.flatMap { [UInt8($0 >> 16), UInt8(($0 >> 8) & 0xFF), UInt8($0 & 0xFF)] }, to: &out)
        appendChunk("IDAT", idat, to: &out)
        appendChunk("IEND", [], to: &out)
        return out
    }

    /// The scanlines as a zlib stream (RFC 1950), or `nil` if zlib fails.
    private static func compressed(_ image: PaletteImage, level: Int) -> [UInt8]? {
        image.indices.withUnsafeBufferPointer { data -> [UInt8]? in
            guard level == 1 else {
                var size = compressBound(uLong(data.count))
                let out = [UInt8](unsafeUninitializedCapacity: Int(size)) { buf, count in
                    let status = compress2(buf.baseAddress, &size, data.baseAddress, uLong(data.count), Int32(level))
                    count = status == Z_OK ? Int(size) : 0
                }
                return out.isEmpty ? nil : out
            }
            // One part per band, each with the Adler-32 of its bytes; all but the last end
            // byte-aligned (RowDeflate), so the parts are concatenated.
            let rowLength = image.width + 1, bands = image.bands
            let shared = UnsafeSendable(data)
            let parts = ParallelMap.map(bands.count) { k -> (stream: [UInt8], adler: uLong) in
                let data = shared.value
                let range = bands[k].lowerBound * rowLength..<bands[k].upperBound * rowLength
                let stream = RowDeflate.compress(data, rowLength: rowLength, range: range, final: k == bands.count - 1)
                return (stream, adler32(1, data.baseAddress! + range.lowerBound, uInt(range.count)))
            }
            var out: [UInt8] = [0x78, 0x01]   // deflate, 32 KB window, fastest-level flag
            out.reserveCapacity(2 + parts.reduce(0) { $0 + $1.stream.count } + 4)
            var adler = parts[0].adler
            for (k, part) in parts.enumerated() {
                out += part.stream
                if k > 0 { adler = adler32_combine(adler, part.adler, off_t(bands[k].count * rowLength)) }
            }
            appendBigEndian(UInt32(adler), to: &out)
            return out
        }
    }

    private static func appendChunk(_ type: String, _ data: [UInt8], to out: inout [UInt8]) {
        appendBigEndian(UInt32(data.count), to: &out)
        let start = out.count
        out += Array(type.utf8)
        out += data
        let crc = out[start...].withUnsafeBufferPointer { crc32(0, $0.baseAddress, uInt($0.count)) }
        appendBigEndian(UInt32(crc), to: &out)
    }

    private static func appendBigEndian(_ v: UInt32, to out: inout [UInt8]) {
        out += [UInt8(v >> 24), UInt8((v >> 16) & 0xFF), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF)]
    }
}
