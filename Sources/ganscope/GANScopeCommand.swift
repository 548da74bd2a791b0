import ArgumentParser
import Foundation
import GANRun

/// `ganscope`: train GANs on 2-D toy distributions and render how they learn.
@main
struct GANScopeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ganscope",
        abstract: "Train GANs on 2-D toy distributions and render how they learn.",
        discussion: """
            Start with `ganscope train --preset seed`: the blog's experiment (25000 steps),
            writing frames, an animated GIF, metrics and results/index.html.
            Train on your own points or picture with `ganscope train --data FILE.csv|FILE.png`.
            Score any CSV of points with `ganscope eval --samples FILE.csv --preset NAME` (or --data FILE).
            Compare variants with `ganscope compare MANIFEST.json`; run a published benchmark
            protocol with `ganscope reproduce veegan`.
            Exit codes: 0 success, 1 run failed, 2 bad usage or bad input, 130 interrupted.
            """,
        subcommands: [Train.self, Eval.self, Animate.self, Bench.self, Compare.self, Reproduce.self, Serve.self])

    /// Parses, runs, and maps every error to the documented exit codes.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let e as RunError {
            Console.error(e.description)
            Foundation.exit(e.exitCode)
        } catch let e as ExitCode where e != .success {
            Foundation.exit(e.rawValue)   // a run that diverged (1) or was interrupted (130)
        } catch {
            if exitCode(for: error) == .success { exit(withError: error) }   // --help
            // The parser's message starts with its own "Error: "; Console adds "error: ".
            var message = fullMessage(for: error)
            if message.hasPrefix("Error: ") { message.removeFirst("Error: ".count) }
            Console.error(message)
            Foundation.exit(2)
        }
    }
}
