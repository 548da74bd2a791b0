import Foundation
import Testing
@testable import GANCore
@testable import GANRender
@testable import GANRun

/// Every gan type and the non-mixture datasets end to end (tiny networks, few steps), and
/// the validation of the variant settings.
@Suite("Variants: short runs and validation", .serialized)
struct VariantRunTests {
    static func config(_ dir: String, preset: Preset = .ring8, type: GANObjective) -> RunConfig {
        var c = RunConfig(preset: preset)
        c.resultDir = dir
        c.ganType = type
        c.modelName = type.defaultModelName
        c.numEpochs = 60; c.numZ = 4; c.hiddenSize = 16; c.batchSize = 32
        c.dispFreq = 60; c.animFreq = 30; c.frameSamples = 100; c.evalFreq = 30; c.evalSamples = 200
        return c
    }

    static func tempDir() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("ganscope-variants-\(UUID().uuidString)").path
    }

    @Test("a short run ends finite and writes its frames", arguments: GANObjective.allCases)
    func shortRun(_ type: GANObjective) throws {
        let dir = Self.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var c = Self.config(dir, type: type)
        if type == .nsgan { c.r1 = 1; c.pack = 2 }
        let summary = try Experiment(config: c).run()
        #expect(summary.finalDLoss.isFinite && summary.finalGLoss.isFinite)
        #expect(summary.frames == 2)
        let l = RunLayout(resultDir: dir, modelName: c.modelName)
        #expect(!FileManager.default.fileExists(atPath: l.animationFrame(index: 0)))
        for i in 1...2 {
            let bytes = try #require(FileManager.default.contents(atPath: l.animationFrame(index: i)))
            #expect(try Canvas.decodePNG([UInt8](bytes)).width == 800)
        }
        let samples = String(decoding: try #require(FileManager.default.contents(atPath: l.samplesCSV)), as: UTF8.self)
        #expect(!samples.contains("nan") && !samples.contains("inf"))
    }

    /// A dataset that is not a mixture: mixture metrics are null in JSON, distances are numbers.
    @Test("non-mixture dataset: distances only", arguments: [Preset.swissroll, .checkerboard])
    func nonMixture(_ preset: Preset) throws {
        let dir = Self.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let c = Self.config(dir, preset: preset, type: .wganGP)
        #expect(c.mixCoeffs.isEmpty && c.xlim == .fixed(-2.5, 2.5))
        try Experiment(config: c).run()
        let l = RunLayout(resultDir: dir, modelName: "WGAN-GP")
        let json = try JSONSerialization.jsonObject(with: try #require(FileManager.default.contents(atPath: l.summaryJSON))) as? [String: Any]
        let m = try #require(json?["metrics"] as? [String: Any])
        #expect(m["modes_captured"] is NSNull && m["high_quality_fraction"] is NSNull && m["inception_score"] is NSNull)
        #expect((m["sliced_wasserstein"] as? Double).map { $0.isFinite && $0 > 0 } == true)
        #expect(!FileManager.default.fileExists(atPath: l.modeHistogramChart))
    }

    @Test func newPresetsAndConfigRoundTrip() throws {
        #expect(RunConfig(preset: .grid25).mixCoeffs.count == 25)
        #expect(RunConfig(preset: .ring8VEEGAN).cov.allSatisfy { $0 == [1e-4, 1e-4] })
        var c = RunConfig(preset: .seed)
        c.ganType = .d2gan; c.alpha = 0.5; c.optimizer = .sgd; c.gHiddenSize = 64; c.dActivation = .tanh; c.latent = .uniform
        let data = Data(try c.json().utf8)
        let back = try RunConfig.resolve(try RunConfig.settings(from: data, path: "c.json"))
        #expect(back == c)
        let s = back.trainingSettings
        #expect(s.generatorSizes == [256, 64, 64, 2] && s.discriminatorActivation == .tanh && s.generatorActivation == .relu)
        #expect(s.optimizer == .sgd && s.alpha == 0.5 && s.latent == .uniform)
    }

    struct Bad: CustomTestStringConvertible, Sendable {
        let field: String, edit: @Sendable (inout RunConfig) -> Void
        var testDescription: String { field }
    }
    static let bad: [Bad] = [
        Bad(field: "pack") { $0.pack = 3 },          // 512 % 3 ≠ 0
        Bad(field: "clip") { $0.clip = 0 },
        Bad(field: "gp_weight") { $0.gpWeight = -1 },
        Bad(field: "r1") { $0.r1 = .nan },
        Bad(field: "n_critic") { $0.nCritic = 0 },
        Bad(field: "momentum") { $0.momentum = 1 },
        Bad(field: "d_learning_rate") { $0.dLearningRate = 0 },
        Bad(field: "g_hidden_layers") { $0.gHiddenLayers = 17 },
        Bad(field: "activation") { $0.activation = .identity },
        Bad(field: "alpha") { $0.alpha = 0 },
    ]

    @Test("invalid settings name their field", arguments: bad)
    func invalid(_ b: Bad) {
        var c = RunConfig()
        b.edit(&c)
        #expect {
            try c.validate()
        } throws: { e in
            guard case let .invalid(field, _, accepted)? = e as? RunError else { return false }
            return field == b.field && !accepted.isEmpty && (e as! RunError).exitCode == 2
        }
    }

    @Test func mixtureKeysWithADatasetPresetAreRejected() throws {
        var c = RunConfig(preset: .twoMoons)
        c.mean = [[0, 0]]
        #expect(throws: RunError.self) { try c.validate() }
        let bad = Data(#"{"optimizer": "adagrad"}"#.utf8)
        #expect {
            try RunConfig.settings(from: bad, path: "x.json")
        } throws: { e in "\(e)".contains("adam, rmsprop, sgd") }
    }
}
