import Foundation
import Testing
@testable import GANCore
@testable import GANRender
@testable import GANRun
import TestSupport

/// A short seed run, small enough for a debug build, with every output decoded.
@Suite("End to end: a short seed run", .serialized)
struct EndToEndTests {
    static func config(dir: String) -> RunConfig {
        var c = RunConfig(preset: .seed)
        c.resultDir = dir
        c.numEpochs = 1500
        // One hidden layer of 64, batch 64, lr 1e-3: over seeds 6789 and 1–5 every run ends
        // with 35–43 % of its samples within 0.6 of each mode (two hidden layers of 32 at
        // batch 128 collapsed onto one mode for some seeds at this step budget).
        c.numZ = 8
        c.hiddenLayers = 1
        c.hiddenSize = 64
        c.batchSize = 64
        c.learningRate = 0.001
        c.evalSamples = 500
        c.dispFreq = 750
        c.animFreq = 300
        c.frameSamples = 400
        return c
    }

    static func tempDir() -> String {
        let d = FileManager.default.temporaryDirectory.appendingPathComponent("ganscope-e2e-\(UUID().uuidString)").path
        return d
    }

    static func bytes(_ path: String) throws -> [UInt8] {
        [UInt8](try #require(FileManager.default.contents(atPath: path), "missing \(path)"))
    }

    @Test func seedRunWritesEveryOutputAndLearnsBothModes() throws {
        let dir = Self.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let c = Self.config(dir: dir)
        var logs: [String] = []
        let summary = try Experiment(config: c).run { if case let .log(s) = $0 { logs.append(s) } }
        let l = RunLayout(resultDir: dir, modelName: "NSGAN")

        #expect(summary.status == "finished" && summary.steps == 1500 && summary.frames == 5)
        #expect(summary.finalDLoss.isFinite && summary.finalGLoss.isFinite)
        #expect(logs.count == 8)  // steps 0, 200, …, 1400
        #expect(logs.first?.hasPrefix("Epoch: [   0/1500] d_loss: ") == true)

        // Snapshots and frames decode to the frame size.
        for step in [750, 1500] {
            let info = try Canvas.decodePNG(try Self.bytes(l.snapshot(step: step)))
            #expect(info.width == 800 && info.height == 600)
        }
        #expect(!FileManager.default.fileExists(atPath: l.snapshot(step: 0)))
        // Frames 001 to num_epochs/anim_freq, as the seed's generate_animation assembles them.
        for i in 1...5 { #expect(try Canvas.decodePNG(try Self.bytes(l.animationFrame(index: i))).width == 800) }
        for i in [0, 6] { #expect(!FileManager.default.fileExists(atPath: l.animationFrame(index: i))) }

        // GIF: one frame per animation frame, 100/fps cs each, looping forever.
        let gif = try GIFInfo(bytes: try Self.bytes(l.gif))
        #expect(gif.width == 800 && gif.height == 600)
        #expect(gif.frameCount == 5)
        #expect(gif.delaysCentiseconds == Array(repeating: 20, count: 5))
        #expect(gif.loopCount == 0)

        // CSVs.
        let losses = String(decoding: try Self.bytes(l.lossesCSV), as: UTF8.self).split(separator: "\n")
        #expect(losses[1] == "step,d_loss,g_loss")
        #expect(losses.count == 2 + 1500)
        let samples = try Self.points(l.samplesCSV)
        #expect(samples.count == Experiment.finalSampleCount)

        // Both modes covered: a good share of samples nearest to each mean, few far away.
        let nearFirst = samples.filter { ($0.0 * $0.0 + $0.1 * $0.1) < (($0.0 - 1) * ($0.0 - 1) + ($0.1 - 1) * ($0.1 - 1)) }.count
        let share = Double(nearFirst) / Double(samples.count)
        #expect(share > 0.25 && share < 0.75, "share nearest (0,0): \(share)")
        // For the target itself 42 % of points lie within 0.6 of each mode; a collapsed
        // generator has < 5 % near one of them.
        let near0 = samples.filter { hypot(Double($0.0), Double($0.1)) <= 0.6 }.count
        let near1 = samples.filter { hypot(Double($0.0) - 1, Double($0.1) - 1) <= 0.6 }.count
        #expect(Double(near0) / Double(samples.count) >= 0.2 && Double(near1) / Double(samples.count) >= 0.2,
                "near (0,0): \(near0), near (1,1): \(near1) of \(samples.count)")
        let far = samples.filter { min(hypot(Double($0.0), Double($0.1)), hypot(Double($0.0) - 1, Double($0.1) - 1)) > 1.5 }.count
        #expect(Double(far) / Double(samples.count) < 0.05)

        // config.json is the effective config.
        let back = try RunConfig.resolve(try RunConfig.settings(fromFile: l.configJSON))
        #expect(back == c)
        let summaryObject = try JSONSerialization.jsonObject(with: Data(try Self.bytes(l.summaryJSON))) as? [String: Any]
        #expect(summaryObject?["steps"] as? Int == 1500)
        #expect((summaryObject?["steps_per_second"] as? Double ?? 0) > 0)

        // Every link of the index resolves to a file inside the result directory.
        let html = String(decoding: try Self.bytes(l.index), as: UTF8.self)
        let links = HTMLLinks.links(in: html)
        #expect(links.count >= 10)
        for link in links {
            #expect(!link.contains("://"), "external link \(link)")
            let path = dir + "/" + (link.removingPercentEncoding ?? link)
            #expect(FileManager.default.fileExists(atPath: path), "broken link \(link)")
        }
        for needed in [l.gifName, "NSGAN/losses.png", "NSGAN/samples.csv", "NSGAN/_750.png"] {
            #expect(links.contains(needed), "index does not link \(needed)")
        }
    }

    @Test func sameSeedGivesTheSameBytes() throws {
        let a = Self.tempDir(), b = Self.tempDir()
        defer { try? FileManager.default.removeItem(atPath: a); try? FileManager.default.removeItem(atPath: b) }
        var ca = Self.config(dir: a), cb = Self.config(dir: b)
        ca.numEpochs = 300; cb.numEpochs = 300
        try Experiment(config: ca).run()
        try Experiment(config: cb).run()
        let la = RunLayout(resultDir: a, modelName: "NSGAN"), lb = RunLayout(resultDir: b, modelName: "NSGAN")
        #expect(try Self.bytes(la.animationFrame(index: 1)) == Self.bytes(lb.animationFrame(index: 1)))
        #expect(try Self.bytes(la.samplesCSV) == Self.bytes(lb.samplesCSV))
        #expect(try Self.bytes(la.lossesCSV) == Self.bytes(lb.lossesCSV))
        #expect(try Self.bytes(la.gif) == Self.bytes(lb.gif))

        var cc = Self.config(dir: a)
        cc.numEpochs = 300
        cc.randomSeed = 1
        cc.modelName = "OTHER"
        try Experiment(config: cc).run()
        let lc = RunLayout(resultDir: a, modelName: "OTHER")
        #expect(try Self.bytes(lc.samplesCSV) != Self.bytes(la.samplesCSV))
        // Both models share R: the index lists both.
        let html = String(decoding: try Self.bytes(la.index), as: UTF8.self)
        #expect(html.contains("NSGAN") && html.contains("OTHER"))
    }

    @Test(arguments: [false, true])
    func animateRebuildsTheGIFFromFrames(initialFrame: Bool) throws {
        let dir = Self.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var c = Self.config(dir: dir)
        c.numEpochs = 600
        c.initialFrame = initialFrame
        let frames = c.numEpochs / c.animFreq + (initialFrame ? 1 : 0)
        let summary = try Experiment(config: c).run()
        let l = RunLayout(resultDir: dir, modelName: "NSGAN")
        #expect(summary.frames == frames && FileManager.default.fileExists(atPath: l.animationFrame(index: 0)) == initialFrame)
        let written = try Self.bytes(l.gif)
        #expect(try GIFInfo(bytes: written).frameCount == frames)
        try FileManager.default.removeItem(atPath: l.gif)
        #expect(try Animator.write(l, fps: c.fps) == frames && Self.bytes(l.gif) == written)   // the same frames
        let n = try Animator.write(l, fps: 10)
        let gif = try GIFInfo(bytes: try Self.bytes(l.gif))
        #expect(n == frames && gif.frameCount == frames && gif.delaysCentiseconds == Array(repeating: 10, count: frames) && gif.loopCount == 0)
        #expect(throws: RunError.self) { try Animator.write(RunLayout(resultDir: dir, modelName: "NONE"), fps: 5) }
    }

    static func points(_ path: String) throws -> [(Float, Float)] {
        let text = String(decoding: try bytes(path), as: UTF8.self)
        var lines = text.split(separator: "\n")
        #expect(lines.removeFirst() == "x,y")
        return try lines.map { line in
            let parts = line.split(separator: ",")
            return (try #require(Float(parts[0])), try #require(Float(parts[1])))
        }
    }
}
