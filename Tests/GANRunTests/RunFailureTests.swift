import Foundation
import Testing
@testable import GANCore
@testable import GANRender
@testable import GANRun
import TestSupport

/// Failure during a run and resume: a diverging run and a stopped run still write
/// decodable outputs with their status; an existing run is not overwritten by accident;
/// resuming gives the bytes of a run that never stopped; damaged checkpoints are refused.
@Suite("Divergence, interruption, existing runs, resume", .serialized)
struct RunFailureTests {
    static func tiny(_ dir: String) -> RunConfig {
        var c = RunConfig(preset: .seed)
        c.resultDir = dir
        c.numZ = 4; c.hiddenSize = 16; c.batchSize = 32
        c.numEpochs = 600; c.dispFreq = 300; c.animFreq = 100; c.frameSamples = 100
        c.evalFreq = 300; c.evalSamples = 100
        return c
    }

    static func tempDir() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("ganscope-fail-\(UUID().uuidString)").path
    }

    static func bytes(_ path: String) throws -> [UInt8] {
        [UInt8](try #require(FileManager.default.contents(atPath: path), "missing \(path)"))
    }

    static func text(_ path: String) throws -> String { String(decoding: try bytes(path), as: UTF8.self) }

    /// The GIF decodes with one frame per animation frame on disk, and each frame is a PNG.
    static func expectIntactFrames(_ l: RunLayout, frames: Int) throws {
        #expect(l.existingAnimationFrames().count == frames)
        for (_, name) in l.existingAnimationFrames() {
            #expect(try Canvas.decodePNG(bytes(l.resultDir + "/" + name)).width == 800)
        }
        let gif = try GIFInfo(bytes: try bytes(l.gif))
        #expect(gif.frameCount == frames)
    }

    // MARK: divergence

    @Test func aDivergingRunStopsAndStillWritesItsOutputs() throws {
        let dir = Self.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var c = Self.tiny(dir)
        // Real settings that blow up within a few dozen steps: LSGAN, plain momentum SGD, lr 9.
        c.ganType = .lsgan; c.modelName = "DIVERGE"; c.optimizer = .sgd; c.momentum = 0.99; c.learningRate = 9
        c.animFreq = 5; c.evalFreq = 10; c.evalSamples = 50
        let summary = try Experiment(config: c).run(control: RunControl(checkpointFrequency: 0))
        #expect(summary.status.hasPrefix("diverged at step "), "\(summary.status)")
        #expect(summary.exitCode == 1 && summary.steps < 600)
        let n = try #require(Int(summary.status.split(separator: " ").last!))
        let l = RunLayout(resultDir: dir, modelName: "DIVERGE")
        // Frames up to the divergence, none after it; the GIF of them.
        let frames = l.existingAnimationFrames()
        #expect(!frames.isEmpty && frames.allSatisfy { $0.index * 5 <= n })
        try Self.expectIntactFrames(l, frames: frames.count)
        // The losses up to and including the non-finite one; metrics; the summary and the page.
        let losses = try Self.text(l.lossesCSV).split(separator: "\n")
        #expect(losses.count == 2 + summary.steps)
        #expect(losses.last!.hasPrefix("\(summary.steps - 1),"))
        #expect(FileManager.default.fileExists(atPath: l.metricsCSV) && FileManager.default.fileExists(atPath: l.lossChart))
        #expect(!FileManager.default.fileExists(atPath: l.samplesCSV))
        #expect(try Self.text(l.summaryJSON).contains("\"status\" : \"diverged at step \(n)\""))
        #expect(try Self.text(l.index).contains("diverged at step \(n)"))
    }

    // MARK: interruption

    @Test func aStoppedRunWritesEverythingAndACheckpoint() throws {
        let dir = Self.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let c = Self.tiny(dir)
        let summary = try Experiment(config: c).run(control: RunControl(checkpointFrequency: 1000) { $0 == 250 })
        #expect(summary.status == "interrupted at step 250" && summary.exitCode == 130 && summary.steps == 250)
        let l = RunLayout(resultDir: dir, modelName: c.modelName)
        try Self.expectIntactFrames(l, frames: 2)   // steps 100, 200
        #expect(try Self.text(l.lossesCSV).split(separator: "\n").count == 2 + 250)
        #expect(try EndToEndTests.points(l.samplesCSV).count == Experiment.finalSampleCount)
        #expect(try Self.text(l.index).contains("interrupted at step 250"))
        let saved = try Checkpoint.read(path: l.checkpoint, config: c)
        #expect(saved.step == 250 && saved.dLosses.count == 250 * MemoryLayout<Float>.stride && saved.history.map(\.step) == [0])
    }

    @Test func aRunStopsWhenAListedConditionBegins() throws {
        let dir = Self.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var c = Self.tiny(dir)
        // A discriminator learning rate of 0.5 leaves G without gradient within 100 steps.
        c.numEpochs = 1000; c.evalFreq = 50; c.animFreq = 100; c.dLearningRate = 0.5
        var control = RunControl(checkpointFrequency: 0)
        control.stopOn = [.vanishingGeneratorGradient]
        let summary = try Experiment(config: c).run(control: control)
        #expect(summary.status == "stopped at step 150: vanishing_generator_gradient", "\(summary.status)")
        #expect(summary.exitCode == 1 && summary.steps == 150)
        let d = try #require(summary.diagnosis.first { $0.kind == .vanishingGeneratorGradient })
        #expect(d.beganStep == 100 && d.endedStep == nil && d.evidence.contains("gradient"))
        let l = RunLayout(resultDir: dir, modelName: c.modelName)
        try Self.expectIntactFrames(l, frames: 1)
        #expect(try EndToEndTests.points(l.samplesCSV).count == Experiment.finalSampleCount)
        // metrics.csv: the step-0 evaluation and three more, with the signal columns.
        let rows = try Self.text(l.metricsCSV).split(separator: "\n")
        #expect(rows.count == 5 && rows[0].contains(",dead_d_1,dead_d_2,dead_g_1,dead_g_2,grad_norm_d,"))
        // The report's diagnosis panel: the kind, its span, the frame nearest step 100, the advice.
        let page = try Self.text(l.index)
        #expect(page.contains("<h3>Diagnosis</h3>") && page.contains("<code>vanishing_generator_gradient</code> from step 100"))
        #expect(page.contains("src=\"\(l.animationFrameName(index: 1))\"") && page.contains("Advice: try --gan-type wgan-gp or a lower --d-learning-rate"))
        #expect(try Self.text(l.summaryJSON).contains("\"ended_step\" : null"))
    }

    @Test func noCheckpointWhenTheyAreOff() throws {
        let dir = Self.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let c = Self.tiny(dir)
        _ = try Experiment(config: c).run(control: RunControl(checkpointFrequency: 0) { $0 == 50 })
        let l = RunLayout(resultDir: dir, modelName: c.modelName)
        #expect(!FileManager.default.fileExists(atPath: l.checkpoint))
        let e = try #require(throws: RunError.self) { try Experiment(config: c).run(control: RunControl(existing: .resume)) }
        #expect(e.exitCode == 2 && e.description.contains("no checkpoint"), "\(e)")
    }

    // MARK: existing runs

    @Test func anExistingRunIsRefusedUnlessOverwritten() throws {
        let dir = Self.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var c = Self.tiny(dir)
        c.numEpochs = 20; c.animFreq = 10; c.dispFreq = 20; c.evalFreq = 20
        try Experiment(config: c).run()
        let l = RunLayout(resultDir: dir, modelName: c.modelName)
        let before = try Self.bytes(l.lossesCSV)
        let e = try #require(throws: RunError.self) { try Experiment(config: c).run() }
        #expect(e == .runExists(path: l.modelDir) && e.exitCode == 2 && e.description.contains("--overwrite"))
        #expect(try Self.bytes(l.lossesCSV) == before)
        c.randomSeed = 1
        try Experiment(config: c).run(control: RunControl(existing: .overwrite))
        #expect(try Self.bytes(l.lossesCSV) != before)
    }

    // MARK: resume

    /// A: 0 → 500 (stopped), 500 → 600. B: 0 → 250 (a periodic checkpoint), 250 → 500
    /// (stopped), 500 → 600. The state at 500 and every output at 600 are identical.
    @Test func resumingGivesTheBytesOfARunThatNeverStopped() throws {
        let a = Self.tempDir(), b = Self.tempDir()
        defer { try? FileManager.default.removeItem(atPath: a); try? FileManager.default.removeItem(atPath: b) }
        let ca = Self.tiny(a), cb = Self.tiny(b)
        let la = RunLayout(resultDir: a, modelName: ca.modelName), lb = RunLayout(resultDir: b, modelName: cb.modelName)
        func stop(at n: Int) -> RunControl { RunControl(checkpointFrequency: 250) { $0 == n } }
        func resume(stopAt n: Int) -> RunControl { RunControl(existing: .resume, checkpointFrequency: 250) { $0 == n } }

        try Experiment(config: ca).run(control: stop(at: 500))
        try Experiment(config: cb).run(control: stop(at: 250))
        #expect(try Checkpoint.read(path: lb.checkpoint, config: cb).step == 250)
        try Experiment(config: cb).run(control: resume(stopAt: 500))

        // The full state after 500 steps: parameters, optimizer state, RNG, losses, metrics.
        var sa = try Checkpoint.read(path: la.checkpoint, config: ca), sb = try Checkpoint.read(path: lb.checkpoint, config: cb)
        #expect(sa.step == 500 && sb.step == 500)
        #expect(sa.networks == sb.networks && sa.optimizers == sb.optimizers && sa.rng == sb.rng)
        (sa.seconds, sa.evalSeconds, sb.seconds, sb.evalSeconds) = (0, 0, 0, 0)
        #expect(sa == sb)

        let sumA = try Experiment(config: ca).run(control: resume(stopAt: -1))
        let sumB = try Experiment(config: cb).run(control: resume(stopAt: -1))
        #expect(sumA.status == "finished" && sumB.status == "finished" && sumB.steps == 600)
        for (pa, pb) in [(la.lossesCSV, lb.lossesCSV), (la.samplesCSV, lb.samplesCSV), (la.metricsCSV, lb.metricsCSV),
                         (la.animationFrame(index: 6), lb.animationFrame(index: 6)), (la.snapshot(step: 300), lb.snapshot(step: 300)),
                         (la.gif, lb.gif)] {
            #expect(try Self.bytes(pa) == Self.bytes(pb), "\(pb) differs")
        }
        #expect(try Self.text(lb.lossesCSV).split(separator: "\n").count == 2 + 600)
        #expect(!FileManager.default.fileExists(atPath: lb.checkpoint))   // a finished run keeps no checkpoint

        // And a run that never stopped at all writes the same bytes.
        let d = Self.tempDir()
        defer { try? FileManager.default.removeItem(atPath: d) }
        let cd = Self.tiny(d)
        try Experiment(config: cd).run()
        let ld = RunLayout(resultDir: d, modelName: cd.modelName)
        for (pb, pd) in [(lb.lossesCSV, ld.lossesCSV), (lb.samplesCSV, ld.samplesCSV), (lb.metricsCSV, ld.metricsCSV),
                         (lb.animationFrame(index: 4), ld.animationFrame(index: 4)),
                         (lb.gif, ld.gif)] {
            #expect(try Self.bytes(pb) == Self.bytes(pd), "\(pd) differs")
        }
    }

    // MARK: damaged checkpoints

    @Test func damagedOrForeignCheckpointsAreRefusedClearly() throws {
        let dir = Self.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var c = Self.tiny(dir)
        c.numEpochs = 100
        try Experiment(config: c).run(control: RunControl(checkpointFrequency: 10) { $0 == 20 })
        let l = RunLayout(resultDir: dir, modelName: c.modelName)
        let good = try Self.bytes(l.checkpoint)

        func refused(_ bytes: [UInt8], config: RunConfig? = nil, _ needle: String) throws {
            try AtomicFile.write(bytes, to: l.checkpoint)
            let e = try #require(throws: RunError.self) {
                try Experiment(config: config ?? c).run(control: RunControl(existing: .resume))
            }
            #expect(e.exitCode == 2 && e.description.contains(needle), "\(e)")
        }
        var flipped = good; flipped[100] ^= 0x40
        try refused(flipped, "checksum")
        try refused(Array(good.prefix(good.count / 2)), "checksum")
        var version = good; version[8] = 9
        try refused(version, "format version 9")
        try refused(Array("NOTACKPT".utf8) + good.dropFirst(8), "bad magic")
        var other = c; other.learningRate = 0.001
        try refused(good, config: other, "other settings")
        // The intact file still resumes.
        try AtomicFile.write(good, to: l.checkpoint)
        #expect(try Experiment(config: c).run(control: RunControl(existing: .resume)).status == "finished")
    }

    // MARK: the report

    @Test func userTextIsEscapedAndLinksStayInside() throws {
        let dir = Self.tempDir() + "/R <b>&\"q\""
        defer { try? FileManager.default.removeItem(atPath: (dir as NSString).deletingLastPathComponent) }
        var c = Self.tiny(dir)
        c.numEpochs = 20; c.animFreq = 10; c.dispFreq = 20; c.evalFreq = 20
        c.modelName = "<script>alert(\"x\")&'#?%"
        try Experiment(config: c).run()
        let html = try Self.text(RunLayout(resultDir: dir, modelName: c.modelName).index)
        #expect(!html.lowercased().contains("<script"))
        #expect(!html.contains("<b>"))
        #expect(html.contains("&lt;script&gt;alert(&quot;x&quot;)&amp;"))
        #expect(!html.contains("http://") && !html.contains("https://") && !html.contains("//cdn"))
        let links = HTMLLinks.links(in: html)
        #expect(links.count >= 5)
        for link in links {
            #expect(!link.contains("://") && !link.hasPrefix("/") && !link.contains(".."), "\(link)")
            #expect(!link.contains("<") && !link.contains("\"") && !link.contains("#") && !link.contains("?"), "\(link) not percent-encoded")
            #expect(FileManager.default.fileExists(atPath: dir + "/" + HTMLLinks.percentDecode(link)), "broken link \(link)")
        }
    }

    // MARK: a real signal (needs the built binary)

    static var binary: String? {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return [".build-robust/debug/ganscope", ".build/debug/ganscope"].map { root.appendingPathComponent($0).path }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    @Test(.enabled(if: binary != nil, "build ganscope first (swift build)"))
    func sigintFinishesTheStepWritesEverythingAndExits130() throws {
        let exe = try #require(Self.binary)
        let dir = Self.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let p = Process(), err = Pipe()
        p.executableURL = URL(fileURLWithPath: exe)
        p.arguments = ["train", "--num-z", "4", "--hidden-size", "16", "--batch-size", "32", "--num-epochs", "50000",
                       "--anim-freq", "100", "--disp-freq", "100000", "--frame-samples", "100", "--eval-freq", "10000000",
                       "--eval-samples", "50", "--quiet", "--result-dir", dir, "--model-name", "SIG", "--checkpoint-freq", "1000"]
        p.standardError = err
        try p.run()
        let l = RunLayout(resultDir: dir, modelName: "SIG")
        let deadline = Date().addingTimeInterval(60)
        while !FileManager.default.fileExists(atPath: l.animationFrame(index: 2)) && Date() < deadline && p.isRunning {
            Thread.sleep(forTimeInterval: 0.05)
        }
        kill(p.processIdentifier, SIGINT)
        p.waitUntilExit()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(p.terminationStatus == 130, "\(stderr)")
        let summary = try Self.text(l.summaryJSON)
        #expect(summary.contains("\"status\" : \"interrupted at step "), "\(summary)")
        let frames = l.existingAnimationFrames().count
        #expect(frames >= 2)   // 001 and 002 at least
        try Self.expectIntactFrames(l, frames: frames)
        #expect(try EndToEndTests.points(l.samplesCSV).count == Experiment.finalSampleCount)
        #expect(FileManager.default.fileExists(atPath: l.checkpoint) && stderr.contains("--resume"))
    }
}
