import Foundation

/// Small helpers for writing and reading static HTML safely.
public enum HTML {
    /// `s` with `& < > " '` replaced by entities, safe in text and in quoted attributes.
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for ch in s.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    private static let entity = try! NSRegularExpression(pattern: "&(amp|lt|gt|quot|apos|#[0-9]+|#[xX][0-9a-fA-F]+);")

    /// Reverses ``escape(_:)`` (and decodes `&#NN;` / `&#xHH;` numeric references).
    public static func unescape(_ s: String) -> String {
        var out = "", last = s.startIndex
        for match in entity.matches(in: s, range: NSRange(s.startIndex..., in: s)) {
            let whole = Range(match.range, in: s)!, name = s[Range(match.range(at: 1), in: s)!]
            let named = ["amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'"][String(name)]
            let code = name.hasPrefix("#x") || name.hasPrefix("#X") ? UInt32(name.dropFirst(2), radix: 16)
                : UInt32(name.dropFirst())
            guard let text = named ?? code.flatMap(Unicode.Scalar.init).map(String.init) else { continue }
            out += s[last..<whole.lowerBound] + text
            last = whole.upperBound
        }
        return out + s[last...]
    }

    private static let pathCharacters = CharacterSet(
        charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~/")

    /// A relative file path made safe as a URL path: every byte except ASCII letters, digits,
    /// `- . _ ~` and `/` is percent-encoded (so spaces, `#`, `?`, `%` and `:` cannot change
    /// the meaning of the link). The result still needs ``escape(_:)`` inside an attribute.
    public static func percentEncodePath(_ path: String) -> String {
        path.addingPercentEncoding(withAllowedCharacters: pathCharacters) ?? path
    }

    /// Reverses ``percentEncodePath(_:)`` (`s` unchanged if it is not valid percent-encoded UTF-8).
    public static func percentDecode(_ s: String) -> String { s.removingPercentEncoding ?? s }

    private static let link = try! NSRegularExpression(pattern: #"[ \n\t](?:href|src)=(["'])(.*?)\1"#,
                                                       options: [.caseInsensitive, .dotMatchesLineSeparators])

    /// The values of every `href` and `src` attribute in `html`, in document order, with
    /// entities decoded (percent-encoding is kept: pass them through ``percentDecode(_:)``
    /// to get file paths). In-page links (`href="#…"`) are left out, so every returned value
    /// names a resource that should exist.
    public static func links(in html: String) -> [String] {
        link.matches(in: html, range: NSRange(html.startIndex..., in: html)).map {
            unescape(String(html[Range($0.range(at: 2), in: html)!]))
        }.filter { !$0.hasPrefix("#") }
    }
}
