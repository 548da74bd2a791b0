/// The structure of a GIF file, read without libgd: header, logical screen, colour tables,
/// NETSCAPE2.0 loop count, Graphic Control Extension delays and image descriptors. The
/// tests check animations with it; libgd decodes only a GIF's first frame.
///
/// Image data is skipped block by block, not decompressed, so this checks structure (and
/// counts frames) rather than pixels.
public struct GIFInfo: Sendable, Equatable {
    /// `"GIF87a"` or `"GIF89a"`.
    public let version: String
    /// Logical screen width.
    public let width: Int
    /// Logical screen height.
    public let height: Int
    /// Whether the file has a global colour table.
    public let hasGlobalColorTable: Bool
    /// Number of image descriptors (frames).
    public let frameCount: Int
    /// Per frame, the delay of the Graphic Control Extension preceding it (0 if none), in 1/100 s.
    public let delaysCentiseconds: [Int]
    /// Per frame, whether it carries a local colour table.
    public let localColorTables: [Bool]
    /// The NETSCAPE2.0 loop count (0 = forever), or `nil` if the extension is absent.
    public let loopCount: Int?

    /// Bytes that are not a GIF; `offset` is where parsing stopped.
    public struct FormatError: Error, CustomStringConvertible {
        public let offset: Int
        public let reason: String
        public var description: String { "not a valid GIF (at byte \(offset)): \(reason)" }
    }

    /// Parses `bytes`; throws ``FormatError`` on any structural error, including a missing trailer.
    public init(bytes: [UInt8]) throws {
        var r = Reader(bytes: bytes)
        let signature = String(decoding: try r.take(6), as: UTF8.self)
        guard signature == "GIF87a" || signature == "GIF89a" else { throw r.error("bad signature \"\(signature)\"") }
        version = signature
        width = try r.u16()
        height = try r.u16()
        let flags = try r.u8()
        _ = try r.take(2)  // background colour index, pixel aspect ratio
        hasGlobalColorTable = flags & 0x80 != 0
        if hasGlobalColorTable { _ = try r.take(3 << ((flags & 7) + 1)) }

        var delays: [Int] = [], locals: [Bool] = [], loop: Int?, pendingDelay = 0
        loop: while true {
            switch try r.u8() {
            case 0x21:  // extension
                let label = try r.u8()
                if label == 0xF9 {
                    guard try r.u8() == 4 else { throw r.error("graphic control extension of wrong size") }
                    _ = try r.u8()
                    pendingDelay = try r.u16()
                    _ = try r.u8()
                    guard try r.u8() == 0 else { throw r.error("graphic control extension not terminated") }
                } else if label == 0xFF {
                    let size = Int(try r.u8())
                    let id = String(decoding: try r.take(size), as: UTF8.self)
                    if id == "NETSCAPE2.0" || id == "ANIMEXTS1.0" {
                        let sub = try r.u8()
                        if sub >= 3, try r.u8() == 1 {
                            loop = try r.u16()
                            _ = try r.take(Int(sub) - 3)
                        } else {
                            _ = try r.take(Int(sub) - (sub >= 3 ? 1 : 0))
                        }
                    }
                    try r.skipSubBlocks()
                } else {
                    try r.skipSubBlocks()
                }
            case 0x2C:  // image descriptor
                _ = try r.take(8)  // left, top, width, height
                let imageFlags = try r.u8()
                if imageFlags & 0x80 != 0 { _ = try r.take(3 << ((imageFlags & 7) + 1)) }
                let minCodeSize = try r.u8()
                guard (1...11).contains(minCodeSize) else { throw r.error("LZW minimum code size \(minCodeSize)") }
                try r.skipSubBlocks()
                delays.append(pendingDelay)
                locals.append(imageFlags & 0x80 != 0)
                pendingDelay = 0
            case 0x3B:  // trailer
                break loop
            case let byte:
                throw r.error("unexpected block introducer 0x\(String(byte, radix: 16))")
            }
        }
        frameCount = delays.count
        delaysCentiseconds = delays
        localColorTables = locals
        loopCount = loop
    }

    /// A bounds-checked little-endian cursor.
    private struct Reader {
        let bytes: [UInt8]
        var offset = 0

        func error(_ reason: String) -> FormatError { FormatError(offset: offset, reason: reason) }

        mutating func take(_ n: Int) throws -> ArraySlice<UInt8> {
            guard n >= 0, offset + n <= bytes.count else { throw error("unexpected end of data") }
            defer { offset += n }
            return bytes[offset..<(offset + n)]
        }

        mutating func u8() throws -> UInt8 { try take(1).first! }

        mutating func u16() throws -> Int {
            let b = try take(2)
            return Int(b[b.startIndex]) | Int(b[b.startIndex + 1]) << 8
        }

        mutating func skipSubBlocks() throws {
            while true {
                let size = Int(try u8())
                if size == 0 { return }
                _ = try take(size)
            }
        }
    }
}
