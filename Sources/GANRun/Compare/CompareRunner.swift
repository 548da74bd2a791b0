import Foundation
import Synchronization

/// Runs the runs of a comparison, several at once, on threads of this process (each
/// ``Experiment`` has its own trainer and random streams); in parallel, each gets one row worker
/// and one OpenBLAS thread (``RunControl/threading``). A complete run (``isComplete(_:)``) is
/// skipped unless `force`; one with a checkpoint of the same settings resumes from it, with the
/// bytes of a run that never stopped; a failing run leaves its message in
/// ``CompareRun/errorFile`` and does not stop the others.
package struct CompareRunner: Sendable {
    /// What happened to one run.
    package struct Outcome: Sendable, Equatable {
        package var run: CompareRun
        /// "finished", "diverged at step N", "interrupted at step N", or "failed: <reason>".
        package var status: String
        /// Whether the outputs of an earlier, identical run were kept.
        package var skipped: Bool
        package var failed: Bool { status != "finished" }
    }

    /// Live reports, from the worker threads (the handler must be thread-safe).
    package enum Event: Sendable {
        case started(CompareRun)
        case progress(CompareRun, step: Int, total: Int, seconds: Double)
        case finished(Outcome)
    }

    package var jobs: Int
    package var force: Bool

    package init(jobs: Int, force: Bool = false) {
        self.jobs = max(1, jobs)
        self.force = force
    }

    /// Whether `run`'s summary says "finished" with the same `config.json` bytes, from a data
    /// file (`data`) no newer than it: an edited file makes the results stale.
    package static func isComplete(_ run: CompareRun) -> Bool {
        let layout = run.layout
        guard RunSummary.read(path: layout.summaryJSON)?.status == "finished",
              let saved = FileManager.default.contents(atPath: layout.configJSON),
              let expected = try? run.config.json(), String(decoding: saved, as: UTF8.self) == expected
        else { return false }
        guard let data = run.config.data else { return true }
        func modified(_ path: String) -> Date? {
            try? FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date
        }
        guard let dataDate = modified(data), let summaryDate = modified(layout.summaryJSON) else { return false }
        return dataDate <= summaryDate
    }

    /// Runs every run (up to ``jobs`` at a time) and returns the outcomes in `runs` order.
    package func run(_ runs: [CompareRun], events: @escaping @Sendable (Event) -> Void = { _ in }) -> [Outcome] {
        let count = min(jobs, runs.count)
        let threading: ThreadPolicy.Choice? = count > 1 ? ThreadPolicy.Choice(workers: 1, blasThreads: 1) : nil
        if let threading { ThreadPolicy.apply(threading) }
        let next = Atomic<Int>(0)
        let results = Mutex<[Int: Outcome]>([:])
        let force = self.force
        let work: @Sendable () -> Void = {
            while true {
                let i = next.add(1, ordering: .relaxed).oldValue
                guard i < runs.count else { return }
                let outcome = Self.execute(runs[i], force: force, threading: threading, events: events)
                results.withLock { $0[i] = outcome }
                events(.finished(outcome))
            }
        }
        let group = DispatchGroup()
        for _ in 0..<count {
            let thread = Thread { work(); group.leave() }
            thread.stackSize = 8 << 20
            group.enter()
            thread.start()
        }
        group.wait()
        return results.withLock { r in runs.indices.map { r[$0]! } }
    }

    /// One run: skip, or train and write every output; errors become a failed outcome.
    static func execute(_ run: CompareRun, force: Bool, threading: ThreadPolicy.Choice?,
                        events: @Sendable (Event) -> Void) -> Outcome {
        if !force && isComplete(run) {
            return Outcome(run: run, status: "finished", skipped: true)
        }
        if Interruption.requested { return Outcome(run: run, status: "interrupted at step 0", skipped: false) }
        events(.started(run))
        try? FileManager.default.removeItem(atPath: run.errorFile)
        do {
            let experiment = try Experiment(config: run.config)
            var control = RunControl(existing: .overwrite, checkpointFrequency: RunControl.defaultCheckpointFrequency)
            if !force, (try? Checkpoint.read(path: run.layout.checkpoint, config: run.config)) != nil { control.existing = .resume }
            control.threading = threading
            let summary = try experiment.run(control: control) { event in
                if case let .progress(step, total, seconds) = event {
                    events(.progress(run, step: step, total: total, seconds: seconds))
                }
            }
            return Outcome(run: run, status: summary.status, skipped: false)
        } catch {
            let reason = (error as? RunError)?.description ?? "\(error)"
            try? FileManager.default.createDirectory(atPath: run.config.resultDir, withIntermediateDirectories: true)
            try? AtomicFile.write(reason + "\n", to: run.errorFile)
            // A summary of an earlier run would make the report show stale numbers.
            try? FileManager.default.removeItem(atPath: run.layout.summaryJSON)
            return Outcome(run: run, status: "failed: " + reason, skipped: false)
        }
    }
}
