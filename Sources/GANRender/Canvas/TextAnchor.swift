/// Which point of a piece of text is placed at the coordinates given to
/// ``Canvas/text(_:x:y:size:color:anchor:bold:vertical:)``. Vertical placement uses fixed font
/// metrics, not the string's ink, so labels with and without descenders line up.
public struct TextAnchor: Sendable, Equatable {
    /// Horizontal placement along the text's reading direction.
    public enum Horizontal: Sendable, Equatable {
        /// The text starts at x.
        case left
        /// The text is centred on x.
        case center
        /// The text ends at x.
        case right
    }
    /// Vertical placement across the reading direction.
    public enum Vertical: Sendable, Equatable {
        /// The top of the capitals is at y.
        case top
        /// Half the cap height is at y.
        case middle
        /// The baseline is at y.
        case baseline
        /// The lowest descender is at y.
        case bottom
    }

    /// Horizontal placement.
    public var horizontal: Horizontal
    /// Vertical placement.
    public var vertical: Vertical

    /// Creates an anchor from its two placements.
    public init(_ horizontal: Horizontal, _ vertical: Vertical) {
        self.horizontal = horizontal
        self.vertical = vertical
    }

    /// Top-left corner of the text (the default).
    public static let topLeft = TextAnchor(.left, .top)
    /// Middle of the top edge.
    public static let topCenter = TextAnchor(.center, .top)
    /// Top-right corner.
    public static let topRight = TextAnchor(.right, .top)
    /// Middle of the left edge.
    public static let middleLeft = TextAnchor(.left, .middle)
    /// Centre of the text.
    public static let center = TextAnchor(.center, .middle)
    /// Middle of the right edge.
    public static let middleRight = TextAnchor(.right, .middle)
    /// Bottom-left corner.
    public static let bottomLeft = TextAnchor(.left, .bottom)
    /// Middle of the bottom edge.
    public static let bottomCenter = TextAnchor(.center, .bottom)
    /// Bottom-right corner.
    public static let bottomRight = TextAnchor(.right, .bottom)
}

extension TextAnchor {
    /// Cap height of DejaVu Sans as a fraction of the em (729/1000 font units, rounded).
    static let capHeight = 0.73
    /// Descender depth of DejaVu Sans as a fraction of the em (236/1000 font units, rounded).
    static let descent = 0.24

    /// How far the text's start lies before the anchor along the reading direction.
    func horizontalOffset(width: Double) -> Double {
        switch horizontal {
        case .left: return 0
        case .center: return width / 2
        case .right: return width
        }
    }

    /// How far the baseline lies below the anchor (in the text's own frame), for an em of `size`.
    func baselineOffset(size: Double) -> Double {
        switch vertical {
        case .top: return TextAnchor.capHeight * size
        case .middle: return TextAnchor.capHeight * size / 2
        case .baseline: return 0
        case .bottom: return -TextAnchor.descent * size
        }
    }

    /// For libgd's bitmap fonts: how far the glyph cell's top lies above the anchor.
    func bitmapTopOffset(height: Double) -> Double {
        switch vertical {
        case .top: return 0.2 * height
        case .middle: return 0.5 * height
        case .baseline: return 0.8 * height
        case .bottom: return height
        }
    }
}
