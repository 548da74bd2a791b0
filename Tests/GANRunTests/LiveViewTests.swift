import Foundation
import Synchronization
import Testing
@testable import GANCore
@testable import GANRender
@testable import GANRun
import TestSupport

/// The live view from file://: while a run trains, `R/M/live.png`, `R/M/live.json`
/// and a self-refreshing `R/index.html` whose every link resolves; when it ends, the final
/// page without the live parts; `--live-gif` keeps every live frame in a GIF.
@Suite("Live view of a run in progress", .serialized)
struct LiveViewTests {
    static func tiny(_ dir: String, steps: Int = 120) -> RunConfig {
        var c = RunFailureTests.tiny(dir)
        c.numEpochs = steps; c.animFreq = 40; c.dispFreq = 80; c.evalFreq = 40
        return c
    }

    static func control(every n: Int, gif: Bool = false, stop: @escaping @Sendable (Int) -> Bool = { _ in false }) -> RunControl {
        var control = RunControl(checkpointFrequency: 0, shouldStop: stop)
        control.liveFrequency = n
        control.liveGIF = gif
        control.liveMinimumInterval = 0   // every due step, however fast the run
        return control
    }

    /// Every `href`/`src` of the page names a file in `dir`.
    static func expectLinksResolve(_ html: String, in dir: String) {
        let links = HTMLLinks.links(in: html)
        #expect(!links.isEmpty)
        for link in links {
            let path = dir + "/" + (link.removingPercentEncoding ?? link)
            #expect(FileManager.default.fileExists(atPath: path), "broken link \(link)")
        }
    }

    /// What the test saw of the directory in the middle of the run.
    final class Seen: Sendable {
        let live = Mutex<LiveStatus?>(nil)
        let page = Mutex<String>("")
        let frame = Mutex<(width: Int, height: Int)?>(nil)
        let linksResolved = Mutex<Bool>(false)
    }

    @Test func aRunningReportShowsTheLatestFrameAndEndsWithoutLiveParts() throws {
        let dir = RunFailureTests.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let c = Self.tiny(dir)
        let l = RunLayout(resultDir: dir, modelName: c.modelName)
        let seen = Seen()
        // Look at the directory after step 70, as a browser would: the update of step 60 is on disk.
        let control = Self.control(every: 20) { step in
            guard step == 70 else { return false }
            seen.live.withLock { $0 = LiveView.status(path: l.modelDir + "/live.json") }
            let html = (try? String(contentsOfFile: l.index, encoding: .utf8)) ?? ""
            seen.page.withLock { $0 = html }
            if let data = FileManager.default.contents(atPath: l.modelDir + "/live.png"),
               let info = try? Canvas.decodePNG([UInt8](data)) {
                seen.frame.withLock { $0 = (info.width, info.height) }
            }
            let resolves = HTMLLinks.links(in: html).allSatisfy {
                FileManager.default.fileExists(atPath: dir + "/" + ($0.removingPercentEncoding ?? $0))
            }
            seen.linksResolved.withLock { $0 = resolves }
            return false
        }
        let summary = try Experiment(config: c).run(control: control)
        // Steps 0, 20, …, 100 (the last step, 120, is the final report's).
        #expect(summary.liveUpdates == 6 && summary.liveSeconds > 0 && summary.liveSeconds < summary.seconds)

        let live = try #require(seen.live.withLock { $0 }, "no live.json in the middle of the run")
        #expect(live.status == "running" && live.step == 60 && live.frameStep == 60 && live.total == 120)
        #expect(live.stepsPerSecond > 0 && live.etaSeconds != nil && live.dLoss.isFinite)
        #expect(abs(live.updated - Date().timeIntervalSince1970) < 600)
        let frame = try #require(seen.frame.withLock { $0 })
        #expect(frame.width == 800 && frame.height == 600)
        let page = seen.page.withLock { $0 }
        #expect(page.contains("<body data-live>"))
        #expect(page.contains("src=\"\(c.modelName)/live.png\""))
        #expect(page.contains("step 60 of 120 (50 %)"))
        #expect(page.contains("<span class=\"status live\">running</span>"))
        #expect(page.contains("location.reload()") && page.contains("EventSource('/_ganscope/events')"))
        #expect(page.contains("<noscript><meta http-equiv=\"refresh\""))
        #expect(seen.linksResolved.withLock { $0 })

        // The end: no live status, a final page with no script and no refresh that no
        // longer names the last live frame (which stays, for a page loaded just before).
        #expect(!FileManager.default.fileExists(atPath: l.modelDir + "/live.json"))
        #expect(FileManager.default.fileExists(atPath: l.modelDir + "/live.png"))
        let final = try String(contentsOfFile: l.index, encoding: .utf8)
        #expect(!final.contains("data-live") && !final.contains("<script") && !final.contains("http-equiv=\"refresh\""))
        #expect(!final.contains("live.png"))
        #expect(final.contains("<span class=\"status good\">finished</span>"))
        Self.expectLinksResolve(final, in: dir)
    }

    @Test func anInterruptedRunStopsRefreshing() throws {
        let dir = RunFailureTests.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let c = Self.tiny(dir)
        let summary = try Experiment(config: c).run(control: Self.control(every: 10) { $0 == 50 })
        #expect(summary.status == "interrupted at step 50")
        let l = RunLayout(resultDir: dir, modelName: c.modelName)
        #expect(!FileManager.default.fileExists(atPath: l.modelDir + "/live.json"))
        let final = try String(contentsOfFile: l.index, encoding: .utf8)
        #expect(!final.contains("data-live") && !final.contains("<script"))
        #expect(final.contains("interrupted at step 50"))
    }

    @Test func liveGIFKeepsEveryLiveFrame() throws {
        let dir = RunFailureTests.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let c = Self.tiny(dir)
        try Experiment(config: c).run(control: Self.control(every: 15, gif: true))
        let live = LiveView(layout: RunLayout(resultDir: dir, modelName: c.modelName), frequency: 15, keepsFrames: true)
        // Steps 0, 15, …, 105: the last step (120) is the final frame of the normal GIF.
        #expect(live.keptFrames().map(\.step) == Array(stride(from: 0, to: 120, by: 15)))
        let gif = try GIFInfo(bytes: try RunFailureTests.bytes(live.gifPath))
        #expect(gif.frameCount == 8 && gif.width == 800 && gif.height == 600)
        #expect(gif.delaysCentiseconds.allSatisfy { $0 == 20 } && gif.loopCount == 0)
        let page = try String(contentsOfFile: dir + "/index.html", encoding: .utf8)
        #expect(page.contains("\(c.modelName)_live_animation.gif"))
        Self.expectLinksResolve(page, in: dir)
    }

    @Test func theThrottleSkipsUpdatesThatComeTooSoon() throws {
        let dir = RunFailureTests.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let live = LiveView(layout: RunLayout(resultDir: dir, modelName: "M"), frequency: 10, keepsFrames: false)
        live.minimumInterval = 3600
        #expect(live.isDue(step: 0))          // the first frame, always
        #expect(!live.isDue(step: 5))         // not a multiple of the frequency
        #expect(live.isDue(step: 10))         // nothing written yet
        try live.update(step: 10, png: [], status: LiveStatus(step: 10, total: 100, seconds: 1, stepsPerSecond: 10,
                                                               etaSeconds: 9, dLoss: 1, gLoss: 1))
        #expect(LiveView.status(path: live.statusPath)?.step == 10)
        #expect(!live.isDue(step: 20))        // an hour has not passed
        let off = LiveView(layout: live.layout, frequency: 0, keepsFrames: false)
        #expect(!off.isDue(step: 0))          // live outputs off
    }

    @Test func liveSettingsAreChecked() {
        var control = RunControl()
        control.liveFrequency = -1
        #expect(throws: RunError.self) { try control.validate() }
        control.liveFrequency = 0
        control.liveGIF = true
        do { try control.validate(); Issue.record("live_gif with live_freq 0 was accepted") } catch {
            #expect("\(error)".contains("live_gif"))
        }
    }
}
