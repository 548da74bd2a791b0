internal import CZlib
import Dispatch

/// A palette PNG (colour type 3, 8 bits per index, no interlace) written without libpng:
/// signature, IHDR, PLTE, one IDAT and IEND, each chunk's CRC-32 from zlib.
///
/// Every scanline has filter type 0 (None), as libpng chooses for palette images. The
/// image data is compressed by ``RowDeflate`` at `compression` 1 (the animation frames'
/// setting: in two parts, one per core, when the image is large enough to be worth it)
/// and by zlib's `compress2` at any other level; either way inside a zlib stream with its
/// Adler-32, so any PNG decoder reads it. libgd packs palettes of at most 16 colours into
/// 1, 2 or 4 bits per pixel; this writer always uses 8 (the decoded pixels are the same).
///
/// Not API: used by ``Canvas/pngData(compression:colors:)``.
struct PalettePNG {
    let width: Int
    let height: Int
    /// The palette, `0xRRGGBB`, 1...256 entries.
    let colors: [UInt32]
    /// `height` rows of `width + 1` bytes: the filter byte 0, then the row's palette indices.
    let scanlines: [UInt8]

    /// Images smaller than this many bytes are compressed on the calling thread alone.
    static let parallelThreshold = 256 * 1024

    init(width: Int, height: Int, colors: [UInt32], scanlines: [UInt8]) {
        precondition(width > 0 && height > 0 && (1...256).contains(colors.count), "bad palette image \(width)x\(height), \(colors.count) colours")
        precondition(scanlines.count == (width + 1) * height, "scanlines must hold \(height) rows of \(width + 1) bytes")
        self.width = width
        self.height = height
        self.colors = colors
        self.scanlines = scanlines
    }

    /// The PNG file; `compression` is a zlib level 0...9, where 1 means ``RowDeflate``.
    func encoded(compression: Int) -> [UInt8] {
        guard let idat = compressed(level: min(max(compression, 0), 9)) else { return [] }
        var out: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        out.reserveCapacity(out.count + 3 * 12 + 13 + 3 * colors.count + idat.count + 12)
        var header: [UInt8] = []
        Self.appendBigEndian(UInt32(width), to: &header)
        Self.appendBigEndian(UInt32(height), to: &header)
        header += [8, 3, 0, 0, 0]   // 8 bits per index, palette, deflate, adaptive filters, no interlace
        Self.appendChunk("IHDR", header, to: &out)
        Self.appendChunk("PLTE", colors.flatMap { [UInt8($0 >> 16), UInt8(($0 >> 8) & 0xFF), UInt8($0 & 0xFF)] }, to: &out)
        Self.appendChunk("IDAT", idat, to: &out)
        Self.appendChunk("IEND", [], to: &out)
        return out
    }

    /// The scanlines as a zlib stream (RFC 1950), or `nil` if zlib fails.
    private func compressed(level: Int) -> [UInt8]? {
        scanlines.withUnsafeBufferPointer { data -> [UInt8]? in
            guard level == 1 else {
                var size = compressBound(uLong(data.count))
                let out = [UInt8](unsafeUninitializedCapacity: Int(size)) { buf, count in
                    let status = compress2(buf.baseAddress, &size, data.baseAddress, uLong(data.count), Int32(level))
                    count = status == Z_OK ? Int(size) : 0
                }
                return out.isEmpty ? nil : out
            }
            let rowLength = width + 1
            let parts = data.count >= Self.parallelThreshold && height >= 2 ? 2 : 1
            // Part k covers whole rows; all parts but the last end byte-aligned (RowDeflate).
            let bounds = (0...parts).map { k in (height * k / parts) * rowLength }
            var streams = [[UInt8]](repeating: [], count: parts)
            streams.withUnsafeMutableBufferPointer { streams in
                let shared = UnsafeSendable((data, streams))
                DispatchQueue.concurrentPerform(iterations: parts) { k in
                    let (data, streams) = shared.value
                    streams[k] = RowDeflate.compress(data, rowLength: rowLength, range: bounds[k]..<bounds[k + 1],
                                                     final: k == parts - 1)
                }
            }
            var out: [UInt8] = [0x78, 0x01]   // deflate, 32 KB window, fastest-level flag
            out.reserveCapacity(2 + streams.reduce(0) { $0 + $1.count } + 4)
            for s in streams { out += s }
            Self.appendBigEndian(UInt32(adler32(1, data.baseAddress, uInt(data.count))), to: &out)
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

/// Buffers handed to `concurrentPerform`'s iterations, which only read the input and each
/// write its own element of the output.
private struct UnsafeSendable<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
