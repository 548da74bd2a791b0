import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import GANServe

/// `ganscope serve` over HTTP: files with their types and refusals for paths that
/// leave the directory. The event stream is tested against the real server process in
/// `ServeCommandTests`, where a busy test process cannot starve it.
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

    @Test func beforeAnyReportTheRootWaitsForOne() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ganscope-serve-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let app = Application(router: try ReportServer(resultDir: dir, port: 0).router())
        try await app.test(.router) { client in
            for path in ["/", "/index.html"] {
                try await client.execute(uri: path, method: .get) { r in
                    let page = String(buffer: r.body)
                    #expect(r.status == .ok && r.headers[.contentType] == "text/html; charset=utf-8", "\(path)")
                    #expect(page.contains("No report here yet") && page.contains("EventSource('\(ReportServer.eventsPath)')"))
                }
            }
            try await client.execute(uri: "/M/index.html", method: .get) { r in #expect(r.status == .notFound) }
        }
    }
}
