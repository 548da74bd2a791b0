import ArgumentParser
import Foundation
import GANRun
import Synchronization

/// `ganscope compare`: many runs and seeds from one manifest, one report (docs/compare.md).
struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run every run × seed of a manifest in parallel and write a comparison report.",
        discussion: """
            Each run writes its normal outputs to DIR/<name>/seed-<seed>/ (model name = run name);
            then DIR/comparison.json, DIR/comparison.csv, DIR/comparison_<metric>.png,
            DIR/comparison.gif and DIR/index.html are written. A finished run with the same
            configuration is skipped (--force reruns it); an unfinished one resumes from its last
            checkpoint (every 1000 steps). --shard i/N runs only shard i (for a
            cluster's array job) and writes no report; --merge writes the report from the run
            directories. Exit codes: 0 every run finished, 1 some run failed or diverged,
            2 bad manifest or flags, 130 interrupted.
            """)

    @Argument(help: "The manifest (JSON): result_dir, defaults, seeds, runs.")
    var manifest: String
    @OptionGroup var options: CompareOptions

    func run() throws {
        let m = try CompareManifest.load(path: manifest)
        let dir = options.resultDir ?? m.resultDir ?? "compare"
        try options.execute(runs: m.expand(resultDir: dir), dir: dir, merge: "ganscope compare \(manifest) --merge") { report in
            try report.write(columns: options.columns)
        }
    }
}

/// The options of a comparison's execution, shared by `compare` and `reproduce`.
struct CompareOptions: ParsableArguments {
    @Option(name: .customLong("result-dir"), help: "Comparison directory DIR. (default: the manifest's result_dir, else 'compare')")
    var resultDir: String?
    @Option(help: "Runs at a time. (default: the number of cores)")
    var jobs: Int?
    @Flag(help: "Rerun runs whose outputs are complete and whose configuration is unchanged.")
    var force = false
    @Option(help: "Panels per row of comparison.gif. (default: ⌈√runs⌉)")
    var columns: Int?
    @Option(help: "Run only shard i of N (0-based, e.g. 2/8); no report is written.")
    var shard: String?
    @Flag(help: "Run nothing: write the report from the run directories (after every shard is done).")
    var merge = false
    @Flag(help: "Print nothing but errors.")
    var quiet = false

    func validate() throws {
        if let jobs, !(1...1024).contains(jobs) { throw ValidationError("--jobs must be a whole number from 1 to 1024, got \(jobs)") }
        if let columns, !(1...64).contains(columns) { throw ValidationError("--columns must be a whole number from 1 to 64, got \(columns)") }
        if merge && shard != nil { throw ValidationError("--merge and --shard exclude each other: run the shards, then --merge") }
        if merge && force { throw ValidationError("--merge runs nothing, so --force has no effect") }
    }

    /// Runs `runs` (this shard's only, with --shard), then writes the report with `write`
    /// unless a shard; with --merge only writes it. `merge` is the command that merges shards.
    func execute(runs: [CompareRun], dir: String, merge command: String,
                 write: (ComparisonReport) throws -> Void) throws {
        let shard = try self.shard.map(CompareShard.parse)
        func say(_ line: String) { if !quiet { Console.line(line) } }
        func writeReport() throws -> ComparisonReport {
            let report = ComparisonReport(dir: dir, runs: runs)
            try write(report)
            say("Report: \(dir)/index.html")
            return report
        }
        if merge {
            let missing = try writeReport().results.filter { $0.status == "missing" }
            if !missing.isEmpty { Console.warning("\(missing.count) run(s) have no outputs yet: " + missing.map(\.run.id).joined(separator: ", ")) }
            return
        }
        let selected = shard?.select(runs) ?? runs
        let jobs = self.jobs ?? ProcessInfo.processInfo.activeProcessorCount
        let part = shard.map { " (shard \($0.index)/\($0.count))" } ?? ""
        say("\(selected.count) of \(runs.count) runs\(part), \(min(jobs, max(1, selected.count))) at a time, into \(dir)")
        let display = quiet ? nil : CompareDisplay(total: selected.count)
        Interruption.installSignalHandlers()
        let outcomes = CompareRunner(jobs: jobs, force: force).run(selected) { display?.handle($0) }
        display?.finish()
        if shard == nil { _ = try writeReport() }
        else { say("shard done; when every shard is, run: \(command)") }
        let failed = outcomes.filter(\.failed)
        if failed.contains(where: { $0.status.hasPrefix("interrupted") }) { throw ExitCode(130) }
        if !failed.isEmpty {
            Console.error("\(failed.count) run(s) did not finish: " + failed.map { "\($0.run.id) (\($0.status))" }.joined(separator: "; "))
            throw ExitCode(1)
        }
    }
}

/// The console while runs train: on a terminal, one line per active run and a total
/// line with the ETA, redrawn in place; otherwise one plain line per finished run.
final class CompareDisplay: Sendable {
    private struct State {
        var active: [(id: String, step: Int, total: Int, seconds: Double)] = []   // in start order
        var done = 0
        var started = 0
        var stepsFinished = 0
        var stepsPlanned = 0
        var linesShown = 0
        var lastDraw = Date.distantPast
    }
    private let state = Mutex(State())
    private let total: Int
    private let start = Date()

    init(total: Int) { self.total = total }

    func handle(_ event: CompareRunner.Event) {
        state.withLock { s in
            switch event {
            case let .started(run):
                s.active.append((run.id, 0, run.config.numEpochs, 0))
                s.stepsPlanned += run.config.numEpochs
                s.started += 1
                draw(&s, force: true)
            case let .progress(run, step, total, seconds):
                if let i = s.active.firstIndex(where: { $0.id == run.id }) { s.active[i] = (run.id, step, total, seconds) }
                draw(&s, force: false)
            case let .finished(outcome):
                s.done += 1
                let id = outcome.run.id
                if let i = s.active.firstIndex(where: { $0.id == id }) { s.stepsFinished += s.active.remove(at: i).step }
                clear(&s)
                let what = outcome.skipped ? "unchanged, skipped" : outcome.status
                print("[\(s.done)/\(total)] \(id): \(what)")
                draw(&s, force: true)
            }
            fflush(nil)
        }
    }

    func finish() {
        state.withLock { clear(&$0) }
        let seconds = Date().timeIntervalSince(start)
        print(String(format: "%d runs in %.1f s", total, seconds))
        fflush(nil)
    }

    private func clear(_ s: inout State) {
        guard Console.isTerminal, s.linesShown > 0 else { return }
        print("\u{1B}[\(s.linesShown)A\r\u{1B}[J", terminator: "")
        s.linesShown = 0
    }

    private func draw(_ s: inout State, force: Bool) {
        guard Console.isTerminal else { return }
        let now = Date()
        guard force || now.timeIntervalSince(s.lastDraw) > 0.25 else { return }
        s.lastDraw = now
        clear(&s)
        var lines: [String] = []
        var stepsDone = s.stepsFinished
        for a in s.active {
            stepsDone += a.step
            let rate = a.seconds > 0 ? Double(a.step) / a.seconds : 0
            lines.append(String(format: "  %@  %d/%d  %.0f steps/s", a.id, a.step, a.total, rate))
        }
        let elapsed = now.timeIntervalSince(start)
        let rate = elapsed > 0 ? Double(stepsDone) / elapsed : 0
        // Steps of runs not started yet are estimated by the mean length of those started.
        let planned = s.started > 0 ? Double(s.stepsPlanned) / Double(s.started) * Double(total - s.done + s.started - s.active.count) : 0
        let eta = rate > 0 ? max(0, planned - Double(stepsDone)) / rate : 0
        lines.append(String(format: "total: %d/%d runs done, %d running, ETA %.0f s", s.done, total, s.active.count, eta))
        for l in lines { print("\r\u{1B}[K" + l) }
        s.linesShown = lines.count
    }
}
