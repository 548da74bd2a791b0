import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import GANServe

/// Issue 9, `ganscope serve` over HTTP: files with their types, refusals for paths that
/// leave the directory, and an event stream that announces each rewrite of the page.
@Suite("Report server over HTTP")
struct ReportServerTests {
    @Test func servesFilesAndRefusesTraversal() async throws {
        let (root, base) = try ReportFilesTests.makeTree()
        defer { try? FileManager.default.removeItem(atPath: base) }
        let server = try ReportServer(resultDir: root, port: 0)
        let app = Application(router: server.router())
        try await app.test(.router) { client in
            try await client.execute(uri: "/", method: .get) { r in
                #expect(r.status == .ok)
                #expect(r.headers[.contentType] == "text/html; charset=utf-8")
                #expect(r.headers[.cacheControl] == "no-cache")
                #expect(String(buffer: r.body) == "<!DOCTYPE html><title>x</title>")
            }
            try await client.execute(uri: "/M/live.png", method: .get) { r in
                #expect(r.status == .ok && r.headers[.contentType] == "image/png" && r.body.readableBytes == 4)
            }
            try await client.execute(uri: "/M/missing.png", method: .get) { r in #expect(r.status == .notFound) }
            try await client.execute(uri: "/favicon.ico", method: .get) { r in #expect(r.status == .noContent) }
            for path in ["/../secret.txt", "/M/%2e%2e/%2e%2e/secret.txt", "/escape.txt"] {
                try await client.execute(uri: path, method: .get) { r in
                    #expect(r.status == .forbidden, "\(path)")
                    #expect(!String(buffer: r.body).contains("secret"))
                }
            }
        }
    }

    @Test func theEventStreamAnnouncesEachRewriteOfThePage() async throws {
        let (root, base) = try ReportFilesTests.makeTree()
        defer { try? FileManager.default.removeItem(atPath: base) }
        var server = try ReportServer(resultDir: root, port: 0)
        server.pollInterval = .milliseconds(20)
        server.eventLimit = 3   // the stream ends, so the test client can read all of it
        let rewriter = Task {
            // Rewrites by rename until the stream has ended (on a loaded machine two
            // rewrites may fall between two polls and count as one change).
            for i in 0..<600 where !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(100))
                try Data("<!DOCTYPE html><title>\(i)</title>".utf8).write(to: URL(fileURLWithPath: root + "/.tmp"))
                rename(root + "/.tmp", root + "/index.html")
            }
        }
        defer { rewriter.cancel() }
        let app = Application(router: server.router(), configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            try await client.execute(uri: ReportServer.eventsPath, method: .get) { r in
                #expect(r.status == .ok)
                #expect(r.headers[.contentType] == "text/event-stream")
                let text = String(buffer: r.body)
                let updates = text.components(separatedBy: "event: update\n")
                #expect(updates.count == 4, "\(text)")   // the first at once, then one per change, up to the limit
                let versions = Set(updates.dropFirst().map { $0.split(separator: "\n").first.map(String.init) ?? "" })
                #expect(versions.count == 3 && !versions.contains("data: none"))
                #expect(text.hasPrefix("retry: 1000\n\n"))
            }
        }
        rewriter.cancel()
        _ = await rewriter.result
    }
}
