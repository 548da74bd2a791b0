/// The visible range of one axis of a frame: fixed, or fitted to the data once per run.
public enum AxisLimits: Equatable, Sendable, Codable {
    /// Fitted to the target distribution at the start of the run, then kept for every frame
    /// so the animation does not jump.
    case auto
    /// From the first value to the second.
    case fixed(Double, Double)

    static let accepted = "\"auto\" or [lo, hi] with finite lo < hi"

    /// Reads `"auto"` or `[lo, hi]`.
    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if (try? c.decode(String.self)) == "auto" {
            self = .auto
            return
        }
        guard let v = try? c.decode([Double].self), v.count == 2, v[0] < v[1], v.allSatisfy(\.isFinite) else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: Self.accepted)
        }
        self = .fixed(v[0], v[1])
    }

    /// Writes `"auto"` or `[lo, hi]`.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .auto: try c.encode("auto")
        case let .fixed(lo, hi): try c.encode([lo, hi])
        }
    }

    /// Parses `auto` or `lo,hi`.
    public static func parse(_ text: String, field: String) throws -> AxisLimits {
        if text == "auto" { return .auto }
        let r = try ListParsing.range(text, field: field)
        return .fixed(r.lowerBound, r.upperBound)
    }
}
