import Foundation

/// Reads 2-D points from CSV: `R/M/samples.csv` or another tool's for `ganscope eval`, and
/// a user's `--data` file. One point per line, two finite numbers x,y; blank lines and lines
/// starting with `#` skipped; `\r\n` accepted; spaces around fields ignored. The header line
/// (names such as `x,y`, quotes and case ignored) is ``Header/required`` for samples and
/// ``Header/optional`` for data: there the first line is a header when none of its fields
/// is a number. A problem is a ``RunError/pointsFile(path:line:reason:)`` naming the line.
/// The bytes are scanned once, each number read with `strtod` (`data_csv_read_ms`).
public enum PointsCSV {
    /// Whether the first line must be the header `x,y` or may be one.
    public enum Header: Sendable { case required, optional }

    /// The points of the file at `path`, interleaved `[x0, y0, x1, y1, …]`.
    public static func read(path: String, header: Header = .required) throws -> [Float] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw RunError.pointsFile(path: path, line: nil, reason: "no such file")
        }
        guard !isDirectory.boolValue, let data = try? Data(contentsOf: URL(fileURLWithPath: path)) else {
            throw RunError.pointsFile(path: path, line: nil, reason: "the file cannot be read")
        }
        return try parse(bytes: [UInt8](data), path: path, header: header)
    }

    /// The points of CSV bytes (`Array(text.utf8)` for a string); `path` is only used in messages.
    public static func parse(bytes input: [UInt8], path: String, header: Header = .required) throws -> [Float] {
        var bytes = input
        bytes.append(0)   // strtod stops at the terminator at the latest
        return try bytes.withUnsafeBufferPointer { buffer in
            var scanner = Scanner(base: buffer.baseAddress!, end: input.count, path: path, header: header)
            return try scanner.scan()
        }
    }

    /// One pass over the bytes, line by line.
    private struct Scanner {
        let base: UnsafePointer<UInt8>
        let end: Int
        let path: String
        let header: Header
        var points: [Float] = []
        var sawHeader = false
        var lineNumber = 0
        var fields: [Range<Int>] = []   // of the current line, reused

        func fail(_ reason: String) -> RunError { .pointsFile(path: path, line: lineNumber, reason: reason) }

        mutating func scan() throws -> [Float] {
            points.reserveCapacity(end / 8)
            var start = 0
            while start < end {
                lineNumber += 1
                var stop = start
                while stop < end && base[stop] != 10 { stop += 1 }   // "\n"
                var last = stop
                if last > start && base[last - 1] == 13 { last -= 1 } // "\r"
                try line(start, last)
                start = stop + 1
            }
            return try finish()
        }

        func isSpace(_ c: UInt8) -> Bool { c == 32 || c == 9 }

        /// Splits the line `base[a..<b]` into ``fields``: byte ranges, spaces trimmed.
        mutating func split(_ a: Int, _ b: Int) {
            fields.removeAll(keepingCapacity: true)
            var s = a
            while true {
                var e = s
                while e < b && base[e] != 44 { e += 1 }           // ","
                var lo = s, hi = e
                while lo < hi && isSpace(base[lo]) { lo += 1 }
                while hi > lo && isSpace(base[hi - 1]) { hi -= 1 }
                fields.append(lo..<hi)
                if e >= b { return }
                s = e + 1
            }
        }

        func text(_ r: Range<Int>) -> String {
            let s = String(decoding: UnsafeBufferPointer(start: base + r.lowerBound, count: r.count), as: UTF8.self)
            return s.count > 40 ? String(s.prefix(40)) + "…" : s
        }

        /// The number that fills the field exactly, if it is one.
        func number(_ r: Range<Int>) -> Double? {
            guard !r.isEmpty else { return nil }
            let p = UnsafeMutableRawPointer(mutating: base + r.lowerBound).assumingMemoryBound(to: CChar.self)
            var stop: UnsafeMutablePointer<CChar>? = nil
            let v = strtod(p, &stop)
            guard let stop, stop - p == r.count else { return nil }
            return v
        }

        mutating func line(_ a: Int, _ b: Int) throws {
            var lo = a
            while lo < b && isSpace(base[lo]) { lo += 1 }
            if lo == b || base[lo] == 35 { return }                  // blank or "#"
            split(a, b)
            let f = fields
            if !sawHeader {
                sawHeader = true
                if try isHeader(f) { return }
            }
            guard f.count == 2 else {
                throw fail("expected two numbers x,y, found \(f.count) field\(f.count == 1 ? "" : "s"): '\(text(lo..<b))'")
            }
            for (name, field) in zip(["x", "y"], f) {
                guard let v = number(field) else { throw fail("\(name) = '\(text(field))' is not a number") }
                guard v.isFinite else { throw fail("\(name) = '\(text(field))' is not finite") }
                let x = Float(v)
                guard x.isFinite else { throw fail("\(name) = \(text(field)) is outside the range of 32-bit floats (±3.4e38)") }
                points.append(x)
            }
        }

        /// Whether the first line `f` is a header; for ``Header/required``, it must be x,y.
        func isHeader(_ f: [Range<Int>]) throws -> Bool {
            let numeric = f.map { number($0) != nil }
            switch header {
            case .optional:
                return !numeric.contains(true)
            case .required:
                let names = f.map { text($0).trimmingCharacters(in: CharacterSet(charactersIn: "\"")).lowercased() }
                guard names == ["x", "y"] else {
                    let shown = text(f.first!.lowerBound..<f.last!.upperBound)
                    var reason = "expected the header line x,y, found '\(shown)'"
                    if f.count == 2 && !numeric.contains(false) { reason += " (a point: add the line x,y above the first point)" }
                    throw fail(reason)
                }
                return true
            }
        }

        func finish() throws -> [Float] {
            func fail(_ reason: String) -> RunError { .pointsFile(path: path, line: nil, reason: reason) }
            switch header {
            case .required:
                guard sawHeader else { throw fail("the file is empty (expected the header line x,y, then one point per line)") }
                guard !points.isEmpty else { throw fail("no points after the header line x,y") }
            case .optional:
                guard !points.isEmpty else {
                    throw fail(sawHeader ? "no points after the header line" : "the file is empty (expected two numbers x,y per line)")
                }
            }
            return points
        }
    }
}
