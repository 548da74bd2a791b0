import Foundation

/// Maps request paths to files inside one result directory, and nothing outside it.
///
/// A path is percent-decoded once; it is refused (``Lookup/forbidden``) when it holds a
/// NUL byte, a backslash, or a `..` component, and when the file it names — after every
/// symbolic link is resolved — lies outside the root. A directory serves its `index.html`.
public struct ReportFiles: Sendable {
    /// The root with every symbolic link resolved.
    public let root: String

    public enum Lookup: Equatable, Sendable {
        case file(path: String, contentType: String)
        case notFound
        case forbidden(reason: String)
    }

    public init(root: String) throws {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isDir), isDir.boolValue,
              let real = Self.realPath(root) else { throw ServeError.notADirectory(path: root) }
        self.root = real
    }

    static func realPath(_ path: String) -> String? {
        guard let p = realpath(path, nil) else { return nil }
        defer { free(p) }
        return String(cString: p)
    }

    /// The file for the path of a request (`/`, `/index.html`, `/M/live.png`, …).
    public func lookup(_ requestPath: String) -> Lookup {
        guard let decoded = requestPath.removingPercentEncoding else { return .forbidden(reason: "bad percent-encoding") }
        if decoded.contains("\0") || decoded.contains("\\") { return .forbidden(reason: "bad character in path") }
        let parts = decoded.split(separator: "/", omittingEmptySubsequences: true)
        if parts.contains("..") { return .forbidden(reason: "'..' in path") }
        var path = root + (parts.isEmpty ? "" : "/" + parts.joined(separator: "/"))
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else { return .notFound }
        if isDir.boolValue {
            path += "/index.html"
            guard FileManager.default.fileExists(atPath: path) else { return .notFound }
        }
        guard let real = Self.realPath(path) else { return .notFound }
        guard real.hasPrefix(root + "/") else { return .forbidden(reason: "outside the result directory") }
        return .file(path: real, contentType: Self.contentType(of: real))
    }

    /// Media type by file extension; unknown types are served as bytes.
    public static func contentType(of path: String) -> String {
        contentTypes[(path as NSString).pathExtension.lowercased()] ?? "application/octet-stream"
    }

    /// Media types by lowercase file extension.
    static let contentTypes = [
        "html": "text/html; charset=utf-8", "htm": "text/html; charset=utf-8",
        "png": "image/png", "gif": "image/gif", "svg": "image/svg+xml",
        "json": "application/json", "csv": "text/csv; charset=utf-8",
        "txt": "text/plain; charset=utf-8", "md": "text/plain; charset=utf-8",
        "css": "text/css; charset=utf-8", "js": "text/javascript; charset=utf-8",
    ]

    /// A value that changes whenever the report page is rewritten (every write is a
    /// rename, so the inode changes even within one clock tick); `nil` while it is missing.
    public func version() -> String? {
        var st = stat()
        guard stat(root + "/index.html", &st) == 0 else { return nil }
        return "\(st.st_ino)-\(st.st_mtim.tv_sec)-\(st.st_mtim.tv_nsec)-\(st.st_size)"
    }
}
