import Foundation
import GANRender

/// The live outputs of a run in progress: `R/M/live.png`, `R/M/live.json`, and with
/// `--live-gif` every live frame kept for `R/M_live_animation.gif`. An update is due every
/// ``frequency`` steps, at most one per ``minimumInterval`` seconds (with ``keepsFrames``
/// every due step, so the GIF is evenly spaced); the loss chart is redrawn at most every
/// 5 s, the metric charts every 10 s after a new evaluation.
package final class LiveView {
    package let layout: RunLayout
    package let frequency: Int
    package let keepsFrames: Bool
    /// Shortest wall time between two updates, in seconds: the page's refresh pace, since
    /// faster updates would never be seen.
    package var minimumInterval: Double = 1.0

    private var lastUpdate: Double = -.infinity
    private var lastCharts: Double = -.infinity
    private var lastMetricCharts: Double = -.infinity
    private var chartedEvaluations = -1

    package init(layout: RunLayout, frequency: Int, keepsFrames: Bool) {
        self.layout = layout
        self.frequency = frequency
        self.keepsFrames = keepsFrames
    }

    package var framePath: String { layout.modelDir + "/" + Self.frameName }
    package var statusPath: String { layout.modelDir + "/" + Self.statusName }
    package var keptFramesDir: String { layout.modelDir + "/live_frames" }
    package var gifPath: String { layout.resultDir + "/" + layout.modelName + "_live_animation.gif" }
    package static let frameName = "live.png"
    package static let statusName = "live.json"

    private static func now() -> Double { Date().timeIntervalSince1970 }

    /// Whether `step` gets an update (step 0 always does, so the page has a frame at once).
    package func isDue(step: Int) -> Bool {
        guard frequency > 0, step % frequency == 0 else { return false }
        return keepsFrames || step == 0 || Self.now() - lastUpdate >= minimumInterval
    }

    /// Whether the charts should be redrawn with this update (and records that they are).
    package func chartsDue() -> Bool {
        let t = Self.now()
        guard t - lastCharts >= 5 else { return false }
        lastCharts = t
        return true
    }

    /// Whether the metric charts should be redrawn now that `evaluations` evaluations
    /// exist (and records that they are).
    package func metricChartsDue(evaluations: Int) -> Bool {
        let t = Self.now()
        guard evaluations != chartedEvaluations, t - lastMetricCharts >= 10 else { return false }
        (lastMetricCharts, chartedEvaluations) = (t, evaluations)
        return true
    }

    /// Writes the frame and the status of `step`.
    package func update(step: Int, png: [UInt8], status: LiveStatus) throws {
        lastUpdate = Self.now()
        try AtomicFile.write(png, to: framePath)
        if keepsFrames { try AtomicFile.write(png, to: keptFramesDir + String(format: "/%07d.png", step)) }
        var s = status
        s.updated = lastUpdate
        s.frameStep = step
        try AtomicFile.write(try Experiment.json(s), to: statusPath)
    }

    /// Removes `live.json`, so the next report is the final one (`live.png` stays for a page
    /// loaded just before it), and assembles the live GIF from the kept frames up to
    /// `lastStep`; returns its frame count (0 without `--live-gif`).
    @discardableResult
    package func finish(lastStep: Int, fps: Int) throws -> Int {
        try? FileManager.default.removeItem(atPath: statusPath)
        guard keepsFrames else { return 0 }
        let frames = keptFrames().filter { $0.step <= lastStep }
        guard !frames.isEmpty else { return 0 }
        try Animator.writeGIF(pngPaths: frames.map(\.path), fps: fps, to: gifPath)
        return frames.count
    }

    /// Frames kept by `--live-gif`, sorted by step.
    package func keptFrames() -> [(step: Int, path: String)] {
        RunLayout.numberedFiles(in: keptFramesDir) { $0.hasSuffix(".png") ? Int($0.dropLast(4)) : nil }
            .map { ($0.0, keptFramesDir + "/" + $0.1) }
    }

    /// Reads a `live.json`; `nil` when it is missing or not a live status.
    package static func status(path: String) -> LiveStatus? {
        Experiment.decode(path: path).flatMap { (s: LiveStatus) in s.status == "running" ? s : nil }
    }

    /// Removes `live.png`, `live.json` and the kept frames after `step`, which a run that
    /// starts (`step` −1) or resumes writes again.
    package func removeFiles(framesAfter step: Int) {
        try? FileManager.default.removeItem(atPath: framePath)
        try? FileManager.default.removeItem(atPath: statusPath)
        for f in keptFrames() where f.step > step { try? FileManager.default.removeItem(atPath: f.path) }
    }
}
