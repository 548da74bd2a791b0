/// Which point of a piece of text is placed at the coordinates given to
/// ``Canvas/text(_:x:y:size:color:anchor:bold:vertical:)``. Vertical placement uses fixed font
/// metrics, not the string's ink, so labels with and without descenders line up.
public struct TextAnchor: Sendable, Equatable {
    /// Horizontal placement along the text's reading direction.
    /// Raw value: the fraction of the text's width that lies before the anchor.
    public enum Horizontal: Double, Sendable, Equatable {
        /// The text starts at x.
        case left = 0
        /// The text is centred on x.
        case center = 0.5
        /// The text ends at x.
        case right = 1
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
    /// Middle of the left edge.
    public static let middleLeft = TextAnchor(.left, .middle)
    /// Centre of the text.
    public static let center = TextAnchor(.center, .middle)
    /// Middle of the right edge.
    public static let middleRight = TextAnchor(.right, .middle)
    /// Middle of the bottom edge.
    public static let bottomCenter = TextAnchor(.center, .bottom)
    /// Bottom-right corner.
    public static let bottomRight = TextAnchor(.right, .bottom)

    /// How far the baseline lies below the anchor, in ems (DejaVu Sans: cap height 0.73,
    /// descent 0.24), and how far libgd's bitmap glyph cell starts above it, in cell heights.
    var verticalOffsets: (baseline: Double, bitmapTop: Double) {
        switch vertical {
        case .top: return (0.73, 0.2)
        case .middle: return (0.73 / 2, 0.5)
        case .baseline: return (0, 0.8)
        case .bottom: return (-0.24, 1)
        }
    }
}
