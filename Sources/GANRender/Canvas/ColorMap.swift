/// A continuous colour scale: colours at evenly spaced stops, linearly interpolated in sRGB.
/// The built-ins read under the common colour-vision deficiencies and in grey print:
/// ``viridis`` (sequential, perceptually uniform lightness, van der Walt & Smith 2015) for
/// probabilities, ``puOr`` (ColorBrewer, diverging, colour-blind safe) for critic values.
public struct ColorMap: Sendable, Equatable {
    /// Colours at t = 0, 1/(n−1), …, 1.
    public let stops: [Color]

    /// Creates a scale from at least two stops.
    public init(stops: [Color]) {
        precondition(stops.count >= 2, "a colour map needs at least two stops")
        self.stops = stops
    }

    /// Matplotlib's viridis sampled at 10 evenly spaced points: dark purple (low) → yellow (high).
    public static let viridis = ColorMap(stops: [
        0x440154, 0x482878, 0x3E4A89, 0x31688E, 0x26828E, 0x1F9E89, 0x35B779, 0x6DCD59, 0xB4DE2C, 0xFDE725,
    ].map { Color(hex: $0) })

    /// ColorBrewer PuOr (11 classes), ordered orange (low) → near-white (centre) → purple (high).
    public static let puOr = ColorMap(stops: [
        0x7F3B08, 0xB35806, 0xE08214, 0xFDB863, 0xFEE0B6, 0xF7F7F7, 0xD8DAEB, 0xB2ABD2, 0x8073AC, 0x542788, 0x2D004B,
    ].map { Color(hex: $0) })

    /// The colour at `t` (clamped to 0…1; NaN maps to the centre).
    public func color(at t: Double) -> Color {
        let u = t.isNaN ? 0.5 : min(max(t, 0), 1)
        let x = u * Double(stops.count - 1)
        let i = min(Int(x), stops.count - 2)
        let f = x - Double(i)
        let a = stops[i], b = stops[i + 1]
        func mix(_ p: UInt8, _ q: UInt8) -> UInt8 { UInt8((Double(p) + f * (Double(q) - Double(p))).rounded()) }
        return Color(r: mix(a.r, b.r), g: mix(a.g, b.g), b: mix(a.b, b.b))
    }

    /// The same scale with every colour moved `fraction` (0…1) of the way to white, so that
    /// markers drawn over a heatmap keep their contrast. Lightness stays monotone.
    public func lightened(_ fraction: Double) -> ColorMap {
        let f = min(max(fraction, 0), 1)
        return ColorMap(stops: stops.map { c in
            func up(_ v: UInt8) -> UInt8 { UInt8((Double(v) + f * (255 - Double(v))).rounded()) }
            return Color(r: up(c.r), g: up(c.g), b: up(c.b))
        })
    }

    /// `count` colours at t = 0, 1/(count−1), …, 1: a lookup table for per-pixel use.
    public func table(count: Int = 256) -> [Color] {
        (0..<max(2, count)).map { color(at: Double($0) / Double(max(2, count) - 1)) }
    }
}
