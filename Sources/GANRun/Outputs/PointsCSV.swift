import Foundation

/// Reads 2-D points from CSV (`R/M/samples.csv`, or another tool's for `ganscope eval`): a
/// header `x,y` (case, spaces and quotes ignored), then one point per line, two finite numbers;
/// blank and `#` lines skipped, `\r\n` accepted. A problem is a ``RunError/pointsFile(path:line:reason:)``.
public enum PointsCSV {
    /// The points of the file at `path`, interleaved `[x0, y0, x1, y1, …]`.
    public static func read(path: String) throws -> [Float] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw RunError.pointsFile(path: path, line: nil, reason: "no such file")
        }
        guard !isDirectory.boolValue, let data = FileManager.default.contents(atPath: path) else {
            throw RunError.pointsFile(path: path, line: nil, reason: "the file cannot be read")
        }
        return try parse(String(decoding: data, as: UTF8.self), path: path)
    }

    /// The points of CSV `text`; `path` is only used in messages.
    public static func parse(_ text: String, path: String) throws -> [Float] {
        var points: [Float] = []
        var sawHeader = false
        // "\r\n" is one Character in Swift, so it is a separator of its own.
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
        for (index, raw) in lines.enumerated() {
            let lineNumber = index + 1
            let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            func fail(_ reason: String) -> RunError { .pointsFile(path: path, line: lineNumber, reason: reason) }
            if !sawHeader {
                let names = fields.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\"")).lowercased() }
                guard names == ["x", "y"] else {
                    var reason = "expected the header line x,y, found '\(clip(trimmed))'"
                    if fields.count == 2, fields.allSatisfy({ Double($0) != nil }) {
                        reason += " (a point: add the line x,y above the first point)"
                    }
                    throw fail(reason)
                }
                sawHeader = true
                continue
            }
            guard fields.count == 2 else {
                throw fail("expected two numbers x,y, found \(fields.count) field\(fields.count == 1 ? "" : "s"): '\(clip(trimmed))'")
            }
            for (name, field) in zip(["x", "y"], fields) {
                guard let v = Double(field) else { throw fail("\(name) = '\(clip(field))' is not a number") }
                guard v.isFinite else { throw fail("\(name) = '\(clip(field))' is not finite") }
                let f = Float(v)
                guard f.isFinite else { throw fail("\(name) = \(field) is outside the range of 32-bit floats (±3.4e38)") }
                points.append(f)
            }
        }
        guard sawHeader else { throw RunError.pointsFile(path: path, line: nil, reason: "the file is empty (expected the header line x,y, then one point per line)") }
        guard !points.isEmpty else { throw RunError.pointsFile(path: path, line: nil, reason: "no points after the header line x,y") }
        return points
    }

    /// At most 40 characters of `s`, for messages.
    private static func clip(_ s: String) -> String { s.count > 40 ? String(s.prefix(40)) + "…" : s }
}
