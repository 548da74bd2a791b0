/// Everything that can go wrong while producing or decoding images.
public enum RenderError: Error, Sendable, Equatable, CustomStringConvertible {
    /// An animation was requested with no frames.
    case emptyFrameList
    /// Frame `index` is `width`×`height`, but frame 0 is `expectedWidth`×`expectedHeight`.
    case frameSizeMismatch(index: Int, expectedWidth: Int, expectedHeight: Int, width: Int, height: Int)
    /// libgd could not decode `byteCount` bytes as PNG.
    case pngDecodeFailed(byteCount: Int, reason: String)
    /// libgd failed while adding frame `frame` (or the header, `frame == -1`) to a GIF.
    case gifEncodeFailed(frame: Int, reason: String)

    /// What failed, with the path or size involved.
    public var description: String {
        switch self {
        case .emptyFrameList:
            return "cannot build an animation from an empty list of frames"
        case let .frameSizeMismatch(index, ew, eh, w, h):
            return "frame \(index) is \(w)x\(h) but frame 0 is \(ew)x\(eh); all frames of an animation must have the same size"
        case let .pngDecodeFailed(count, reason):
            return "cannot decode \(count) bytes as PNG: \(reason)"
        case let .gifEncodeFailed(frame, reason):
            return frame < 0
                ? "libgd failed to start the GIF: \(reason)"
                : "libgd failed to encode GIF frame \(frame): \(reason)"
        }
    }
}
