import Foundation

/// Writes files so that a reader (or a crash) never sees a half-written one: Foundation's
/// atomic write puts the bytes in a temporary file next to the target and renames it over.
public enum AtomicFile {
    /// Writes `text` (UTF-8) to `path` atomically.
    public static func write(_ text: String, to path: String) throws {
        try write(Data(text.utf8), to: path)
    }

    /// Writes `bytes` to `path` atomically, creating parent directories as needed.
    public static func write(_ bytes: some DataProtocol, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: url, options: .atomic)
        } catch {
            throw RunError.io(path: path, reason: error.localizedDescription)
        }
    }
}
