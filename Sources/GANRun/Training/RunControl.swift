import Foundation
import Synchronization

/// How a run treats an existing run directory, how often it checkpoints (also on
/// interruption), when it stops early, and its live outputs.
public struct RunControl: Sendable {
    /// What to do with an existing `R/M`.
    public enum Existing: Sendable, Equatable {
        /// Stop with exit code 2 before anything is written.
        case refuse
        /// Replace the earlier run's files.
        case overwrite
        /// Continue from `R/M/checkpoint.bin`.
        case resume
    }

    /// What to do with an existing run directory.
    public var existing: Existing = .refuse
    /// Steps between checkpoints; 0 = none.
    public var checkpointFrequency: Int = 0
    /// Polled after every step: `true` stops the run, which then writes its outputs so far.
    public var shouldStop: @Sendable (_ stepsDone: Int) -> Bool = { _ in Interruption.requested }
    /// Threads the caller already set (`ganscope compare`); `nil`: the run applies ``ThreadPolicy``.
    public var threading: ThreadPolicy.Choice? = nil
    /// Steps between live outputs (`R/M/live.png`, `R/M/live.json`, the report); 0, the default, is off.
    public var liveFrequency: Int = 0
    /// Keep every live frame and assemble `R/M_live_animation.gif` at the end.
    public var liveGIF: Bool = false
    /// Shortest wall time between two live updates, in seconds (`LiveView.minimumInterval`).
    public var liveMinimumInterval: Double = 1.0
    /// Conditions (``Diagnosis``) that end the run, every output written, with exit code 1.
    public var stopOn: Set<Diagnosis.Kind> = []

    /// A control with the given policy; live outputs off.
    public init(existing: Existing = .refuse, checkpointFrequency: Int = 0,
                shouldStop: @escaping @Sendable (_ stepsDone: Int) -> Bool = { _ in Interruption.requested }) {
        self.existing = existing
        self.checkpointFrequency = checkpointFrequency
        self.shouldStop = shouldStop
    }

    /// Default of `--checkpoint-freq`: a checkpoint of the seed's networks is under 1 MB
    /// and takes milliseconds, so every 1000 steps costs nothing measurable.
    public static let defaultCheckpointFrequency = 1000

    /// Checks the frequencies, also for the CLI's flags; throws ``RunError/invalid(field:value:accepted:)``.
    public func validate() throws {
        for (v, key) in [(checkpointFrequency, "checkpoint_freq"), (liveFrequency, "live_freq")] where !(0...100_000_000).contains(v) {
            throw RunError.invalid(field: key, value: "\(v)", accepted: "a whole number from 0 (off) to 100000000")
        }
        if liveGIF && liveFrequency == 0 {
            throw RunError.invalid(field: "live_gif", value: "true with live_freq 0",
                                   accepted: "live_gif only with a live_freq from 1 to 100000000")
        }
    }

    /// Default of `--live-freq`: the seed redraws its live plot every 50 steps.
    public static let defaultLiveFrequency = 50
}

/// The process-wide "stop after this step" request set by SIGINT and SIGTERM. The handler
/// only stores into an atomic, which the training loop polls; a second signal ends the
/// process at once with `_exit(130)`.
public enum Interruption {
    private static let flag = Atomic<Int>(0)

    /// Whether a stop was requested.
    public static var requested: Bool { flag.load(ordering: .relaxed) != 0 }

    /// Installs the SIGINT and SIGTERM handlers.
    public static func installSignalHandlers() {
        let handler: @convention(c) (Int32) -> Void = { _ in
            if Interruption.flag.exchange(1, ordering: .relaxed) != 0 { _exit(130) }
            // Only async-signal-safe calls here: a static string and write(2).
            let note: StaticString = "\nstopping after this step (press Ctrl-C again to quit at once)\n"
            _ = write(STDERR_FILENO, note.utf8Start, note.utf8CodeUnitCount)
        }
        signal(SIGINT, handler)
        signal(SIGTERM, handler)
        unblockSignals()
    }

    /// Unblocks SIGINT and SIGTERM: a parent may have started us with them blocked (a test
    /// runner's Process does), and they would stay pending for the whole run.
    public static func unblockSignals() {
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        sigaddset(&set, SIGTERM)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }
}
