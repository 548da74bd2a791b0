import ArgumentParser
import Foundation
import GANRun
import GANServe
import Synchronization

/// `ganscope serve R`: the report of a result directory over HTTP on this machine, updated
/// in open pages as a run writes new frames and metrics (server-sent events).
struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve a result directory's report on localhost; open pages update as the run goes.",
        discussion: """
            Serves only files inside R (paths that leave it are refused with 403) and pushes an
            update event to open pages whenever R/index.html is rewritten, which a training run
            does every --live-freq steps (docs/live.md). Binds to 127.0.0.1 unless --host says
            otherwise. It may start before the run: until R/index.html exists, / waits for it.
            Ctrl-C stops the server; runs writing to R are not affected.
            """)

    @Argument(help: "The result directory R (the --result-dir of a run).")
    var resultDir: String

    @Option(help: "TCP port; 0 picks a free one.")
    var port: Int = 8000

    @Option(help: "Address to bind. Anything but 127.0.0.1 or ::1 makes the results readable from other machines.")
    var host: String = "127.0.0.1"

    func validate() throws {
        guard (0...65535).contains(port) else {
            throw ValidationError("--port must be from 0 (any free port) to 65535, got \(port)")
        }
    }

    func run() throws {
        let server: ReportServer
        do { server = try ReportServer(resultDir: resultDir, host: host, port: port) }
        catch ServeError.notADirectory { throw RunError.invalid(field: "result_dir", value: resultDir, accepted: "an existing directory (the --result-dir of a run)") }
        catch let ServeError.invalid(field, value, accepted) { throw RunError.invalid(field: field, value: value, accepted: accepted) }
        let host = self.host
        let app = server.application { bound in
            let shown = host.contains(":") ? "[\(host)]" : host
            print("Serving \(server.files.root) at http://\(shown):\(bound)/  (Ctrl-C stops)")
            fflush(nil)
        }
        // Ctrl-C and SIGTERM end the server at once (the default action).
        Interruption.unblockSignals()
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
        let failure = Mutex<String?>(nil)
        let done = DispatchSemaphore(value: 0)
        Task {
            do { try await app.runService(gracefulShutdownSignals: []) }
            catch { failure.withLock { $0 = "\(error)" } }
            done.signal()
        }
        done.wait()
        if let message = failure.withLock({ $0 }) {
            if message.contains("Address already in use") {
                throw RunError.invalid(field: "port", value: "\(port)", accepted: "a port not in use on \(host); 0 picks a free one")
            }
            throw RunError.invalid(field: "host", value: "\(host):\(port)", accepted: "an address of this machine to bind (\(message))")
        }
    }
}
