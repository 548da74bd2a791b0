import Foundation
import Testing

/// Issue 9 from the command line: `ganscope serve` starts on localhost and prints its
/// address; bad input exits with 2 and names the field; `--live-freq` is checked.
@Suite("ganscope serve and --live-freq on the command line", .serialized)
struct ServeCommandTests {
    /// `.build/debug/ganscope` next to this package (`swift test` builds it).
    static var binary: String? {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let path = root.appendingPathComponent(".build/debug/ganscope").path
        return FileManager.default.isExecutableFile(atPath: path) ? path : nil
    }

    static func run(_ args: [String]) throws -> (code: Int32, out: String, err: String) {
        let p = Process(), out = Pipe(), err = Pipe()
        p.executableURL = URL(fileURLWithPath: try #require(binary))
        p.arguments = args
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    @Test(.enabled(if: binary != nil, "build ganscope first (swift build)"))
    func badInputExitsTwoAndNamesTheField() throws {
        let missing = try Self.run(["serve", "/nonexistent/ganscope-results"])
        #expect(missing.code == 2 && missing.err.contains("result_dir"), "\(missing.err)")
        let port = try Self.run(["serve", NSTemporaryDirectory(), "--port", "70000"])
        #expect(port.code == 2 && port.err.contains("--port"), "\(port.err)")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ganscope-cli-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let live = try Self.run(["train", "--live-freq", "-5", "--result-dir", dir])
        #expect(live.code == 2 && live.err.contains("--live-freq"), "\(live.err)")
        let gif = try Self.run(["train", "--live-freq", "0", "--live-gif", "--result-dir", dir])
        #expect(gif.code == 2 && gif.err.contains("--live-gif"), "\(gif.err)")
        #expect(!FileManager.default.fileExists(atPath: dir), "bad input wrote files")
    }

    @Test(.enabled(if: binary != nil, "build ganscope first (swift build)"))
    func serveBindsToLocalhostAndServesTheDirectory() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ganscope-cli-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Data("<!DOCTYPE html><title>report</title>".utf8).write(to: URL(fileURLWithPath: dir + "/index.html"))
        let server = try Self.startServer(dir)
        defer { server.process.terminate(); server.process.waitUntilExit() }
        let port = server.port
        // A plain socket request: the page, byte for byte.
        let response = try Self.get(port: port, path: "/index.html")
        #expect(response.hasPrefix("HTTP/1.1 200"), "\(response)")
        #expect(response.hasSuffix("<!DOCTYPE html><title>report</title>"))
        let refused = try Self.get(port: port, path: "/../../etc/passwd")
        #expect(refused.hasPrefix("HTTP/1.1 403"), "\(refused)")
        #expect(!refused.contains("root:"))
    }

    /// Starts `ganscope serve dir --port 0` and reads the port from its first line,
    /// "Serving <dir> at http://127.0.0.1:<port>/  (Ctrl-C stops)".
    static func startServer(_ dir: String) throws -> (process: Process, port: Int) {
        let p = Process(), out = Pipe()
        p.executableURL = URL(fileURLWithPath: try #require(binary))
        p.arguments = ["serve", dir, "--port", "0"]
        p.standardOutput = out
        try p.run()
        var line = ""
        let handle = out.fileHandleForReading
        while !line.contains("\n") {
            let chunk = handle.availableData
            if chunk.isEmpty { break }
            line += String(decoding: chunk, as: UTF8.self)
        }
        guard let match = line.firstMatch(of: /at http:\/\/127\.0\.0\.1:(\d+)\//), let port = Int(match.1) else {
            p.terminate()
            p.waitUntilExit()
            Issue.record("ganscope serve printed no address: \(line)")
            throw Chromium.Failure.protocolError("no server")
        }
        return (p, port)
    }

    /// GET over a raw TCP socket to 127.0.0.1, so the path goes out exactly as written.
    static func get(port: Int, path: String) throws -> String {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        try #require(fd >= 0)
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = in_port_t(UInt16(port).bigEndian)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        try #require(connected == 0)
        let request = Array("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".utf8)
        _ = request.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, 0) }
        var bytes: [UInt8] = []
        var buf = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = buf.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n <= 0 { break }
            bytes += buf[0..<n]
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
