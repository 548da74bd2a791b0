/// An sRGB colour with straight (non-premultiplied) alpha, `a` from 0 (transparent) to 255
/// (opaque). libgd stores alpha in 7 bits with the opposite sense; ``Canvas`` converts, so a
/// round trip through a canvas can move `a` by one step of 255/127.
public struct Color: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// Red channel, 0...255.
    public var r: UInt8
    /// Green channel, 0...255.
    public var g: UInt8
    /// Blue channel, 0...255.
    public var b: UInt8
    /// Opacity, 0 (transparent) ... 255 (opaque).
    public var a: UInt8

    /// Creates a colour from its channels; opaque unless `a` says otherwise.
    public init(r: UInt8, g: UInt8, b: UInt8, a: UInt8 = 255) {
        self.r = r
        self.g = g
        self.b = b
        self.a = a
    }

    /// Creates an opaque colour from a 24-bit `0xRRGGBB` value.
    public init(hex: UInt32) {
        self.init(r: UInt8((hex >> 16) & 0xFF), g: UInt8((hex >> 8) & 0xFF), b: UInt8(hex & 0xFF))
    }

    /// The same colour with opacity `alpha` (0...1, clamped), replacing the current alpha.
    public func withAlpha(_ alpha: Double) -> Color {
        let clamped = alpha.isFinite ? min(max(alpha, 0), 1) : 1
        return Color(r: r, g: g, b: b, a: UInt8((clamped * 255).rounded()))
    }

    /// `#RRGGBB`, or `#RRGGBBAA` when not opaque (the CSS notation).
    public var description: String {
        "#" + (a == 255 ? [r, g, b] : [r, g, b, a]).map { String(format: "%02X", $0) }.joined()
    }
}

extension Color {
    /// Opaque white.
    public static let white = Color(hex: 0xFFFFFF)
    /// Opaque black.
    public static let black = Color(hex: 0x000000)
    /// Fully transparent black.
    public static let clear = Color(r: 0, g: 0, b: 0, a: 0)

    /// The seed's real-data colour: matplotlib's `'r'`, pure red.
    public static let seedReal = Color(hex: 0xFF0000)
    /// The seed's generated-data colour: matplotlib's `'b'`, pure blue.
    public static let seedGenerated = Color(hex: 0x0000FF)

    /// Panel background of matplotlib's `ggplot` style (`axes.facecolor: E5E5E5`).
    public static let ggplotPanel = Color(hex: 0xE5E5E5)
    /// Tick and label colour of matplotlib's `ggplot` style (`555555`).
    public static let ggplotText = Color(hex: 0x555555)
    /// Near-black used for titles and legend text.
    public static let ink = Color(hex: 0x222222)

    /// The Okabe–Ito palette (Okabe & Ito, "Color Universal Design", 2008), distinguishable
    /// under the common colour-vision deficiencies: black, orange, sky blue, bluish green,
    /// yellow, blue, vermillion, reddish purple. Yellow (4) has low contrast on white.
    public static let okabeIto: [Color] = [
        0x000000, 0xE69F00, 0x56B4E9, 0x009E73, 0xF0E442, 0x0072B2, 0xD55E00, 0xCC79A7,
    ].map { Color(hex: $0) }
}
