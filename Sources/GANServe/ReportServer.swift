import Foundation
import Hummingbird
import Logging

/// `ganscope serve R`: serves one result directory on localhost and tells open report pages
/// when it changes, with server-sent events, so a running report updates without reloading.
/// `GET /_ganscope/events` sends `event: update` at once and whenever `R/index.html` changes
/// (polled every ``pollInterval``), plus a keep-alive comment every 15 s; any other path is
/// a file inside R (``ReportFiles``): 404 when missing (204 for `/favicon.ico`, and a waiting
/// page for `/` until a run writes `R/index.html`), 403 outside R, always
/// `Cache-Control: no-cache`, since live files change under the same name.
public struct ReportServer: Sendable {
    public let files: ReportFiles
    public var host: String
    public var port: Int
    /// How often the event stream looks for a new page.
    public var pollInterval: Duration = .milliseconds(200)

    /// The path of the event stream.
    public static let eventsPath = "/_ganscope/events"

    public init(resultDir: String, host: String = "127.0.0.1", port: Int = 8000) throws {
        guard (0...65535).contains(port) else {
            throw ServeError.invalid(field: "port", value: "\(port)", accepted: "0 (any free port) to 65535")
        }
        guard !host.isEmpty else { throw ServeError.invalid(field: "host", value: host, accepted: "an address such as 127.0.0.1") }
        files = try ReportFiles(root: resultDir)
        self.host = host
        self.port = port
    }

    /// The routes.
    public func router() -> Router<BasicRequestContext> {
        let router = Router()
        let files = self.files, poll = pollInterval
        router.get(RouterPath(stringLiteral: Self.eventsPath)) { _, _ -> Response in
            Self.eventStream(files: files, poll: poll)
        }
        let serve: @Sendable (Request, BasicRequestContext) async throws -> Response = { request, _ in
            let lookup = files.lookup(request.uri.path)
            // Browsers ask for /favicon.ico on their own; a report has none, and a 404 would
            // be an error in the page's console.
            if lookup == .notFound && request.uri.path == "/favicon.ico" { return Response(status: .noContent) }
            if lookup == .notFound && ["/", "/index.html"].contains(request.uri.path) { return Self.waitingPage() }
            return try Self.file(lookup)
        }
        router.get("/", use: serve)
        router.get("**", use: serve)
        return router
    }

    /// The application; `onRunning` receives the bound port once the server listens.
    public func application(onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) -> some ApplicationProtocol {
        Application(
            router: router(),
            configuration: .init(address: .hostname(host, port: port), serverName: "ganscope"),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? 0) },
            logger: {
                var l = Logger(label: "ganscope.serve")
                l.logLevel = .warning
                return l
            }())
    }

    static func file(_ lookup: ReportFiles.Lookup) throws -> Response {
        switch lookup {
        case .notFound:
            throw HTTPError(.notFound, message: "no such file in the result directory")
        case let .forbidden(reason):
            throw HTTPError(.forbidden, message: "refused: \(reason)")
        case let .file(path, type):
            guard let data = FileManager.default.contents(atPath: path) else {
                throw HTTPError(.notFound, message: "no such file in the result directory")
            }
            return Response(status: .ok,
                            headers: [.contentType: type, .cacheControl: "no-cache"],
                            body: .init(byteBuffer: ByteBuffer(bytes: data)))
        }
    }

    /// The page at `/` before any run has written `R/index.html`: it waits for the first
    /// `update` event that names a report and then loads it, so the server can be started
    /// and the page opened before the run.
    static func waitingPage() -> Response {
        let html = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>GANScope: waiting for a report</title></head>
            <body><p>No report here yet: this page shows it as soon as a run writes one.</p>
            <script>
            new EventSource('\(eventsPath)').addEventListener('update', function (e) {
              if (e.data !== 'none') { location.reload(); }
            });
            </script></body></html>

            """
        return Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-cache"],
                        body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    static func eventStream(files: ReportFiles, poll: Duration) -> Response {
        let body = ResponseBody { writer in
            // Ends when the client has gone (a write fails) or the server stops (the task is
            // cancelled); the writer is finished either way, so the connection closes cleanly.
            do {
                var sent = 0
                var last: String? = nil
                var quiet = Duration.zero
                try await writer.write(ByteBuffer(string: "retry: 1000\n\n"))
                while !Task.isCancelled {
                    let now = files.version()
                    if sent == 0 || (now != nil && now != last) {
                        last = now
                        try await writer.write(ByteBuffer(string: "event: update\ndata: \(now ?? "none")\n\n"))
                        sent += 1
                        quiet = .zero
                        continue
                    }
                    try await Task.sleep(for: poll)
                    quiet += poll
                    if quiet >= .seconds(15) {
                        try await writer.write(ByteBuffer(string: ": still here\n\n"))
                        quiet = .zero
                    }
                }
            } catch {}
            try? await writer.finish(nil)
        }
        return Response(status: .ok,
                        headers: [.contentType: "text/event-stream", .cacheControl: "no-cache"],
                        body: body)
    }
}
