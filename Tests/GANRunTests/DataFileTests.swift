import Foundation
import Testing
@testable import GANCore
@testable import GANRender
@testable import GANRun

/// `--data`: a CSV of points or a picture as the target, its errors (file and line named,
/// exit code 2, nothing written), its resolution in config files, and a short run on it.
@Suite("Your own data", .serialized)
struct DataFileTests {
    static func temp(_ name: String) -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ganscope-data-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir.appendingPathComponent(name).path
    }

    static func write(_ text: String, name: String = "points.csv") throws -> String {
        let path = temp(name)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    static func writePNG(_ canvas: Canvas, name: String = "picture.png") throws -> String {
        let path = temp(name)
        try Data(canvas.pngData()).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// `n` points on a circle of radius 1.
    static func circle(_ n: Int) -> String {
        (0..<n).map { i in
            let t = 2 * Double.pi * Double(i) / Double(n)
            return String(format: "%.6f,%.6f", cos(t), sin(t))
        }.joined(separator: "\n") + "\n"
    }

    // MARK: reading

    @Test func csvWithOrWithoutHeader() throws {
        let plain = try DataFile.points(path: try Self.write(Self.circle(100)))
        let headed = try DataFile.points(path: try Self.write("\"px\", \"py\"\r\n" + Self.circle(100).replacingOccurrences(of: "\n", with: "\r\n")))
        #expect(plain == headed && plain.count == 100)
        #expect(plain.points[0] == 1 && plain.points[1] == 0)
    }

    static let badCSV: [(text: String, line: Int?, message: String)] = [
        ("", nil, "the file is empty"),
        ("# nothing\n\n", nil, "the file is empty"),
        ("x,y\n", nil, "no points after the header line"),
        ("1\n2\n3\n", 1, "expected two numbers x,y, found 1 field"),
        ("x\n1\n2\n", 2, "expected two numbers x,y, found 1 field"),
        (circle(100) + "0.5,abc\n", 101, "y = 'abc' is not a number"),
        ("1,abc\n" + circle(100), 1, "y = 'abc' is not a number"),
        ("x,y\n0,0\nnan,1\n", 3, "x = 'nan' is not finite"),
        ("x,y\n0,0\n1,-inf\n", 3, "y = '-inf' is not finite"),
        ("x,y\n0,0\n1,\n", 3, "y = '' is not a number"),
        (circle(99), nil, "99 points; at least 100 are needed"),
        (String(repeating: "0.25,-1\n", count: 150), nil, "all 150 points are (0.25, -1.0)"),
    ]

    @Test(arguments: 0..<badCSV.count)
    func badCSVNamesFileAndLine(_ index: Int) throws {
        let bad = Self.badCSV[index]
        let path = try Self.write(bad.text)
        let error = try #require(throws: RunError.self) { _ = try DataFile.load(path: path) }
        guard case let .pointsFile(p, line, reason) = error else { Issue.record("wrong case \(error)"); return }
        #expect(p == path && line == bad.line, "\(error)")
        #expect(reason.contains(bad.message), "\(reason)")
        #expect(error.exitCode == 2 && error.description.contains(path))
    }

    @Test func missingFileAndBinaryFile() throws {
        let missing = try #require(throws: RunError.self) { _ = try DataFile.load(path: "/nonexistent/points.csv") }
        #expect(missing.description.contains("/nonexistent/points.csv") && missing.description.contains("no such file"))
        let missingPicture = try #require(throws: RunError.self) { _ = try DataFile.load(path: "/nonexistent/p.png") }
        #expect(missingPicture.description == "cannot use data file /nonexistent/p.png: no such file")
        let binary = try Self.write(String(decoding: [0x42, 0x4D, 0, 0, 7], as: UTF8.self), name: "picture.bmp")
        let error = try #require(throws: RunError.self) { _ = try DataFile.load(path: binary) }
        #expect(error.description.contains("not a text file") && error.exitCode == 2)
    }

    @Test func pictureDarknessIsTheDensity() throws {
        // 40×20, white, with a black 10×10 square in the left half: every point lands in it.
        let canvas = Canvas(width: 40, height: 20, background: .white)
        canvas.fillRect(x0: 5, y0: 5, x1: 14, y1: 14, color: Color(r: 0, g: 0, b: 0))
        let d = try DataFile.picture(path: try Self.writePNG(canvas))
        #expect(d.width == 40 && d.height == 20 && d.pixelSize == 0.1)
        var rng = RNG(seed: 1)
        let p = d.sample(count: 1000, rng: &rng)
        for i in stride(from: 0, to: p.count, by: 2) {
            // Pixels 5…14 → x ∈ [(5 − 20)·0.1, (15 − 20)·0.1]; rows 5…14 → y ∈ [(10 − 15)·0.1, (10 − 5)·0.1].
            #expect(p[i] >= -1.5 && p[i] <= -0.5 && p[i + 1] >= -0.5 && p[i + 1] <= 0.5, "\(p[i]), \(p[i + 1])")
        }
    }

    @Test func pictureWithTransparencyUsesOpacity() throws {
        // Transparent canvas: only the opaque square counts, even though it is white.
        let canvas = Canvas(width: 20, height: 20, background: Color(r: 0, g: 0, b: 0, a: 0))
        canvas.fillRect(x0: 10, y0: 0, x1: 19, y1: 9, color: .white)
        let d = try DataFile.picture(path: try Self.writePNG(canvas))
        var rng = RNG(seed: 2)
        let p = d.sample(count: 500, rng: &rng)
        #expect(stride(from: 0, to: p.count, by: 2).allSatisfy { p[$0] >= 0 && p[$0 + 1] >= 0 })
    }

    @Test func badPictures() throws {
        func message(_ path: String) throws -> String {
            let error = try #require(throws: RunError.self) { _ = try DataFile.load(path: path) }
            #expect(error.exitCode == 2 && error.description.hasPrefix("cannot use data file \(path): "))
            return error.description
        }
        #expect(try message(try Self.writePNG(Canvas(width: 30, height: 20, background: .white))).contains("no dark pixel"))
        #expect(try message(try Self.writePNG(Canvas(width: 30, height: 20, background: Color(r: 0, g: 0, b: 0, a: 0))))
            .contains("no opaque pixel"))
        let wide = Canvas(width: 4097, height: 2, background: .black)
        #expect(try message(try Self.writePNG(wide)).contains("4097×2 pixels; at most 4096×4096"))
        #expect(try message(try Self.write("not a picture", name: "p.png")).contains("libgd cannot read it"))
        #expect(try message(try Self.write("GIF89a broken", name: "p.gif")).contains("libgd cannot read it"))
    }

    // MARK: configuration

    @Test func relativePathsResolveAgainstTheConfigFilesFolder() throws {
        let csv = try Self.write(Self.circle(200))
        let folder = (csv as NSString).deletingLastPathComponent
        let configPath = folder + "/run.json"
        try Data(#"{"data": "points.csv", "num_epochs": 10}"#.utf8).write(to: URL(fileURLWithPath: configPath))
        let c = try RunConfig.resolve(try RunConfig.settings(fromFile: configPath), [:])
        #expect(c.data == csv)
        #expect(c.xlim == .auto && c.ylim == .auto && c.mixCoeffs.isEmpty && c.mean.isEmpty)
        // Given as a flag, relative to the working directory; --xlim still wins.
        let flagged = try RunConfig.resolve([:], ["data": "a/b.csv", "xlim": [-1, 1]])
        #expect(flagged.data == FileManager.default.currentDirectoryPath + "/a/b.csv")
        #expect(flagged.xlim == .fixed(-1, 1) && flagged.ylim == .auto)
        // config.json holds the absolute path and resolves to the same config.
        let again = try RunConfig.resolve(try RunConfig.settings(from: Data(try c.json().utf8), path: "config.json"), [:])
        #expect(again == c)
        // A compare manifest resolves against its own folder too.
        let manifest = folder + "/m.json"
        try Data(#"{"defaults": {"data": "points.csv"}, "runs": [{"name": "a"}]}"#.utf8).write(to: URL(fileURLWithPath: manifest))
        #expect(try CompareManifest.load(path: manifest).runs[0].config.data == csv)
    }

    @Test func mixtureSettingsWithDataAreRejected() throws {
        var c = BadInputTests.tiny(BadInputTests.tempDir())
        c.data = try Self.write(Self.circle(200))
        #expect(throws: RunError.self) { try c.validate() }   // the seed preset's mixture is still set
        c.mixCoeffs = []; c.mean = []; c.cov = []
        try c.validate()
    }

    // MARK: a run

    @Test func shortRunOnPointsHoldsOutTheReferenceAndSkipsModeCharts() throws {
        let csv = try Self.write(Self.circle(500))
        let dir = BadInputTests.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var c = try RunConfig.resolve(["data": csv])
        c.resultDir = dir
        (c.numEpochs, c.numZ, c.hiddenSize, c.batchSize) = (60, 4, 16, 32)
        (c.dispFreq, c.animFreq, c.frameSamples, c.evalFreq, c.evalSamples) = (60, 30, 50, 30, 100)
        let experiment = try Experiment(config: c)
        // 500 / 5 = 100 points held out, never drawn for training.
        #expect(experiment.reference.count == 200 && (experiment.trainingData as? PointCloud)?.count == 400)
        let summary = try experiment.run()
        #expect(summary.status == "finished")
        let l = RunLayout(resultDir: dir, modelName: c.modelName)
        let header = String(decoding: try EndToEndTests.bytes(l.metricsCSV), as: UTF8.self).split(separator: "\n")[0]
        // The metrics without a mode histogram, then the diagnosis's signals.
        let expected: String = "step,n_samples,modes_captured,high_quality_fraction,reverse_kl,inception_score,mean_log_likelihood,"
            + "energy_distance,sliced_wasserstein,mmd_rbf,precision,recall,density,coverage,"
            + "dead_d_1,dead_d_2,dead_g_1,dead_g_2,grad_norm_d,grad_norm_g,d_accuracy_real,d_accuracy_fake,"
            + "mean_d_real,mean_d_fake,g_point_grad_norm,d_output_spread,d_loss,g_loss"
        #expect(header == expected)
        // Without known modes the mode rules are skipped, and the report says so.
        #expect(summary.diagnosisSkipped == [.modeCollapse, .modeDropping, .modeHopping])
        let real = try #require(summary.realDataMetrics)
        #expect(real.manifold.precision > 0.8 && real.manifold.recall > 0.8 && real.manifold.coverage > 0.8, "\(real)")
        for name in ["distances", "precision_recall"] {
            #expect(FileManager.default.fileExists(atPath: l.metricChart(name)), "\(name)")
        }
        #expect(!FileManager.default.fileExists(atPath: l.metricChart("modes")))
        #expect(!FileManager.default.fileExists(atPath: l.modeHistogramChart))
        // Frames: the red points are points of the file; limits fitted to the data.
        let html = String(decoding: try EndToEndTests.bytes(l.index), as: UTF8.self)
        #expect(html.contains("Gaussian mixture, and this target is not one"))
        #expect(html.contains("Not checked, because the data has no known modes: mode_collapse, mode_dropping, mode_hopping."))
        #expect(!html.contains("<th scope=\"row\">modes captured</th>"))
    }

    @Test func framePointsAreASubsetOfTheFile() throws {
        let cloud = try DataFile.points(path: try Self.write(Self.circle(300)))
        var rng = RNG(seed: 1)
        let real = LayeredFramePainter.realPoints(of: cloud, count: 1000, rng: &rng)
        #expect(real.count == 600)   // all 300, each once
        let pairs = Set(stride(from: 0, to: real.count, by: 2).map { "\(real[$0]),\(real[$0 + 1])" })
        #expect(pairs.count == 300)
        let painter = LayeredFramePainter(config: try RunConfig.resolve(["data": "x.csv"]), mixture: nil, real: real)
        #expect(painter.xlim.lowerBound < -1 && painter.xlim.lowerBound > -1.3 && painter.ylim.upperBound > 1 && painter.ylim.upperBound < 1.3)
    }

    // MARK: the binary

    @Test(.enabled(if: EvalTests.binary != nil, "build ganscope first (swift build)"))
    func binaryTrainRejectsBadDataAndEvalScoresAgainstTheFile() throws {
        let exe = try #require(EvalTests.binary)
        func run(_ args: [String]) throws -> (code: Int32, out: String, err: String) {
            let p = Process(), out = Pipe(), err = Pipe()
            p.executableURL = URL(fileURLWithPath: exe)
            (p.arguments, p.standardOutput, p.standardError) = (args, out, err)
            try p.run()
            let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
            p.waitUntilExit()
            return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
        }
        let dir = BadInputTests.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let bad = try Self.write(Self.circle(150) + "1,two\n")
        let failed = try run(["train", "--data", bad, "--result-dir", dir, "--num-epochs", "10"])
        #expect(failed.code == 2 && failed.err.contains("\(bad):151: y = 'two' is not a number"), "\(failed.err)")
        #expect(!FileManager.default.fileExists(atPath: dir))

        let data = try Self.write(Self.circle(400))
        let samples = try Self.write("x,y\n" + Self.circle(50), name: "samples.csv")
        let ok = try run(["eval", "--samples", samples, "--data", data, "--json"])
        #expect(ok.code == 0, "\(ok.err)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(ok.out.utf8)) as? [String: Any])
        #expect(object["modes_captured"] is NSNull && object["n_samples"] as? Int == 50)
        // The library call with every point of the file as the reference.
        let cloud = try DataFile.points(path: data)
        let direct = SampleEvaluation(reference: cloud.points, target: cloud)
            .evaluate(points: try PointsCSV.read(path: samples))
        #expect(object["precision"] as? Double == direct.manifold.precision)
        #expect(object["coverage"] as? Double == direct.manifold.coverage)
        #expect(direct.manifold.precision == 1)   // every sample lies on the circle's points
    }
}
