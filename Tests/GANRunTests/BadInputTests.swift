import Foundation
import Testing
@testable import GANCore
@testable import GANRun

/// Issue 7, bad input: every class of bad setting names its field, maps to exit code 2 and
/// leaves the result directory untouched (it does not even exist afterwards).
@Suite("Bad input: field named, exit code 2, nothing written")
struct BadInputTests {
    static func tiny(_ dir: String) -> RunConfig {
        var c = RunConfig(preset: .seed)
        c.resultDir = dir
        c.numEpochs = 20; c.numZ = 4; c.hiddenSize = 16; c.batchSize = 32
        c.dispFreq = 20; c.animFreq = 10; c.frameSamples = 50; c.evalFreq = 1000; c.evalSamples = 50
        return c
    }

    static func tempDir() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("ganscope-bad-\(UUID().uuidString)").path
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let field: String
        let apply: @Sendable (inout RunConfig) -> Void
        var testDescription: String { field }
    }

    static let cases: [Case] = [
        Case(field: "mix_coeffs") { $0.mixCoeffs = [0.5, 0.4] },                 // sum off by more than 1e-6
        Case(field: "mix_coeffs") { $0.mixCoeffs = [-0.5, 1.5] },
        Case(field: "mix_coeffs") { $0.mixCoeffs = [.nan, 1] },
        Case(field: "mean") { $0.mean = [[0, 0], [1, 1, 1]] },                  // wrong dimension
        Case(field: "mean") { $0.mean = [[0, 0]] },                             // wrong count
        Case(field: "cov") { $0.cov = [[0.1, 0.1], [0.1, 0]] },                 // variance ≤ 0
        Case(field: "num_z") { $0.numZ = 0 },
        Case(field: "hidden_size") { $0.hiddenSize = -1 },
        Case(field: "batch_size") { $0.batchSize = 1_000_000; $0.numZ = 65_536 },  // ≈1 TB: beyond any MemAvailable
        Case(field: "anim_freq") { $0.animFreq = 0 },
        Case(field: "anim_freq") { $0.numEpochs = 100_000; $0.animFreq = 1 },  // more than 5000 frames
        Case(field: "eval_freq") { $0.evalFreq = -3 },
        Case(field: "learning_rate") { $0.learningRate = 0 },
        Case(field: "learning_rate") { $0.learningRate = .infinity },
        Case(field: "d_learning_rate") { $0.dLearningRate = -1 },
        Case(field: "model_name") { $0.modelName = "a/b" },
        Case(field: "model_name") { $0.modelName = ".." },
        Case(field: "model_name") { $0.modelName = "" },
        Case(field: "model_name") { $0.modelName = "x\\y" },
        Case(field: "pack") { $0.pack = 3 },                                    // does not divide batch_size 32
    ]

    @Test(arguments: cases)
    func rejectedBeforeAnythingIsWritten(_ bad: Case) throws {
        let dir = Self.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var c = Self.tiny(dir)
        bad.apply(&c)
        #expect {
            try Experiment(config: c).run()
        } throws: { error in
            guard let e = error as? RunError, case let .invalid(field, _, accepted) = e else { return false }
            return field == bad.field && !accepted.isEmpty && e.exitCode == 2 && e.description.contains(bad.field)
        }
        #expect(!FileManager.default.fileExists(atPath: dir), "\(dir) was created")
    }

    @Test func weightSumMessageStatesTheToleranceAndOffersNormalize() throws {
        var c = Self.tiny(Self.tempDir())
        c.mixCoeffs = [1, 3]
        let e = try #require(throws: RunError.self) { try c.validate() }
        #expect(e.description.contains("±1e-06") && e.description.contains("--normalize"), "\(e)")
    }

    @Test func normalizeDividesByTheSumAndRefusesWhatCannotBeNormalized() throws {
        var c = Self.tiny(Self.tempDir())
        c.mixCoeffs = [1, 3]
        try c.normalizeWeights()
        #expect(c.mixCoeffs == [0.25, 0.75])
        try c.validate()
        for bad: [Double] in [[0, 0], [-1, 2], [.nan, 1], [.infinity, 1]] {
            c.mixCoeffs = bad
            let e = try #require(throws: RunError.self) { try c.normalizeWeights() }
            guard case let .invalid(field, _, _) = e else { Issue.record("\(e)"); continue }
            #expect(field == "mix_coeffs" && e.exitCode == 2)
        }
    }

    @Test func memoryIsCheckedAgainstWhatIsAvailable() throws {
        let c = Self.tiny(Self.tempDir())
        #expect(c.estimatedBytes > 0)
        try c.validateMemory(available: 1e10)
        let e = try #require(throws: RunError.self) { try c.validateMemory(available: 1000) }
        #expect(e.description.contains("batch_size") && e.description.contains("GB"), "\(e)")
        #expect(RunConfig.availableMemoryBytes() ?? 1 > 0)
    }

    @Test func frequenciesBeyondTheRunAreWarnings() throws {
        var c = Self.tiny(Self.tempDir())
        #expect(c.warnings.isEmpty)
        c.animFreq = 50; c.dispFreq = 5000; c.lossFreq = 40
        try c.validate()   // valid: warned about, not refused
        let w = c.warnings.joined(separator: "\n")
        #expect(w.contains("anim_freq 50 > num_epochs 20") && w.contains("disp_freq") && w.contains("loss_freq"))
    }

    @Test func unwritableResultDirectoryIsNamed() throws {
        // A path below a regular file can never be created (even by root).
        let file = Self.tempDir()
        try Data("x".utf8).write(to: URL(fileURLWithPath: file))
        defer { try? FileManager.default.removeItem(atPath: file) }
        let c = Self.tiny(file + "/R")
        let e = try #require(throws: RunError.self) { try Experiment(config: c).run() }
        guard case let .invalid(field, value, accepted) = e else { Issue.record("\(e)"); return }
        #expect(field == "result_dir" && value == file + "/R" && accepted.contains("is a file") && e.exitCode == 2)
    }

    @Test func checkpointFrequencyIsValidated() throws {
        let dir = Self.tempDir()
        let e = try #require(throws: RunError.self) {
            try Experiment(config: Self.tiny(dir)).run(control: RunControl(checkpointFrequency: -1))
        }
        guard case let .invalid(field, _, _) = e else { Issue.record("\(e)"); return }
        #expect(field == "checkpoint_freq" && e.exitCode == 2)
        #expect(!FileManager.default.fileExists(atPath: dir))
    }

    @Test(arguments: [
        (#"{"gan_type": "wgn"}"#, "wgan-gp"),                  // names the accepted values
        (#"{"preset": "ring9"}"#, "ring8"),
        (#"{"activation": "relux"}"#, "leaky-relu"),
        (#"{"num_z": "abc"}"#, "num_z"),                       // wrong type, field named
        (#"{"num_z": 1.5}"#, "num_z"),
        (#"{"mix_coeffs": [0.5, "a"]}"#, "mix_coeffs"),
        (#"{"xlim": [3, -3]}"#, "xlim"),
        (#"{"hiden_size": 3}"#, "did you mean 'hidden_size'"),
        (#"[1, 2]"#, "top level"),
        (#"{"num_z": 8,"#, "not valid JSON"),
    ])
    func badJSONNamesTheProblem(_ json: String, _ needle: String) throws {
        let e = try #require(throws: RunError.self) { try RunConfig.settings(from: Data(json.utf8), path: "c.json") }
        #expect(e.exitCode == 2 && e.description.contains(needle), "\(e)")
    }

    @Test(arguments: ["0.5,", "0.5;0.5", "nan,1", "1e999,1", "", " , ", "1..2,1", "1,2,3;4", "½,1"])
    func malformedListsAreRejected(_ text: String) throws {
        #expect(throws: RunError.self) {
            let n = try ListParsing.numbers(text, field: "--mix-coeffs")
            _ = try ListParsing.pairs(text, field: "--mean")
            _ = n
        }
    }

    @Test func badEvalCSVRowsNameTheirLine() throws {
        let e = try #require(throws: RunError.self) {
            try PointsCSV.parse(bytes: Array("x,y\n1,2\n\n# c\n3,4,5\n".utf8), path: "p.csv")
        }
        #expect(e.description.hasPrefix("p.csv:5: ") && e.exitCode == 2, "\(e)")
    }
}
