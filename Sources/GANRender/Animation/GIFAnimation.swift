/// Animated GIFs assembled from canvases by libgd: each frame gets its own palette of at most
/// 256 colours (`ColorPalette`, no dithering) in a local colour table, full-frame, disposal
/// "none"; the same frames give the same bytes.
public enum GIFAnimation {
    /// Encodes `frames` as an animated GIF, each shown `delayCentiseconds` (0...65535; 20 is
    /// the seed's 5 frames per second). `loopCount` 0 loops forever (NETSCAPE2.0 extension
    /// with count 0), n > 0 plays n extra times, a negative value omits the extension.
    /// - Throws: ``RenderError/emptyFrameList``, ``RenderError/frameSizeMismatch(index:expectedWidth:expectedHeight:width:height:)``,
    ///   ``RenderError/gifEncodeFailed(frame:reason:)``.
    public static func encode(frames: [Canvas], delayCentiseconds: Int, loopCount: Int = 0) throws -> [UInt8] {
        try Canvas.gifBytes(count: frames.count, delayCentiseconds: delayCentiseconds, loopCount: loopCount) { frames[$0] }
    }

    /// Decodes each PNG and encodes the results as in ``encode(frames:delayCentiseconds:loopCount:)``,
    /// one frame at a time, so a long animation holds at most one full-colour frame in memory.
    /// - Throws: additionally ``RenderError/pngDecodeFailed(byteCount:reason:)`` for an undecodable frame.
    public static func encode(pngFrames: [[UInt8]], delayCentiseconds: Int, loopCount: Int = 0) throws -> [UInt8] {
        try Canvas.gifBytes(count: pngFrames.count, delayCentiseconds: delayCentiseconds, loopCount: loopCount) {
            try Canvas.decodePNG(pngFrames[$0])
        }
    }
}
