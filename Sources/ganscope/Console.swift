import Foundation

/// Console output: log lines on stdout, a one-line progress display when stdout is a
/// terminal, errors on stderr.
enum Console {
    static let isTerminal = isatty(STDOUT_FILENO) == 1
    nonisolated(unsafe) private static var progressShown = false

    static func line(_ s: String) {
        if progressShown { print("\r\u{1B}[K", terminator: "") ; progressShown = false }
        print(s)
        fflush(nil)
    }

    static func progress(step: Int, total: Int, seconds: Double) {
        guard isTerminal else { return }
        let rate = seconds > 0 ? Double(step) / seconds : 0
        let eta = rate > 0 ? Double(total - step) / rate : 0
        let width = 30
        let filled = total > 0 ? width * step / total : width
        let bar = String(repeating: "=", count: filled) + String(repeating: " ", count: width - filled)
        print(String(format: "\r\u{1B}[K[%@] %d/%d  %.0f steps/s  ETA %.0fs", bar, step, total, rate, eta),
              terminator: "")
        fflush(nil)
        progressShown = true
    }

    static func warning(_ s: String) { toStandardError("warning: " + s) }

    static func error(_ s: String) { toStandardError("error: " + s) }

    private static func toStandardError(_ line: String) {
        if progressShown { print(""); progressShown = false }
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
