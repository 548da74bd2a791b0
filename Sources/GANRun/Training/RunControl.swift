import Foundation
import Synchronization

/// How a run treats an existing run directory (``existing``: refuse, the default, with exit
/// code 2 before anything is written; overwrite; or resume from `R/M/checkpoint.bin`), how
/// often it checkpoints (``checkpointFrequency``, 0 = never; also on interruption), and when
/// it stops early (``shouldStop``, polled after every step; by default the CLI's SIGINT/SIGTERM flag).
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
    /// Threads already set for the process by the caller (e.g. `ganscope compare`, running
    /// several experiments at once); `nil`: the run applies ``ThreadPolicy`` itself.
    public var threading: ThreadPolicy.Choice? = nil
    /// Live outputs for a page watching the run (`LiveView`): `R/M/live.png` and
    /// `R/M/live.json` every this many steps (at most one a second), and the report
    /// rewritten with them; 0 (the library's default) turns them off.
    public var liveFrequency: Int = 0
    /// Keep every live frame and assemble `R/M_live_animation.gif` at the end.
    public var liveGIF: Bool = false
    /// Shortest wall time between two live updates, in seconds (`LiveView.minimumInterval`).
    public var liveMinimumInterval: Double = 1.0
    /// End the run, with every output written and exit code 1, when one of these conditions
    /// begins (``Diagnosis``).
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

/// The process-wide "stop after this step" request set by SIGINT and SIGTERM.
///
/// The handler only stores into an atomic: the training loop polls it after each step,
/// finishes writing every output and the process exits with 130. A second signal while
/// the first is being handled ends the process at once with `_exit(130)`.
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
        // A parent may have started us with these signals blocked (a test runner's
        // Process does): unblock them, or they would stay pending for the whole run.
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        sigaddset(&set, SIGTERM)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }
}
