/// The header facts of a PNG file, read without libgd: signature, IHDR, and the list of
/// chunks (each chunk's CRC-32 is verified).
///
/// Used by tests and callers to check that bytes really are the image they claim to be.
public struct PNGInfo: Sendable, Equatable {
    /// Image width in pixels.
    public let width: Int
    /// Image height in pixels.
    public let height: Int
    /// Bits per sample (or per palette index): 1, 2, 4, 8 or 16.
    public let bitDepth: Int
    /// PNG colour type: 0 grey, 2 RGB, 3 palette, 4 grey+alpha, 6 RGBA.
    public let colorType: Int
    /// Chunk types in file order, e.g. `["IHDR", "IDAT", "IEND"]`.
    public let chunkTypes: [String]

    private static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// Parses `bytes`; throws ``RenderError/malformedPNG(reason:)`` if the signature, IHDR,
    /// any chunk's length or CRC, or the final IEND is wrong.
    public init(bytes: [UInt8]) throws {
        guard bytes.count >= 8 + 25, Array(bytes[0..<8]) == PNGInfo.signature else {
            throw RenderError.malformedPNG(reason: "missing PNG signature (\(bytes.count) bytes)")
        }
        var types: [String] = []
        var offset = 8
        var ihdr: (w: Int, h: Int, depth: Int, type: Int)?
        while offset < bytes.count {
            guard offset + 12 <= bytes.count else {
                throw RenderError.malformedPNG(reason: "truncated chunk header at byte \(offset)")
            }
            let length = Int(PNGInfo.be32(bytes, offset))
            let end = offset + 12 + length
            guard length <= 0x7FFF_FFFF, end <= bytes.count else {
                throw RenderError.malformedPNG(reason: "chunk at byte \(offset) runs past the end of the data")
            }
            let type = String(decoding: bytes[(offset + 4)..<(offset + 8)], as: UTF8.self)
            let crc = PNGInfo.be32(bytes, end - 4)
            guard CRC32.checksum(bytes[(offset + 4)..<(end - 4)]) == crc else {
                throw RenderError.malformedPNG(reason: "bad CRC in \(type) chunk at byte \(offset)")
            }
            if types.isEmpty {
                guard type == "IHDR", length == 13 else {
                    throw RenderError.malformedPNG(reason: "first chunk is \(type), not a 13-byte IHDR")
                }
                ihdr = (Int(PNGInfo.be32(bytes, offset + 8)), Int(PNGInfo.be32(bytes, offset + 12)),
                        Int(bytes[offset + 16]), Int(bytes[offset + 17]))
            }
            types.append(type)
            offset = end
            if type == "IEND" { break }
        }
        guard let ihdr, types.last == "IEND" else {
            throw RenderError.malformedPNG(reason: "no IEND chunk")
        }
        guard ihdr.w > 0, ihdr.h > 0 else {
            throw RenderError.malformedPNG(reason: "IHDR declares a \(ihdr.w)x\(ihdr.h) image")
        }
        width = ihdr.w
        height = ihdr.h
        bitDepth = ihdr.depth
        colorType = ihdr.type
        chunkTypes = types
    }

    private static func be32(_ b: [UInt8], _ i: Int) -> UInt32 {
        UInt32(b[i]) << 24 | UInt32(b[i + 1]) << 16 | UInt32(b[i + 2]) << 8 | UInt32(b[i + 3])
    }
}

/// CRC-32 as used by PNG and zlib (polynomial 0xEDB88320, reflected, initial and final
/// value 0xFFFFFFFF).
enum CRC32 {
    private static let table: [UInt32] = (0..<256).map { n in
        var c = UInt32(n)
        for _ in 0..<8 { c = (c & 1) != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    static func checksum(_ bytes: ArraySlice<UInt8>) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        table.withUnsafeBufferPointer { t in
            for byte in bytes { c = t[Int((c ^ UInt32(byte)) & 0xFF)] ^ (c >> 8) }
        }
        return c ^ 0xFFFF_FFFF
    }
}
