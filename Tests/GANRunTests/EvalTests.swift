import Foundation
import Testing
@testable import GANCore
@testable import GANRun

/// `ganscope eval`: the CSV reader, the library call behind the command, and (when built)
/// the binary itself.
@Suite("Evaluating a CSV of points")
struct EvalTests {
    static func write(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ganscope-eval-\(UUID().uuidString).csv").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func csv(_ points: [Float]) -> String { Experiment.csv(points: points) }

    // MARK: PointsCSV

    @Test func readsTheRunsOwnSamplesFormat() throws {
        let text = "x,y\n0.5,-1\n2,3e-2\n"
        #expect(try PointsCSV.parse(bytes: Array(text.utf8), path: "a.csv") == [0.5, -1, 2, 0.03])
        // CRLF, spaces, quoted header, comments and blank lines.
        let loose = "# made by another tool\r\n \"X\" , \"y\" \r\n\r\n1 , 2\r\n# note\r\n3,4\r\n"
        #expect(try PointsCSV.parse(bytes: Array(loose.utf8), path: "b.csv") == [1, 2, 3, 4])
    }

    @Test(arguments: [
        ("x,y\n1,2\n3\n", 3, "found 1 field"),
        ("x,y\n1,2\n3,4,5\n", 3, "found 3 fields"),
        ("x,y\n1,2\n\n1,abc\n", 4, "y = 'abc' is not a number"),
        ("x,y\nnan,1\n", 2, "x = 'nan' is not finite"),
        ("x,y\n1,inf\n", 2, "y = 'inf' is not finite"),
        ("x,y\n1e39,0\n", 2, "outside the range of 32-bit floats"),
        ("# c\n1,2\n3,4\n", 2, "add the line x,y"),
        ("a,b\n1,2\n", 1, "expected the header line x,y, found 'a,b'"),
    ])
    func badRowsNameTheirLine(text: String, line: Int, message: String) throws {
        let error = try #require(throws: RunError.self) { try PointsCSV.parse(bytes: Array(text.utf8), path: "p.csv") }
        guard case let .pointsFile(path, l, reason) = error else { Issue.record("wrong case \(error)"); return }
        #expect(path == "p.csv" && l == line)
        #expect(reason.contains(message), "\(reason)")
        #expect(error.description.hasPrefix("p.csv:\(line): "))
        #expect(error.exitCode == 2)
    }

    @Test(arguments: ["", "\n\n", "# only a comment\n", "x,y\n", "x,y\n# no points\n\n"])
    func emptyInputIsAnErrorWithoutALine(text: String) throws {
        let error = try #require(throws: RunError.self) { try PointsCSV.parse(bytes: Array(text.utf8), path: "e.csv") }
        guard case let .pointsFile(_, line, reason) = error else { Issue.record("wrong case \(error)"); return }
        #expect(line == nil)
        #expect(reason.contains("empty") || reason.contains("no points"), "\(reason)")
        #expect(error.exitCode == 2)
    }

    @Test func missingFileIsBadInput() throws {
        let error = try #require(throws: RunError.self) { try PointsCSV.read(path: "/nonexistent/points.csv") }
        #expect(error.exitCode == 2 && error.description.contains("no such file"))
    }

    // MARK: the library call of ganscope eval

    @Test func samplesOfTheTrueMixtureCaptureEveryMode() throws {
        let ring = try #require(Preset.ring8.target.mixture)
        var rng = RNG(seed: 42)
        let path = try Self.write(Self.csv(ring.sample(count: 2500, rng: &rng)))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let m = SampleEvaluation(target: ring, seed: 6789).evaluate(points: try PointsCSV.read(path: path))
        #expect(m.nSamples == 2500)
        #expect(m.modesCaptured == 8)
        #expect(abs(m.highQualityFraction - (1 - exp(-4.5))) < 0.01)
        #expect(m.reverseKL < 0.01)
        #expect(m.inceptionScore > 7.8 && m.inceptionScore <= 8)
        #expect(m.energyDistance < 0.01 && m.slicedWasserstein < 0.1 && m.mmdRBF < 0.01)
    }

    @Test func oneModeOnlyIsReportedAsCollapse() throws {
        let ring = try #require(Preset.ring8.target.mixture)
        let points = [Float]((0..<500).flatMap { i in [Float(ring.means[3][0]) + Float(i % 7) * 0.01, Float(ring.means[3][1])] })
        let m = SampleEvaluation(target: ring, seed: 1).evaluate(points: points)
        #expect(m.modesCaptured == 1)
        #expect(abs(m.reverseKL - log(8)) < 1e-9)
        #expect(m.modeHistogram[3] == 1)
    }

    @Test func theReferenceSetDependsOnlyOnTheSeed() {
        let mix = GaussianMixture.seed
        #expect(SampleEvaluation.referenceSamples(target: mix, seed: 7) == SampleEvaluation.referenceSamples(target: mix, seed: 7))
        #expect(SampleEvaluation.referenceSamples(target: mix, seed: 7) != SampleEvaluation.referenceSamples(target: mix, seed: 8))
        #expect(SampleEvaluation.referenceSamples(target: mix, seed: 7).count == 2 * SampleEvaluation.referenceCount)
    }

    @Test func jsonHasExactlyTheKeysOfTheIssue() throws {
        let m = SampleEvaluation(target: GaussianMixture.seed, seed: 1).evaluate(points: [0, 0, 1, 1, 0.1, 0.9])
        let text = try SampleEvaluation.json(m)
        #expect(!text.contains("\n"))
        #expect(text.hasPrefix("{\"coverage\":null,\"density\":null,\"energy_distance\":"), "keys sorted: \(text)")
        #expect(try SampleEvaluation.json(m) == text)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(Set(object.keys) == Set(TrainingMetricsTests.metricKeys))
        #expect(object["n_samples"] as? Int == 3)
        #expect((object["mode_histogram"] as? [Double])?.count == 2)
    }

    @Test func tableListsEveryMetricAligned() {
        let m = SampleEvaluation(target: GaussianMixture.seed, seed: 1).evaluate(points: [0, 0, 1, 1])
        let lines = SampleEvaluation.table(m, componentCount: 2).split(separator: "\n")
        #expect(lines.count == MixtureMetrics.CodingKeys.allCases.count)
        #expect(lines[1].hasPrefix("modes captured (modes_captured)") && lines[1].hasSuffix("2 / 2"))
        // Values start in one column.
        let starts = Set(lines.map { line in line.range(of: "  ", options: .backwards).map { line.distance(from: line.startIndex, to: $0.upperBound) } ?? -1 })
        #expect(starts.count == 1, "\(lines)")
    }

    // MARK: the built binary (optional)

    /// `.build/debug/ganscope` next to this package, if it has been built.
    static var binary: String? {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let candidates = [".build/debug/ganscope", ".build-eval/debug/ganscope"].map { root.appendingPathComponent($0).path }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    @Test(.enabled(if: binary != nil, "build ganscope first (swift build); the library call is tested above"))
    func binaryPrintsTheJSONAndExitsTwoOnBadInput() throws {
        let exe = try #require(Self.binary)
        func run(_ args: [String]) throws -> (code: Int32, out: String, err: String) {
            let p = Process(), out = Pipe(), err = Pipe()
            p.executableURL = URL(fileURLWithPath: exe)
            p.arguments = args
            p.standardOutput = out
            p.standardError = err
            try p.run()
            let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
            p.waitUntilExit()
            return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
        }
        var rng = RNG(seed: 5)
        let good = try Self.write(Self.csv(GaussianMixture.seed.sample(count: 1000, rng: &rng)))
        let bad = try Self.write("x,y\n1,2\n3,oops\n")
        defer { try? FileManager.default.removeItem(atPath: good); try? FileManager.default.removeItem(atPath: bad) }

        let ok = try run(["eval", "--samples", good, "--preset", "seed", "--json"])
        #expect(ok.code == 0, "\(ok.err)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(ok.out.utf8)) as? [String: Any])
        #expect(Set(object.keys) == Set(TrainingMetricsTests.metricKeys))
        #expect(object["modes_captured"] as? Int == 2 && object["n_samples"] as? Int == 1000)
        // The same numbers as the library call.
        let scorer = SampleEvaluation.forEval(target: GaussianMixture.seed, seed: 6789)
        #expect(scorer.reference.count == 2 * SampleEvaluation.evalReferenceCount)
        let direct = scorer.evaluate(points: try PointsCSV.read(path: good))
        let energy = try #require(object["energy_distance"] as? Double)
        #expect(abs(energy - direct.energyDistance) <= 1e-15 * direct.energyDistance)  // JSON parsing may round by an ulp

        let failed = try run(["eval", "--samples", bad, "--preset", "seed"])
        #expect(failed.code == 2)
        #expect(failed.err.contains(":3: y = 'oops' is not a number"), "\(failed.err)")
    }
}
