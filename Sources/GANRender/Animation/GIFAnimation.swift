/// Animated GIFs assembled from canvases by libgd.
///
/// Each frame gets its own palette of at most 256 colours (`ColorPalette`, no dithering) in
/// a local colour table, full-frame, disposal "none"; the same frames give the same bytes.
public enum GIFAnimation {
    /// Encodes `frames` as an animated GIF.
    ///
    /// - Parameters:
    ///   - delayCentiseconds: time each frame is shown, in 1/100 s (20 = 5 frames per second,
    ///     the seed's rate); 0...65535.
    ///   - loopCount: 0 loops forever (NETSCAPE2.0 extension with count 0); n > 0 plays n
    ///     extra times; a negative value omits the extension (play once).
    /// - Throws: ``RenderError/emptyFrameList``, ``RenderError/frameSizeMismatch(index:expectedWidth:expectedHeight:width:height:)``,
    ///   ``RenderError/gifEncodeFailed(frame:reason:)``.
    public static func encode(frames: [Canvas], delayCentiseconds: Int, loopCount: Int = 0) throws -> [UInt8] {
        precondition((0...65_535).contains(delayCentiseconds), "GIF delay \(delayCentiseconds) cs out of 0...65535")
        precondition(loopCount <= 65_535, "GIF loop count \(loopCount) above 65535")
        guard let first = frames.first else { throw RenderError.emptyFrameList }
        for (i, frame) in frames.enumerated() where frame.width != first.width || frame.height != first.height {
            throw RenderError.frameSizeMismatch(index: i, expectedWidth: first.width, expectedHeight: first.height,
                                                width: frame.width, height: frame.height)
        }
        return try Canvas.gifBytes(frames: frames, delayCentiseconds: delayCentiseconds, loopCount: max(loopCount, -1))
    }

    /// Decodes each PNG and encodes the results as in ``encode(frames:delayCentiseconds:loopCount:)``,
    /// one frame at a time, so a long animation holds at most one full-colour frame in memory.
    /// - Throws: additionally ``RenderError/pngDecodeFailed(byteCount:reason:)`` for an undecodable frame.
    public static func encode(pngFrames: [[UInt8]], delayCentiseconds: Int, loopCount: Int = 0) throws -> [UInt8] {
        precondition((0...65_535).contains(delayCentiseconds), "GIF delay \(delayCentiseconds) cs out of 0...65535")
        precondition(loopCount <= 65_535, "GIF loop count \(loopCount) above 65535")
        guard !pngFrames.isEmpty else { throw RenderError.emptyFrameList }
        var size: (width: Int, height: Int)? = nil
        return try Canvas.gifBytes(count: pngFrames.count, delayCentiseconds: delayCentiseconds,
                                   loopCount: max(loopCount, -1)) { i in
            let frame = try Canvas.decodePNG(pngFrames[i])
            if let s = size, frame.width != s.width || frame.height != s.height {
                throw RenderError.frameSizeMismatch(index: i, expectedWidth: s.width, expectedHeight: s.height,
                                                    width: frame.width, height: frame.height)
            }
            size = size ?? (frame.width, frame.height)
            return frame
        }
    }
}
