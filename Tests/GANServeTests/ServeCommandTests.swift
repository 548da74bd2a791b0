import Foundation
import Testing

/// From the command line: `ganscope serve` starts on localhost and prints its
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
        let range = try Self.run(["train", "--live-freq=-5", "--result-dir", dir])
        #expect(range.code == 2 && range.err.contains("live_freq"), "\(range.err)")
        let gif = try Self.run(["train", "--live-freq", "0", "--live-gif", "--result-dir", dir])
        #expect(gif.code == 2 && gif.err.contains("live_gif"), "\(gif.err)")
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

    /// The event stream of the real server process, read over a raw socket: an update at
    /// once, then one per rewrite of `index.html`, each with a new version. A separate
    /// process and blocking reads with a generous deadline keep this independent of how
    /// busy the test process's own threads are.
    @Test(.enabled(if: binary != nil, "build ganscope first (swift build)"))
    func theEventStreamAnnouncesEachRewriteOfThePage() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ganscope-sse-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        func rewrite(_ i: Int) throws {
            try Data("<!DOCTYPE html><title>\(i)</title>".utf8).write(to: URL(fileURLWithPath: dir + "/.tmp"))
            #expect(rename(dir + "/.tmp", dir + "/index.html") == 0)
        }
        try rewrite(0)
        let server = try Self.startServer(dir)
        defer { server.process.terminate(); server.process.waitUntilExit() }
        let fd = try Self.connect(port: server.port)
        defer { close(fd) }
        var timeout = timeval(tv_sec: 0, tv_usec: 300_000)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        Self.send(fd, "GET \(Self.eventsPath) HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        var text = ""
        var rewrites = 0
        let deadline = Date().addingTimeInterval(120)
        // Rewrite only after the previous version has been announced, so no two rewrites
        // fall between two polls of the server.
        while text.components(separatedBy: "event: update\n").count < 5 && Date() < deadline {
            var buf = [UInt8](repeating: 0, count: 4096)
            let n = buf.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n == 0 { break }
            if n > 0 { text += String(decoding: buf[0..<n], as: UTF8.self) }
            let announced = text.components(separatedBy: "event: update\n").count - 1
            if announced > rewrites && rewrites < 3 {
                Thread.sleep(forTimeInterval: 0.05)   // a new mtime or inode even on coarse clocks
                rewrites += 1
                try rewrite(rewrites)
            }
        }
        #expect(text.hasPrefix("HTTP/1.1 200"), "\(text)")
        #expect(text.lowercased().contains("content-type: text/event-stream"), "\(text)")
        #expect(text.contains("retry: 1000\n\n"))
        let updates = text.components(separatedBy: "event: update\n").dropFirst()
        #expect(updates.count == 4, "\(text)")   // the first at once, then one per rewrite
        let versions = updates.map { $0.split(separator: "\n").first.map(String.init) ?? "" }
        #expect(Set(versions).count == 4 && versions.allSatisfy { $0.hasPrefix("data: ") && $0 != "data: none" }, "\(versions)")
    }

    static let eventsPath = "/_ganscope/events"

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

    /// A TCP connection to 127.0.0.1:port.
    static func connect(port: Int) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        try #require(fd >= 0)
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = in_port_t(UInt16(port).bigEndian)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        if connected != 0 { close(fd) }
        try #require(connected == 0)
        return fd
    }

    static func send(_ fd: Int32, _ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, 0) }
    }

    /// GET over a raw TCP socket to 127.0.0.1, so the path goes out exactly as written.
    static func get(port: Int, path: String) throws -> String {
        let fd = try connect(port: port)
        defer { close(fd) }
        send(fd, "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
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
