import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Headless Chromium driven through the DevTools protocol over `--remote-debugging-pipe`
/// (commands on the browser's fd 3, replies on its fd 4, each a JSON text ended by NUL),
/// so the tests need no WebSocket client. Just enough of the protocol for the report's
/// browser tests: open a page, evaluate JavaScript, collect console errors, take a
/// screenshot.
final class Chromium: @unchecked Sendable {
    enum Failure: Error, CustomStringConvertible {
        case notInstalled, spawn(Int32), protocolError(String), timeout(String)
        var description: String {
            switch self {
            case .notInstalled:
                return "chromium not found: install Debian's chromium (`make test` does) or set GANSCOPE_CHROMIUM"
            case let .spawn(e): return "cannot start chromium: \(String(cString: strerror(e)))"
            case let .protocolError(s): return "DevTools protocol: \(s)"
            case let .timeout(s): return "timed out: \(s)"
            }
        }
    }

    private let pid: pid_t
    private let toBrowser: Int32
    private let fromBrowser: Int32
    private let profile: String
    private let lock = NSCondition()
    private var replies: [Int: [String: Any]] = [:]
    private var eventLog: [[String: Any]] = []
    private var nextID = 1
    private var closed = false

    /// The browser binary: `GANSCOPE_CHROMIUM`, else `chromium` or `chromium-browser` on PATH.
    static func binary() -> String? {
        if let p = ProcessInfo.processInfo.environment["GANSCOPE_CHROMIUM"], !p.isEmpty { return p }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            for name in ["chromium", "chromium-browser"] where FileManager.default.isExecutableFile(atPath: "\(dir)/\(name)") {
                return "\(dir)/\(name)"
            }
        }
        return nil
    }

    init(width: Int = 1280, height: Int = 900) throws {
        guard let exe = Self.binary() else { throw Failure.notInstalled }
        profile = FileManager.default.temporaryDirectory.appendingPathComponent("ganscope-chromium-\(UUID().uuidString)").path
        var a: [Int32] = [0, 0], b: [Int32] = [0, 0]
        guard pipe(&a) == 0, pipe(&b) == 0 else { throw Failure.spawn(errno) }
        for fd in a + b { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }   // only the dup2'd 3 and 4 reach the browser
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, a[0], 3)   // the browser reads commands
        posix_spawn_file_actions_adddup2(&actions, b[1], 4)   // and writes replies
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let args = [exe, "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--no-first-run", "--no-default-browser-check", "--disable-extensions",
                    "--remote-debugging-pipe", "--user-data-dir=\(profile)",
                    "--window-size=\(width),\(height)", "--hide-scrollbars", "about:blank"]
        var argv: [UnsafeMutablePointer<CChar>?] = args.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var envp: [UnsafeMutablePointer<CChar>?] = ProcessInfo.processInfo.environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { envp.forEach { free($0) } }
        // Its own process group, so shutdown() can end every Chromium process at once.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
        posix_spawnattr_setpgroup(&attributes, 0)
        var child: pid_t = 0
        let rc = posix_spawn(&child, exe, &actions, &attributes, &argv, &envp)
        close(a[0]); close(b[1])
        guard rc == 0 else { close(a[1]); close(b[0]); throw Failure.spawn(rc) }
        pid = child
        toBrowser = a[1]
        fromBrowser = b[0]
        let reader = Thread { [unowned self] in self.readLoop() }
        reader.start()
    }

    deinit { shutdown() }

    /// Ends the browser and removes its profile.
    func shutdown() {
        lock.lock()
        let wasClosed = closed
        closed = true
        lock.unlock()
        guard !wasClosed else { return }
        _ = try? send("Browser.close", [:], session: nil, wait: false)
        var status: Int32 = 0
        for _ in 0..<50 {
            if waitpid(pid, &status, WNOHANG) == pid { break }
            usleep(100_000)
        }
        kill(-pid, SIGKILL)   // the whole group: renderers and the network service too
        waitpid(pid, &status, 0)
        close(toBrowser)
        try? FileManager.default.removeItem(atPath: profile)
    }

    private func readLoop() {
        var pending: [UInt8] = []
        var buf = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = buf.withUnsafeMutableBytes { read(fromBrowser, $0.baseAddress, $0.count) }
            if n <= 0 { break }
            pending.append(contentsOf: buf[0..<n])
            while let end = pending.firstIndex(of: 0) {
                let message = Data(pending[..<end])
                pending.removeSubrange(...end)
                guard let obj = try? JSONSerialization.jsonObject(with: message) as? [String: Any] else { continue }
                lock.lock()
                if let id = obj["id"] as? Int { replies[id] = obj } else { eventLog.append(obj) }
                lock.broadcast()
                lock.unlock()
            }
        }
        close(fromBrowser)
        lock.lock()
        closed = true
        lock.broadcast()
        lock.unlock()
    }

    /// Sends a command and returns its `result`.
    @discardableResult
    func send(_ method: String, _ params: [String: Any] = [:], session: String?, timeout: Double = 30,
              wait: Bool = true) throws -> [String: Any] {
        lock.lock()
        let id = nextID
        nextID += 1
        lock.unlock()
        var message: [String: Any] = ["id": id, "method": method, "params": params]
        if let session { message["sessionId"] = session }
        var bytes = [UInt8](try JSONSerialization.data(withJSONObject: message))
        bytes.append(0)
        var off = 0
        while off < bytes.count {
            let n = bytes[off...].withUnsafeBytes { write(toBrowser, $0.baseAddress, $0.count) }
            guard n > 0 else { throw Failure.protocolError("browser pipe closed during \(method)") }
            off += n
        }
        guard wait else { return [:] }
        let deadline = Date().addingTimeInterval(timeout)
        lock.lock()
        defer { lock.unlock() }
        while replies[id] == nil {
            if closed { throw Failure.protocolError("browser exited during \(method)") }
            guard lock.wait(until: deadline) else { throw Failure.timeout(method) }
        }
        let reply = replies.removeValue(forKey: id)!
        if let error = reply["error"] as? [String: Any] {
            throw Failure.protocolError("\(method): \(error["message"] ?? error)")
        }
        return reply["result"] as? [String: Any] ?? [:]
    }

    /// Events received so far for `session`.
    func events(session: String) -> [[String: Any]] {
        lock.lock()
        defer { lock.unlock() }
        return eventLog.filter { $0["sessionId"] as? String == session }
    }

    /// A new tab with the runtime, log and page domains on.
    func newPage() throws -> Page {
        let target = try send("Target.createTarget", ["url": "about:blank"], session: nil)
        guard let targetID = target["targetId"] as? String else { throw Failure.protocolError("no targetId") }
        let attached = try send("Target.attachToTarget", ["targetId": targetID, "flatten": true], session: nil)
        guard let session = attached["sessionId"] as? String else { throw Failure.protocolError("no sessionId") }
        let page = Page(browser: self, session: session)
        for domain in ["Runtime", "Log", "Page"] { try page.send("\(domain).enable") }
        return page
    }

    /// One tab.
    final class Page: @unchecked Sendable {
        let browser: Chromium
        let session: String
        init(browser: Chromium, session: String) { self.browser = browser; self.session = session }

        @discardableResult
        func send(_ method: String, _ params: [String: Any] = [:]) throws -> [String: Any] {
            try browser.send(method, params, session: session)
        }

        func navigate(_ url: String) throws { try send("Page.navigate", ["url": url]) }

        /// The value of a JavaScript expression (promises awaited; `nil` on an exception).
        func evaluate(_ expression: String) throws -> Any? {
            let r = try send("Runtime.evaluate", ["expression": expression, "returnByValue": true, "awaitPromise": true])
            if let details = r["exceptionDetails"] { lastException.withLock { $0 = "\(details)" }; return nil }
            return (r["result"] as? [String: Any])?["value"]
        }
        /// The exception of the last ``evaluate(_:)`` that threw in the page.
        var lastError: String { lastException.withLock { $0 } }
        private let lastException = Mutex<String>("")

        /// Polls `expression` until it is `true`.
        func wait(for expression: String, timeout: Double, _ what: String) throws {
            let deadline = Date().addingTimeInterval(timeout)
            while Date() < deadline {
                if (try? evaluate(expression)) as? Bool == true { return }
                usleep(100_000)
            }
            throw Failure.timeout(what)
        }

        /// The viewport size (CSS pixels); a tall one makes lazy images load.
        func setViewport(width: Int, height: Int) throws {
            try send("Emulation.setDeviceMetricsOverride",
                     ["width": width, "height": height, "deviceScaleFactor": 1, "mobile": false])
        }

        /// PNG bytes of the viewport.
        func screenshot() throws -> [UInt8] {
            let r = try send("Page.captureScreenshot", ["format": "png"])
            guard let b64 = r["data"] as? String, let data = Data(base64Encoded: b64) else {
                throw Failure.protocolError("no screenshot data")
            }
            return [UInt8](data)
        }

        /// Console errors, uncaught exceptions and error log entries (failed loads) so far.
        func errors() -> [String] {
            browser.events(session: session).compactMap { e -> String? in
                let params = e["params"] as? [String: Any] ?? [:]
                switch e["method"] as? String {
                case "Runtime.consoleAPICalled":
                    guard let type = params["type"] as? String, type == "error" || type == "assert" else { return nil }
                    return "console.\(type): \(params["args"] ?? "")"
                case "Runtime.exceptionThrown":
                    return "exception: \(params["exceptionDetails"] ?? "")"
                case "Log.entryAdded":
                    guard let entry = params["entry"] as? [String: Any], entry["level"] as? String == "error" else { return nil }
                    return "log: \(entry["text"] ?? "") \(entry["url"] ?? "")"
                default:
                    return nil
                }
            }
        }
    }
}
