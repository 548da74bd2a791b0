import Foundation

/// How a run ended; ``status`` is what `summary.json` and the report say.
public enum RunOutcome: Equatable, Sendable {
    /// Every step ran.
    case finished
    /// A loss or a parameter became NaN or infinite. `step` numbers as in `losses.csv` and
    /// the frames: the loss of row N, or the parameters after N steps, were not finite.
    case diverged(step: Int)
    /// A stop was requested (SIGINT, SIGTERM, ``RunControl/shouldStop``) after `step` steps.
    case interrupted(step: Int)
    /// A condition listed in ``RunControl/stopOn`` began; the run ended after `step` steps.
    case stopped(step: Int, kind: Diagnosis.Kind)

    /// The text of ``RunSummary/status``.
    public var status: String {
        switch self {
        case .finished: return "finished"
        case let .diverged(n): return "diverged at step \(n)"
        case let .interrupted(n): return "interrupted at step \(n)"
        case let .stopped(n, kind): return "stopped at step \(n): \(kind.rawValue)"
        }
    }
}

extension RunSummary {
    /// The process exit code for this ending: 0 finished, 1 diverged or stopped on a
    /// condition (`--stop-on`), 130 interrupted.
    public var exitCode: Int32 {
        if status.hasPrefix("diverged") || status.hasPrefix("stopped") { return 1 }
        if status.hasPrefix("interrupted") { return 130 }
        return 0
    }
}

extension Experiment {
    /// Checks the control, the result directory and an existing `R/M` before anything is
    /// written; returns the checkpoint to resume from, if resuming.
    func prepare(_ control: RunControl) throws -> Checkpoint? {
        try control.validate()
        try config.validateResultDirectory()
        let exists = FileManager.default.fileExists(atPath: layout.configJSON)
        switch control.existing {
        case .refuse:
            if exists { throw RunError.runExists(path: layout.modelDir) }
            return nil
        case .overwrite:
            return nil
        case .resume:
            guard exists else {
                throw RunError.checkpoint(path: layout.checkpoint, reason: "\(layout.modelDir) holds no run (no config.json)")
            }
            return try Checkpoint.read(path: layout.checkpoint, config: config)
        }
    }

    /// Removes frames and snapshots of steps after `step`: a resumed run writes them again
    /// (with the same bytes), and a run stopped again must not show frames from beyond its end.
    func removeFrames(after step: Int) {
        let fm = FileManager.default
        for (index, name) in layout.existingAnimationFrames() where index * config.animFreq > step {
            try? fm.removeItem(atPath: layout.resultDir + "/" + name)
        }
        for (s, rel) in layout.existingSnapshots() where s > step {
            try? fm.removeItem(atPath: layout.resultDir + "/" + rel)
        }
    }
}
