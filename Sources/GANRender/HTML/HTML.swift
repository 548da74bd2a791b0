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

    /// Reverses ``escape(_:)`` (and decodes `&#NN;` / `&#xHH;` numeric references).
    public static func unescape(_ s: String) -> String {
        guard s.contains("&") else { return s }
        var out = "", rest = Substring(s)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            let tail = rest[amp...]
            guard let semi = tail.prefix(12).firstIndex(of: ";") else { out += "&"; rest = tail.dropFirst(); continue }
            let name = tail[tail.index(after: amp)..<semi]
            let named = ["amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'"][String(name)]
            var numeric: String?
            if name.hasPrefix("#x") || name.hasPrefix("#X"), let v = UInt32(name.dropFirst(2), radix: 16) {
                numeric = Unicode.Scalar(v).map { String($0) }
            } else if name.hasPrefix("#"), let v = UInt32(name.dropFirst()) {
                numeric = Unicode.Scalar(v).map { String($0) }
            }
            if let decoded = named ?? numeric {
                out += decoded
                rest = tail[tail.index(after: semi)...]
            } else {
                out += "&"
                rest = tail.dropFirst()
            }
        }
        return out + rest
    }

    /// A relative file path made safe as a URL path: every byte except ASCII letters, digits,
    /// `- . _ ~` and `/` is percent-encoded (so spaces, `#`, `?`, `%` and `:` cannot change
    /// the meaning of the link). The result still needs ``escape(_:)`` inside an attribute.
    public static func percentEncodePath(_ path: String) -> String {
        let hex = Array("0123456789ABCDEF")
        var out = ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
                 UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out += "%"
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0xF)])
            }
        }
        return out
    }

    /// Reverses ``percentEncodePath(_:)``: `%HH` sequences become bytes, decoded as UTF-8.
    public static func percentDecode(_ s: String) -> String {
        var bytes: [UInt8] = []
        let utf8 = Array(s.utf8)
        var i = 0
        while i < utf8.count {
            if utf8[i] == UInt8(ascii: "%"), i + 2 < utf8.count,
               let v = UInt8(String(decoding: utf8[(i + 1)...(i + 2)], as: UTF8.self), radix: 16) {
                bytes.append(v)
                i += 3
            } else {
                bytes.append(utf8[i])
                i += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The values of every `href` and `src` attribute in `html`, in document order, with
    /// entities decoded (percent-encoding is kept: pass them through ``percentDecode(_:)``
    /// to get file paths). In-page links (`href="#…"`) are left out, so every returned value
    /// names a resource that should exist.
    public static func links(in html: String) -> [String] {
        var result: [String] = []
        let bytes = Array(html.utf8)
        var i = 0
        while i < bytes.count {
            defer { i += 1 }
            guard i > 0, bytes[i - 1] == UInt8(ascii: " ") || bytes[i - 1] == UInt8(ascii: "\n")
                || bytes[i - 1] == UInt8(ascii: "\t") else { continue }
            var j = i
            var matched = false
            for name in ["href", "src"] {
                let n = Array(name.utf8)
                if j + n.count < bytes.count, bytes[j..<(j + n.count)].map({ $0 | 0x20 }) == n {
                    j += n.count
                    matched = true
                    break
                }
            }
            guard matched, j + 1 < bytes.count, bytes[j] == UInt8(ascii: "=") else { continue }
            let quote = bytes[j + 1]
            guard quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else { continue }
            guard let end = bytes[(j + 2)...].firstIndex(of: quote) else { break }
            let value = unescape(String(decoding: bytes[(j + 2)..<end], as: UTF8.self))
            if !value.hasPrefix("#") { result.append(value) }
            i = end
        }
        return result
    }
}
