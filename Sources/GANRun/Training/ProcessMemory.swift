import Foundation

/// The memory this process has used, from the kernel's own accounting.
public enum ProcessMemory {
    /// Peak resident set of this process in MiB (`VmHWM` in `/proc/self/status`, which unlike
    /// `ru_maxrss` excludes what a parent had resident), or `nil` where there is no such file.
    public static func peakResidentMB() -> Double? {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        return parseStatus(text, key: "VmHWM")
    }

    /// The value of `key` (a line `key:   123 kB` of `/proc/self/status` or `/proc/meminfo`) in MiB.
    static func parseStatus(_ text: String, key: String) -> Double? {
        for line in text.split(separator: "\n") where line.hasPrefix(key + ":") {
            let fields = line.dropFirst(key.count + 1).split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard fields.count == 2, fields[1] == "kB", let kib = Double(fields[0]) else { return nil }
            return kib / 1024
        }
        return nil
    }
}
