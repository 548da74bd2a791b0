/// Reading links back out of the HTML pages the outputs write, so the tests can check that
/// every link resolves to a file.
public enum HTMLLinks {
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
    /// Reverses GANRender's `HTML.escape` (and decodes `&#NN;` / `&#xHH;` numeric references).
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

    /// Reverses GANRender's `HTML.percentEncodePath`: `%HH` sequences become bytes, decoded as UTF-8.
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
}
