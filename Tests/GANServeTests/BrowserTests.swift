import Foundation
import Synchronization
import Testing
@testable import GANRender
@testable import GANRun
@testable import GANServe

/// In a real browser (headless Chromium): a finished report and a running one load
/// every image, show the GIF and the charts, log no console error, and the running page
/// updates by itself — from file:// by reloading, from `ganscope serve` without reloading.
///
/// Needs Debian's `chromium` (`make test` installs it); `GANSCOPE_SCREENSHOT_DIR=dir` also
/// writes the screenshots there (docs/images holds the ones made so).
@Suite("Report in a real browser", .serialized)
struct BrowserTests {
    static func tiny(_ dir: String, steps: Int) -> RunConfig {
        var c = RunConfig(preset: .seed)
        c.resultDir = dir
        c.numZ = 4; c.hiddenSize = 16; c.batchSize = 32
        c.numEpochs = steps; c.dispFreq = steps / 2; c.animFreq = steps / 6; c.frameSamples = 300
        c.evalFreq = steps / 6; c.evalSamples = 200
        return c
    }

    static func tempDir() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("ganscope-browser-\(UUID().uuidString)").path
    }

    /// Every image of the page loaded (non-zero natural size) once lazy ones are in view.
    static let allImagesLoaded = """
        (() => { const imgs = Array.from(document.images);
          return document.readyState === 'complete' && imgs.length > 0 && imgs.every(i => i.complete && i.naturalWidth > 0); })()
        """

    /// Facts about the page the tests check, as one JSON object.
    static let pageFacts = """
        JSON.stringify((() => {
          const visible = e => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
          const imgs = Array.from(document.images);
          const gif = document.querySelector('.animation img[src$=".gif"]');
          const charts = Array.from(document.querySelectorAll('.charts img'));
          const live = document.querySelector('div.live');
          return { images: imgs.length, broken: imgs.filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.src),
                   gif: gif ? { w: gif.naturalWidth, visible: visible(gif) } : null,
                   charts: charts.length, chartsVisible: charts.filter(c => c.naturalWidth > 0 && visible(c)).length,
                   live: document.body.hasAttribute('data-live'), step: live ? Number(live.dataset.step) : -1,
                   liveFrame: live ? live.querySelector('img').naturalWidth : 0 };
        })())
        """

    struct Facts: Decodable {
        var images: Int
        var broken: [String]
        struct GIF: Decodable { var w: Int; var visible: Bool }
        var gif: GIF?
        var charts: Int
        var chartsVisible: Int
        var live: Bool
        var step: Int
        var liveFrame: Int
    }

    /// (A page that reloads itself can lose an evaluation to the reload: try again.)
    static func facts(_ page: Chromium.Page) throws -> Facts {
        for _ in 0..<20 {
            if let text = try page.evaluate(pageFacts) as? String {
                return try JSONDecoder().decode(Facts.self, from: Data(text.utf8))
            }
            usleep(100_000)
        }
        Issue.record("page facts unavailable: \(page.lastError)")
        throw Chromium.Failure.timeout("page facts")
    }

    static func saveScreenshot(_ page: Chromium.Page, name: String) throws {
        try page.setViewport(width: 1280, height: 900)
        let png = try page.screenshot()
        let info = try Canvas.decodePNG(png)
        #expect(info.width == 1280 && info.height == 900)
        if let dir = ProcessInfo.processInfo.environment["GANSCOPE_SCREENSHOT_DIR"], !dir.isEmpty {
            try Data(png).write(to: URL(fileURLWithPath: dir + "/" + name))
        }
    }

    /// Holds a run at one step until the test has seen its running page, so a browser that
    /// starts slowly on a loaded machine cannot miss the run. Held at most two minutes.
    final class Hold: @unchecked Sendable {
        private let condition = NSCondition()
        private var released = false
        let step: Int
        init(step: Int) { self.step = step }
        func release() { condition.lock(); released = true; condition.broadcast(); condition.unlock() }
        func wait() {
            condition.lock()
            let deadline = Date().addingTimeInterval(120)
            while !released && condition.wait(until: deadline) {}
            condition.unlock()
        }
    }

    /// Starts a run on a background thread, paced so the page can watch it: each step
    /// waits `pause` seconds, and the run waits at `hold.step` until `hold.release()`.
    /// Returns when the live page exists.
    static func startRun(_ c: RunConfig, pause: Double, hold: Hold) throws -> Thread {
        var control = RunControl(checkpointFrequency: 0) { step in
            if step == hold.step { hold.wait() }
            usleep(UInt32(pause * 1e6))
            return false
        }
        control.liveFrequency = 10
        control.liveMinimumInterval = 0.3
        _ = try Experiment(config: c)   // a bad config fails here, not silently on the thread
        let settings = control
        let thread = Thread { _ = try? Experiment(config: c).run(control: settings) }
        thread.start()
        // live.json comes first, then the live report that lists it.
        let live = [c.resultDir + "/" + c.modelName + "/live.json", c.resultDir + "/index.html"]
        let deadline = Date().addingTimeInterval(120)
        while !live.allSatisfy(FileManager.default.fileExists) && Date() < deadline { usleep(50_000) }
        #expect(live.allSatisfy(FileManager.default.fileExists), "the run wrote no live page")
        return thread
    }

    @Test func aFinishedReportLoadsEveryImageWithoutErrors() throws {
        let dir = Self.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Experiment(config: Self.tiny(dir, steps: 300)).run(control: RunControl(checkpointFrequency: 0))
        let browser = try Chromium()
        defer { browser.shutdown() }
        let page = try browser.newPage()
        try page.navigate(URL(fileURLWithPath: dir + "/index.html").absoluteString)
        try page.wait(for: "document.readyState === 'complete'", timeout: 30, "page load")
        try Self.saveScreenshot(page, name: "report-finished.png")
        try page.setViewport(width: 1280, height: 12000)   // every lazy image in view
        try page.wait(for: Self.allImagesLoaded, timeout: 30, "every image loaded")
        let f = try Self.facts(page)
        #expect(f.broken.isEmpty, "\(f.broken)")
        #expect(f.gif?.w == 800 && f.gif?.visible == true)
        #expect(f.charts >= 8 && f.chartsVisible == f.charts)
        #expect(f.images >= f.charts + 1 + 2)   // GIF, charts, the frames gallery
        #expect(!f.live && f.step == -1)
        #expect(page.errors().isEmpty, "\(page.errors())")
    }

    @Test func aRunningReportRefreshesItselfFromFileUntilTheRunEnds() throws {
        let dir = Self.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let c = Self.tiny(dir, steps: 600)
        let hold = Hold(step: 100)
        defer { hold.release() }
        let run = try Self.startRun(c, pause: 0.01, hold: hold)
        let browser = try Chromium()
        defer { browser.shutdown() }
        let page = try browser.newPage()
        try page.navigate(URL(fileURLWithPath: dir + "/index.html").absoluteString)
        try page.wait(for: "document.body && document.body.hasAttribute('data-live') && document.readyState === 'complete'",
                      timeout: 90, "a running page")
        try page.wait(for: Self.allImagesLoaded, timeout: 30, "the running page's images")
        let first = try Self.facts(page)
        #expect(first.live && first.step >= 0 && first.liveFrame == 800 && first.broken.isEmpty)
        try Self.saveScreenshot(page, name: "report-running.png")
        hold.release()
        // It reloads itself: a later step appears with no action from us.
        try page.wait(for: "(() => { const l = document.querySelector('div.live'); return l !== null && Number(l.dataset.step) > \(first.step); })()",
                      timeout: 60, "a later step on the page")
        // And it ends on the final page, which stays.
        try page.wait(for: "document.readyState === 'complete' && document.body && !document.body.hasAttribute('data-live') && document.querySelector('.animation img[src$=\".gif\"]') !== null",
                      timeout: 180, "the final page")
        try Self.waitForEnd(of: run)
        try page.wait(for: Self.allImagesLoaded, timeout: 30, "the final page's images")
        let last = try Self.facts(page)
        #expect(!last.live && last.gif?.w == 800 && last.gif?.visible == true && last.broken.isEmpty)
        #expect(page.errors().isEmpty, "\(page.errors())")
    }

    @Test(.enabled(if: ServeCommandTests.binary != nil, "build ganscope first (swift build)"))
    func aServedReportUpdatesInPlaceWithoutReloading() throws {
        let dir = Self.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let c = Self.tiny(dir, steps: 600)
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        // The real command in its own process: `ganscope serve dir --port 0`.
        let server = try ServeCommandTests.startServer(dir)
        defer { server.process.terminate(); server.process.waitUntilExit() }
        let port = server.port

        // The page is opened before the run starts: it waits, then shows the running report.
        let browser = try Chromium()
        defer { browser.shutdown() }
        let page = try browser.newPage()
        try page.navigate("http://127.0.0.1:\(port)/")
        try page.wait(for: "document.readyState === 'complete'", timeout: 30, "the waiting page")
        let hold = Hold(step: 100)
        defer { hold.release() }
        let run = try Self.startRun(c, pause: 0.01, hold: hold)
        try page.wait(for: "document.body && document.body.hasAttribute('data-live') && document.readyState === 'complete'",
                      timeout: 90, "a running page")
        _ = try page.evaluate("window.ganscopeTestMarker = 'first document'")
        let first = try Self.facts(page)
        #expect(first.live && first.step >= 0)
        hold.release()
        try page.wait(for: "(() => { const l = document.querySelector('div.live'); return l !== null && Number(l.dataset.step) > \(first.step); })()",
                      timeout: 60, "a later step pushed to the page")
        #expect(try page.evaluate("window.ganscopeTestMarker") as? String == "first document", "the page reloaded")
        try page.wait(for: "!document.body.hasAttribute('data-live') && document.querySelector('.animation img[src$=\".gif\"]') !== null",
                      timeout: 180, "the final page pushed")
        try Self.waitForEnd(of: run)
        try page.setViewport(width: 1280, height: 12000)
        try page.wait(for: Self.allImagesLoaded, timeout: 30, "the final page's images")
        let last = try Self.facts(page)
        #expect(try page.evaluate("window.ganscopeTestMarker") as? String == "first document", "the page reloaded")
        #expect(!last.live && last.gif?.w == 800 && last.broken.isEmpty && last.chartsVisible == last.charts)
        #expect(page.errors().isEmpty, "\(page.errors())")
    }

    /// Waits (at most two minutes) for the training thread to finish.
    static func waitForEnd(of run: Thread) throws {
        let deadline = Date().addingTimeInterval(120)
        while !run.isFinished && Date() < deadline { usleep(50_000) }
        try #require(run.isFinished, "the run did not finish")
    }
}
