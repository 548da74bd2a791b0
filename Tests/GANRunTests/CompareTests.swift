import Foundation
import Testing
@testable import GANRender
@testable import GANRun
import TestSupport

/// The manifest: every check happens before anything runs.
@Suite("Compare: manifest")
struct CompareManifestTests {
    static func parse(_ json: String) throws -> CompareManifest {
        try CompareManifest.parse(Data(json.utf8), path: "m.json")
    }

    /// The error's message, and that it is a bad-input error (exit code 2).
    static func failure(_ json: String) -> String? {
        do {
            _ = try parse(json)
            return nil
        } catch let e as RunError {
            return e.exitCode == 2 ? e.description : "exit code \(e.exitCode): \(e.description)"
        } catch {
            return "\(error)"
        }
    }

    @Test(arguments: [
        (#"{"runs": [{"name": "A", "gan_typ": "gan"}]}"#, ["runs[0] 'A'", "unknown key 'gan_typ'", "did you mean 'gan_type'"]),
        (#"{"defaults": {"num_epoch": 5}, "runs": [{"name": "A"}]}"#, ["defaults", "did you mean 'num_epochs'"]),
        (#"{"run": [{"name": "A"}]}"#, ["unknown key 'run'", "did you mean 'runs'"]),
        (#"{"runs": [{"name": "A"}, {"name": "B"}, {"name": "A"}]}"#, ["runs[2]", "duplicate name 'A'"]),
        (#"{"seeds": [1, -2], "runs": [{"name": "A"}]}"#, ["key 'seeds'"]),
        (#"{"seeds": [1, 1], "runs": [{"name": "A"}]}"#, ["key 'seeds'", "seed 1 is listed twice"]),
        (#"{"seeds": [], "runs": [{"name": "A"}]}"#, ["key 'seeds'"]),
        (#"{"seeds": [1], "runs": [{"name": "A", "random_seed": 3}]}"#, ["runs[0]", "'random_seed'", "use 'seeds'"]),
        (#"{"runs": [{"name": "A", "result_dir": "x"}]}"#, ["runs[0]", "'result_dir'"]),
        (#"{"runs": [{"name": "a/b"}]}"#, ["runs[0]", "name 'a/b'"]),
        (#"{"runs": [{"gan_type": "gan"}]}"#, ["runs[0]", "'name'"]),
        (#"{"runs": [{"name": "A", "gan_type": "gam"}]}"#, ["runs[0] 'A'", "gan_type"]),
        (#"{"runs": []}"#, ["key 'runs'"]),
        (#"[1, 2]"#, ["top level"]),
    ])
    func invalidManifestNamesTheField(json: String, expected: [String]) throws {
        let message = try #require(Self.failure(json), "accepted: \(json)")
        #expect(message.hasPrefix("cannot use config file m.json"), "\(message)")
        for part in expected { #expect(message.contains(part), "\(message) lacks \(part)") }
    }

    @Test func expansionIsRunsTimesSeedsInManifestOrder() throws {
        let m = try Self.parse(#"""
            {"result_dir": "ignored", "defaults": {"preset": "ring8", "num_epochs": 7, "hidden_size": 16},
             "seeds": [5, 3], "runs": [{"name": "GAN", "gan_type": "gan"}, {"name": "W", "gan_type": "wgan-gp", "hidden_size": 8}]}
            """#)
        #expect(m.resultDir == "ignored")
        let runs = m.expand(resultDir: "D")
        #expect(runs.map(\.id) == ["GAN/seed-5", "GAN/seed-3", "W/seed-5", "W/seed-3"])
        #expect(runs.map(\.config.randomSeed) == [5, 3, 5, 3])
        #expect(runs.map(\.config.resultDir) == ["D/GAN/seed-5", "D/GAN/seed-3", "D/W/seed-5", "D/W/seed-3"])
        #expect(runs.map(\.config.modelName) == ["GAN", "GAN", "W", "W"])
        #expect(runs.map(\.config.ganType.rawValue) == ["gan", "gan", "wgan-gp", "wgan-gp"])
        #expect(runs.map(\.config.hiddenSize) == [16, 16, 8, 8])   // a run's key overrides the defaults
        #expect(runs.allSatisfy { $0.config.numEpochs == 7 && $0.config.preset == .ring8 })
    }

    @Test func withoutSeedsEachRunKeepsItsOwnSeed() throws {
        let m = try Self.parse(#"{"runs": [{"name": "A", "random_seed": 11}, {"name": "B"}]}"#)
        #expect(m.expand(resultDir: "D").map(\.id) == ["A/seed-11", "B/seed-\(RunConfig().randomSeed)"])
    }

    @Test(arguments: [1, 2, 3, 5, 8])
    func shardsCoverEveryRunExactlyOnce(n: Int) throws {
        let names = (0..<7).map { "run\($0)" }
        let json = #"{"seeds": [1, 2, 3], "runs": ["# + names.map { #"{"name": "\#($0)"}"# }.joined(separator: ",") + "]}"
        let runs = try Self.parse(json).expand(resultDir: "D")
        let shards = (0..<n).map { CompareShard(index: $0, count: n).select(runs) }
        let ids = shards.flatMap { $0.map(\.id) }
        #expect(ids.count == runs.count && Set(ids) == Set(runs.map(\.id)))
        // Stable: the assignment depends on name and seed only, not on the manifest order.
        let reversed = try Self.parse(#"{"seeds": [3, 2, 1], "runs": ["# + names.reversed().map { #"{"name": "\#($0)"}"# }.joined(separator: ",") + "]}")
            .expand(resultDir: "D")
        for r in reversed { #expect(shards[r.shard(of: n)].contains { $0.id == r.id }) }
    }

    @Test func shardFlagIsChecked() throws {
        #expect(try CompareShard.parse("2/4") == CompareShard(index: 2, count: 4))
        for bad in ["4/4", "-1/4", "1/0", "1", "a/b", "1/2/3"] {
            #expect(throws: RunError.self, "\(bad)") { try CompareShard.parse(bad) }
        }
    }
}

/// Tiny runs end to end: runner, skip and force, a failing run, the report files, shards.
@Suite("Compare: runs and report", .serialized)
struct CompareRunTests {
    static let manifest = #"""
        {"defaults": {"preset": "ring8", "num_z": 4, "hidden_size": 16, "hidden_layers": 1, "batch_size": 32,
                      "num_epochs": 40, "anim_freq": 20, "disp_freq": 40, "eval_freq": 20, "eval_samples": 100,
                      "frame_samples": 100, "fps": 4},
         "seeds": [1, 2],
         "runs": [{"name": "GAN", "gan_type": "gan"}, {"name": "WGAN-GP", "gan_type": "wgan-gp"},
                  {"name": "broken", "hidden_size": 0}]}
        """#

    static func tempDir() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("ganscope-compare-\(UUID().uuidString)").path
    }

    static func runs(_ dir: String) throws -> [CompareRun] {
        try CompareManifest.parse(Data(manifest.utf8), path: "m.json").expand(resultDir: dir)
    }

    static func json(_ path: String) throws -> [String: Any] {
        let data = try #require(FileManager.default.contents(atPath: path), "missing \(path)")
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test func runsReportSkipForceAndShards() throws {
        let dir = Self.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let runs = try Self.runs(dir)
        let outcomes = CompareRunner(jobs: 2).run(runs)

        // The invalid run fails with its reason, the others finish.
        #expect(outcomes.map(\.run.id) == runs.map(\.id))
        for o in outcomes {
            if o.run.name == "broken" {
                #expect(o.failed && o.status.hasPrefix("failed: ") && o.status.contains("hidden_size"))
                #expect(FileManager.default.fileExists(atPath: o.run.errorFile))
            } else {
                #expect(o.status == "finished" && !o.skipped, "\(o.run.id): \(o.status)")
            }
        }

        let report = ComparisonReport(dir: dir, runs: runs)
        try report.write(columns: 2)

        // comparison.json: per run name the settings and, per metric, mean, std and per-seed
        // values equal to the runs' own summary.json.
        let top = try Self.json(dir + "/comparison.json")
        #expect(top["order"] as? [String] == ["GAN", "WGAN-GP", "broken"])
        let byName = try #require(top["runs"] as? [String: Any])
        let gan = try #require(byName["GAN"] as? [String: Any])
        let settings = try #require(gan["settings"] as? [String: Any])
        #expect(settings["gan_type"] as? String == "gan" && settings["random_seed"] == nil)
        let metrics = try #require(gan["metrics"] as? [String: Any])
        let hq = try #require(metrics["high_quality_fraction"] as? [String: Any])
        let perSeed = try #require(hq["per_seed"] as? [String: Double])
        var values: [Double] = []
        for seed in ["1", "2"] {
            let summary = try Self.json(dir + "/GAN/seed-\(seed)/GAN/summary.json")
            let m = try #require(summary["metrics"] as? [String: Any])
            let v = try #require((m["high_quality_fraction"] as? NSNumber)?.doubleValue)
            #expect(perSeed[seed] == v)
            values.append(v)
        }
        let mean = (values[0] + values[1]) / 2
        let std = (((values[0] - mean) * (values[0] - mean) + (values[1] - mean) * (values[1] - mean)) / 1).squareRoot()
        #expect(abs(try #require(hq["mean"] as? Double) - mean) < 1e-12)
        #expect(abs(try #require(hq["std"] as? Double) - std) < 1e-12)
        let broken = try #require(byName["broken"] as? [String: Any])
        let status = try #require(broken["status"] as? [String: String])
        #expect(status["1"]?.hasPrefix("failed: ") == true)
        #expect((broken["metrics"] as? [String: Any])?.isEmpty == true)

        // comparison.csv: header, one row per run × seed, mean and std rows per name.
        let csv = try String(contentsOfFile: dir + "/comparison.csv", encoding: .utf8).split(separator: "\n")
        #expect(csv.first == "run,seed,status,modes_captured,high_quality_fraction,reverse_kl,inception_score,mean_log_likelihood,energy_distance,sliced_wasserstein,mmd_rbf,precision,recall,coverage")
        #expect(csv.count == 1 + 6 + 3 * 2)
        #expect(csv.contains { $0.hasPrefix("GAN,mean,,") })

        // index.html: every link resolves; each finished run's own index is linked; the failure is shown.
        let html = try String(contentsOfFile: dir + "/index.html", encoding: .utf8)
        let links = HTMLLinks.links(in: html)
        for link in links {
            #expect(FileManager.default.fileExists(atPath: dir + "/" + HTMLLinks.percentDecode(link)), "broken link \(link)")
        }
        for id in ["GAN/seed-1", "GAN/seed-2", "WGAN-GP/seed-1", "WGAN-GP/seed-2"] {
            #expect(links.contains(id + "/index.html"))
        }
        #expect(links.contains("comparison.gif") && links.contains("comparison_modes_captured.png"))
        #expect(html.contains("class=\"best\"") && html.contains("failed: "))

        // comparison.gif: one frame per common step (20, 40), a 2-column grid of 3 panels.
        let info = try GIFInfo(bytes: [UInt8](try #require(FileManager.default.contents(atPath: dir + "/comparison.gif"))))
        #expect(info.frameCount == 2 && info.delaysCentiseconds.allSatisfy { $0 == 25 })
        let pw = ComparisonReport.gifPanelWidth, ph = 600 * pw / 800, gap = ComparisonReport.gifGap
        #expect(info.width == 2 * (pw + gap) + gap)
        #expect(info.height == ComparisonReport.gifHeaderHeight + 2 * (ph + ComparisonReport.gifCaptionHeight + gap))

        // Re-run: complete runs are skipped; a changed setting or --force reruns.
        let again = CompareRunner(jobs: 2).run(runs)
        #expect(again.filter(\.skipped).map(\.run.id) == ["GAN/seed-1", "GAN/seed-2", "WGAN-GP/seed-1", "WGAN-GP/seed-2"])
        var changed = runs[0]
        changed.config.numEpochs = 20
        #expect(!CompareRunner.isComplete(changed))
        let forced = CompareRunner(jobs: 1, force: true).run([runs[1]])
        #expect(forced.map(\.skipped) == [false] && forced[0].status == "finished")

        // Shards: two shards into another directory, then the report: the same numbers.
        let sharded = Self.tempDir()
        defer { try? FileManager.default.removeItem(atPath: sharded) }
        let shardRuns = try Self.runs(sharded)
        for i in 0..<2 { _ = CompareRunner(jobs: 2).run(CompareShard(index: i, count: 2).select(shardRuns)) }
        try ComparisonReport(dir: sharded, runs: shardRuns).write(columns: 2)
        for file in ["comparison.json", "comparison.csv"] {
            let a = try String(contentsOfFile: dir + "/" + file, encoding: .utf8)
            let b = try String(contentsOfFile: sharded + "/" + file, encoding: .utf8)
            #expect(a == b, "\(file) differs between sharded and unsharded")
        }
    }
}

/// The built binary: exit codes, and shards as separate processes merged into the same
/// report as one unsharded command.
@Suite("Compare: the ganscope binary", .serialized)
struct CompareBinaryTests {
    /// `ganscope` built next to this package, if it has been built.
    static var binary: String? {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let candidates = [".build/debug/ganscope", ".build-compare/debug/ganscope"].map { root.appendingPathComponent($0).path }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static func start(_ args: [String]) throws -> (Process, Pipe, Pipe) {
        let p = Process(), out = Pipe(), err = Pipe()
        p.executableURL = URL(fileURLWithPath: try #require(binary))
        p.arguments = args
        p.standardOutput = out
        p.standardError = err
        try p.run()
        return (p, out, err)
    }

    static func finish(_ s: (Process, Pipe, Pipe)) -> (code: Int32, out: String, err: String) {
        let o = s.1.fileHandleForReading.readDataToEndOfFile(), e = s.2.fileHandleForReading.readDataToEndOfFile()
        s.0.waitUntilExit()
        return (s.0.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    static func run(_ args: [String]) throws -> (code: Int32, out: String, err: String) { finish(try start(args)) }

    @Test(.enabled(if: binary != nil, "build ganscope first (swift build)"))
    func badManifestExitsTwoAndWritesNothing() throws {
        let dir = CompareRunTests.tempDir()
        let manifest = dir + ".json"
        defer { try? FileManager.default.removeItem(atPath: manifest) }
        try #"{"runs": [{"name": "A"}, {"name": "A"}]}"#.write(toFile: manifest, atomically: true, encoding: .utf8)
        let r = try Self.run(["compare", manifest, "--result-dir", dir])
        #expect(r.code == 2 && r.err.contains("duplicate name 'A'"), "\(r)")
        #expect(!FileManager.default.fileExists(atPath: dir))
    }

    @Test(.enabled(if: binary != nil, "build ganscope first (swift build)"))
    func shardsInSeparateProcessesMergeToTheUnshardedReport() throws {
        let (whole, sharded) = (CompareRunTests.tempDir(), CompareRunTests.tempDir())
        let manifest = whole + ".json"
        defer { for p in [whole, sharded, manifest] { try? FileManager.default.removeItem(atPath: p) } }
        // GAN and WGAN-GP with one seed, and the run that fails: exit code 1, report written.
        let text = CompareRunTests.manifest.replacingOccurrences(of: "[1, 2]", with: "[7]")
        try text.write(toFile: manifest, atomically: true, encoding: .utf8)

        let r = try Self.run(["compare", manifest, "--result-dir", whole, "--jobs", "2"])
        #expect(r.code == 1 && r.err.contains("broken/seed-7 (failed: "), "\(r)")
        #expect(r.out.contains("[3/3]") && r.out.contains("Report: "))
        let shards = try (0..<2).map { try Self.start(["compare", manifest, "--result-dir", sharded, "--shard", "\($0)/2", "--jobs", "1"]) }
        let codes = shards.map { Self.finish($0).code }
        #expect(codes.sorted() == [0, 1])   // the shard with the broken run fails, the other not
        #expect(!FileManager.default.fileExists(atPath: sharded + "/comparison.json"))   // shards write no report
        let merged = try Self.run(["compare", manifest, "--result-dir", sharded, "--merge"])
        #expect(merged.code == 0, "\(merged)")
        for file in ["comparison.json", "comparison.csv"] {
            let a = try String(contentsOfFile: whole + "/" + file, encoding: .utf8)
            let b = try String(contentsOfFile: sharded + "/" + file, encoding: .utf8)
            #expect(a == b, "\(file) differs between sharded and unsharded")
        }
        let gif = { (d: String) in try GIFInfo(bytes: [UInt8](try #require(FileManager.default.contents(atPath: d + "/comparison.gif")))) }
        #expect(try gif(whole) == gif(sharded))
    }
}

/// Aggregation and "best" on hand-written summaries (no training).
@Suite("Compare: aggregation")
struct CompareAggregationTests {
    @Test func meanStdAndBestWithTiesAndDirections() throws {
        let dir = CompareRunTests.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let runs = try CompareManifest.parse(Data(#"{"seeds": [1, 2], "runs": [{"name": "A"}, {"name": "B"}, {"name": "C"}]}"#.utf8),
                                             path: "m.json").expand(resultDir: dir)
        // modes: A 8, 6 · B 7, 7 · C missing; reverse_kl: A 0.5, 0.25 · B 0.25, 0.25.
        let values: [String: [(Double, Double)]] = ["A": [(8, 0.5), (6, 0.25)], "B": [(7, 0.25), (7, 0.25)]]
        for r in runs {
            guard let v = values[r.name]?[Int(r.seed) - 1] else { continue }
            try FileManager.default.createDirectory(atPath: r.layout.modelDir, withIntermediateDirectories: true)
            try #"{"status": "finished", "metrics": {"modes_captured": \#(v.0), "reverse_kl": \#(v.1), "inception_score": "nan"}}"#
                .write(toFile: r.layout.summaryJSON, atomically: true, encoding: .utf8)
        }
        let report = ComparisonReport(dir: dir, runs: runs)
        #expect(report.reportedMetrics.map(\.key) == ["modes_captured", "reverse_kl"])   // nan is not reported
        let a = try #require(report.aggregate("modes_captured", name: "A"))
        #expect(a.mean == 7 && a.std == 2.0.squareRoot() && a.perSeed.map(\.value) == [8, 6])
        #expect(report.aggregate("modes_captured", name: "B")?.std == 0)
        #expect(report.aggregate("modes_captured", name: "C") == nil)
        let modes = try #require(ComparisonReport.metrics.first { $0.key == "modes_captured" })
        let kl = try #require(ComparisonReport.metrics.first { $0.key == "reverse_kl" })
        #expect(report.best(modes) == ["A", "B"])   // a tie: both
        #expect(report.best(kl) == ["B"])   // lower is better: 0.25 against 0.375
        #expect(report.results(named: "C").map(\.status) == ["missing", "missing"])
        let csv = report.csv().split(separator: "\n")
        #expect(csv.first == "run,seed,status,modes_captured,reverse_kl")
        #expect(csv.contains("A,1,finished,8.0,0.5") && csv.contains("C,1,missing,,") && csv.contains("A,mean,,7.0,0.375"))
    }
}

/// When a finished run counts as complete: its summary (read as the run wrote it, "nan"
/// included), the same config.json bytes, and a data file no newer than its outputs.
@Suite("Compare: which runs are complete")
struct CompareCompletenessTests {
    @Test func aFinishedRunIsCompleteUntilItsDataFileChanges() throws {
        let dir = CompareRunTests.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let data = dir + "/points.csv"
        try "x,y\n0,0\n1,1\n".write(toFile: data, atomically: true, encoding: .utf8)
        var config = RunConfig()
        config.resultDir = dir + "/A/seed-1"
        config.data = data
        let run = CompareRun(name: "A", seed: 1, config: config)
        let layout = run.layout
        try FileManager.default.createDirectory(atPath: layout.modelDir, withIntermediateDirectories: true)
        try config.json().write(toFile: layout.configJSON, atomically: true, encoding: .utf8)
        #expect(!CompareRunner.isComplete(run))   // no summary yet

        // A finished run whose final loss is NaN: written as "nan", still complete.
        let summary = RunSummary(status: "finished", steps: 10, seconds: 1, stepsPerSecond: 10,
                                 finalDLoss: .nan, finalGLoss: 0.7, frames: 1, workers: 1, blasThreads: 1)
        try Experiment.json(summary).write(toFile: layout.summaryJSON, atomically: true, encoding: .utf8)
        let past = Date(timeIntervalSinceNow: -60)
        try FileManager.default.setAttributes([.modificationDate: past], ofItemAtPath: data)
        #expect(CompareRunner.isComplete(run))

        // The data file edited after the run: stale.
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: 60)], ofItemAtPath: data)
        #expect(!CompareRunner.isComplete(run))
        // Gone: not complete either (the rerun then says what is missing).
        try FileManager.default.removeItem(atPath: data)
        #expect(!CompareRunner.isComplete(run))

        var other = run
        other.config.numEpochs += 1
        try FileManager.default.setAttributes([.modificationDate: past], ofItemAtPath: layout.summaryJSON)
        #expect(!CompareRunner.isComplete(other))
    }
}
