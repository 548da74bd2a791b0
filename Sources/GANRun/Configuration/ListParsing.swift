import Foundation

/// Parsers for the seed-style list flags: `0.5,0.5` and `0,0;1,1`.
public enum ListParsing {
    /// Parses comma-separated numbers, e.g. `0.5,0.5`. `field` names the flag in errors.
    public static func numbers(_ text: String, field: String) throws -> [Double] {
        try text.split(separator: ",", omittingEmptySubsequences: false).map { part in
            guard let v = Double(part.trimmingCharacters(in: .whitespaces)), v.isFinite else {
                throw RunError.invalid(field: field, value: text,
                                       accepted: "comma-separated finite numbers, e.g. 0.5,0.5")
            }
            return v
        }
    }

    /// Parses semicolon-separated pairs, e.g. `0,0;1,1`.
    public static func pairs(_ text: String, field: String) throws -> [[Double]] {
        try text.split(separator: ";", omittingEmptySubsequences: false).map { group in
            let v = try numbers(String(group), field: field)
            guard v.count == 2 else {
                throw RunError.invalid(field: field, value: text,
                                       accepted: "semicolon-separated x,y pairs, e.g. \"0,0;1,1\"")
            }
            return v
        }
    }

    /// Parses a range `lo,hi` with lo < hi.
    public static func range(_ text: String, field: String) throws -> ClosedRange<Double> {
        let v = try numbers(text, field: field)
        guard v.count == 2, v[0] < v[1] else {
            throw RunError.invalid(field: field, value: text, accepted: "two numbers lo,hi with lo < hi, e.g. -3,3")
        }
        return v[0]...v[1]
    }

    /// Parses comma-separated case names of `T`, e.g. `samples,heatmap` (layers) or
    /// `dead_discriminator,mode_collapse` (diagnosis kinds): first-seen order, repeats dropped.
    public static func names<T>(_ text: String, field: String) throws -> [T]
    where T: CaseIterable & RawRepresentable & Equatable, T.RawValue == String {
        var out: [T] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let name = part.trimmingCharacters(in: .whitespaces)
            guard let value = T(rawValue: name) else {
                throw RunError.invalid(field: field, value: name.isEmpty ? "(empty)" : name, accepted:
                    "a comma-separated list of: " + T.allCases.map(\.rawValue).joined(separator: ", "))
            }
            if !out.contains(value) { out.append(value) }
        }
        return out
    }
}
