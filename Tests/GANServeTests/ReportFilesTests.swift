import Foundation
import Testing
@testable import GANServe

/// `ganscope serve`: only files inside the result directory, never outside it.
@Suite("Result directory files over HTTP")
struct ReportFilesTests {
    /// R with index.html, M/live.png, a secret beside R and a symbolic link out of R.
    static func makeTree() throws -> (root: String, outside: String) {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("ganscope-serve-\(UUID().uuidString)").path
        let root = base + "/R"
        try FileManager.default.createDirectory(atPath: root + "/M", withIntermediateDirectories: true)
        try Data("<!DOCTYPE html><title>x</title>".utf8).write(to: URL(fileURLWithPath: root + "/index.html"))
        try Data([0x89, 0x50, 0x4E, 0x47]).write(to: URL(fileURLWithPath: root + "/M/live.png"))
        try Data("a b".utf8).write(to: URL(fileURLWithPath: root + "/M/with space.csv"))
        try Data("secret".utf8).write(to: URL(fileURLWithPath: base + "/secret.txt"))
        try FileManager.default.createSymbolicLink(atPath: root + "/escape.txt", withDestinationPath: base + "/secret.txt")
        return (root, base)
    }

    @Test func filesInsideAreFoundWithTheirTypes() throws {
        let (root, base) = try Self.makeTree()
        defer { try? FileManager.default.removeItem(atPath: base) }
        let files = try ReportFiles(root: root)
        #expect(files.lookup("/") == .file(path: files.root + "/index.html", contentType: "text/html; charset=utf-8"))
        #expect(files.lookup("/index.html") == .file(path: files.root + "/index.html", contentType: "text/html; charset=utf-8"))
        #expect(files.lookup("/M/live.png") == .file(path: files.root + "/M/live.png", contentType: "image/png"))
        #expect(files.lookup("/M/with%20space.csv") == .file(path: files.root + "/M/with space.csv", contentType: "text/csv; charset=utf-8"))
        #expect(files.lookup("/M/nothing.png") == .notFound)
        #expect(files.lookup("/M") == .notFound)   // a directory without index.html
    }

    @Test(arguments: ["/../secret.txt", "/M/../../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E%2Fsecret.txt",
                      "/M/%2e%2e/%2e%2e/secret.txt", "/..", "/M/..%5C..%5Csecret.txt", "/index.html%00.png", "/%zz"])
    func traversalIsRefused(_ path: String) throws {
        let (root, base) = try Self.makeTree()
        defer { try? FileManager.default.removeItem(atPath: base) }
        let files = try ReportFiles(root: root)
        guard case .forbidden = files.lookup(path) else {
            Issue.record("\(path) was not refused: \(files.lookup(path))")
            return
        }
    }

    @Test func aSymbolicLinkOutOfTheDirectoryIsRefused() throws {
        let (root, base) = try Self.makeTree()
        defer { try? FileManager.default.removeItem(atPath: base) }
        let files = try ReportFiles(root: root)
        #expect(files.lookup("/escape.txt") == .forbidden(reason: "outside the result directory"))
    }

    @Test func theVersionChangesWhenThePageIsRewritten() throws {
        let (root, base) = try Self.makeTree()
        defer { try? FileManager.default.removeItem(atPath: base) }
        let files = try ReportFiles(root: root)
        let v1 = try #require(files.version())
        // Rewrite by rename, as AtomicFile does: same size, maybe the same clock tick.
        try Data("<!DOCTYPE html><title>y</title>".utf8).write(to: URL(fileURLWithPath: root + "/.tmp"))
        #expect(rename(root + "/.tmp", root + "/index.html") == 0)
        #expect(files.version() != v1)
        try FileManager.default.removeItem(atPath: root + "/index.html")
        #expect(files.version() == nil)
    }

    @Test func aMissingDirectoryOrBadPortIsRefused() {
        #expect(throws: ServeError.notADirectory(path: "/nonexistent/ganscope")) {
            try ReportServer(resultDir: "/nonexistent/ganscope")
        }
        #expect(throws: ServeError.self) { try ReportServer(resultDir: NSTemporaryDirectory(), port: 70000) }
    }
}
