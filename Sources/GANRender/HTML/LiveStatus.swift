/// The state of a run in progress: written to `R/M/live.json` at every live update and
/// removed when the run ends (`summary.json` takes over), and shown by the report instead
/// of a final state. A file left by a killed process keeps an old ``updated`` time, which the
/// page reports as stale.
public struct LiveStatus: Codable, Equatable, Sendable {
    /// Always "running" while the file exists.
    public var status = "running"
    /// Steps done.
    public var step: Int
    /// Steps the run will make (`num_epochs`).
    public var total: Int
    /// Seconds of training so far, including the time before a resume.
    public var seconds: Double
    /// Steps per second since the run started or was resumed.
    public var stepsPerSecond: Double
    /// Estimated seconds left at the current speed (`nil` before the first measurement).
    public var etaSeconds: Double?
    /// Wall-clock time of this update, seconds since 1970.
    public var updated: Double = 0
    /// The step of the latest frame in `live.png`.
    public var frameStep = 0
    /// D's last recorded loss.
    public var dLoss: Double
    /// G's last recorded loss.
    public var gLoss: Double
    /// Seconds between page refreshes the writer recommends (also from file://).
    public var refreshSeconds: Double = 1
    /// The latest frame's path relative to the report (not in `live.json`).
    public var framePath = ""

    enum CodingKeys: String, CodingKey {
        case status, step, total, seconds, stepsPerSecond = "steps_per_second", etaSeconds = "eta_seconds"
        case updated, frameStep = "frame_step", dLoss = "d_loss", gLoss = "g_loss", refreshSeconds = "refresh_seconds"
    }

    /// A running state; `updated`, `frameStep` and `refreshSeconds` are the writer's to set.
    public init(step: Int, total: Int, seconds: Double, stepsPerSecond: Double, etaSeconds: Double?,
                dLoss: Double, gLoss: Double) {
        (self.step, self.total, self.seconds, self.stepsPerSecond, self.etaSeconds) = (step, total, seconds, stepsPerSecond, etaSeconds)
        (self.dLoss, self.gLoss) = (dLoss, gLoss)
    }
}
