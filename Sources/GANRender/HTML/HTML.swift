import Foundation

/// Escaping for the static HTML pages.
public enum HTML {
    /// `s` with `& < > " '` replaced by entities, safe in text and in quoted attributes.
    public static func escape(_ s: String) -> String {
        s.unicodeScalars.map { entities[$0] ?? String($0) }.joined()
    }

    private static let entities: [Unicode.Scalar: String] = [
        "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;",
    ]

    /// A relative file path made safe as a URL path: every byte except ASCII letters, digits,
    /// `- . _ ~` and `/` is percent-encoded (so spaces, `#`, `?`, `%` and `:` cannot change
    /// the meaning of the link). The result still needs ``escape(_:)`` inside an attribute.
    public static func percentEncodePath(_ path: String) -> String {
        path.addingPercentEncoding(withAllowedCharacters: pathSafe) ?? path
    }

    private static let pathSafe = CharacterSet(
        charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~/")
}
