import Foundation
import Testing
@testable import GANCore
@testable import GANRun

@Suite("Configuration: presets, files, flags, validation")
struct ConfigTests {
    @Test func seedPresetHasTheSeedDefaults() throws {
        let c = try RunConfig.resolve()
        #expect(c.preset == .seed)
        #expect(c.ganType == .nsgan)
        #expect(c.modelName == "NSGAN")
        #expect(c.numZ == 256 && c.hiddenSize == 128 && c.batchSize == 512)
        #expect(c.learningRate == 0.0002 && c.beta1 == 0.5)
        #expect(c.numEpochs == 25000 && c.dispFreq == 5000 && c.animFreq == 1000 && c.fps == 5)
        #expect(c.randomSeed == 6789)
        #expect(c.mixCoeffs == [0.5, 0.5] && c.mean == [[0, 0], [1, 1]] && c.cov == [[0.1, 0.1], [0.1, 0.1]])
        #expect(c.xlim == .fixed(-3, 3) && c.ylim == .fixed(-4, 4))
        try c.validate()
    }

    @Test func ring8PresetUsesTheMinimaxObjective() throws {
        let c = try RunConfig.resolve(["preset": "ring8"])
        #expect(c.ganType == .gan && c.modelName == "GAN")
        #expect(c.mixCoeffs.count == 8)
    }

    @Test func flagsOverrideTheFileWhichOverridesThePreset() throws {
        let json = #"{"num_epochs": 300, "gan_type": "gan", "mix_coeffs": [0.25, 0.75], "xlim": "auto", "model_name": "Mine"}"#
        let file = try RunConfig.settings(from: Data(json.utf8), path: "c.json")
        let c = try RunConfig.resolve(file, ["num_epochs": 400])
        #expect(c.numEpochs == 400)
        #expect(c.ganType == .gan)
        #expect(c.modelName == "Mine")
        #expect(c.mixCoeffs == [0.25, 0.75])
        #expect(c.xlim == .auto)
        #expect(c.ylim == .fixed(-4, 4))
    }

    @Test func modelNameFollowsTheGanTypeUnlessGiven() throws {
        #expect(try RunConfig.resolve(["gan_type": "gan"]).modelName == "GAN")
        #expect(try RunConfig.resolve(["model_name": "Mine"], ["gan_type": "gan"]).modelName == "Mine")
    }

    @Test func effectiveConfigRoundTripsThroughItsOwnFile() throws {
        var c = RunConfig(preset: .ring8)
        c.numEpochs = 123
        c.xlim = .auto
        let text = try c.json()
        let back = try RunConfig.resolve(try RunConfig.settings(from: Data(text.utf8), path: "x"))
        #expect(back == c)
    }

    /// The keys are the property names as config.json writes them: a config with every
    /// optional setting given encodes exactly these keys.
    @Test func keysAreWhatConfigJSONWrites() throws {
        var c = RunConfig()
        (c.dLearningRate, c.gLearningRate, c.gActivation, c.dActivation) = (0.1, 0.1, .tanh, .tanh)
        (c.gHiddenSize, c.gHiddenLayers, c.dHiddenSize, c.dHiddenLayers) = (8, 1, 8, 1)
        c.data = "/data/points.csv"
        #expect(Set(try RunConfig.settings(of: c).keys) == Set(RunConfig.keys))
        #expect(RunConfig.keys.contains("num_epochs") && RunConfig.keys.contains("n_critic") && RunConfig.keys.contains("beta1"))
        #expect(try RunConfig.resolve(RunConfig.settings(of: c)) == c)
    }

    @Test func unknownKeyOrBadValueAmongTheSettingsIsRefused() {
        #expect(throws: RunError.self) { try RunConfig.resolve(["num_epoch": 10]) }
        #expect(throws: RunError.self) { try RunConfig.resolve(["num_epochs": "ten"]) }
    }

    /// The example configs and manifests still resolve to valid configs.
    @Test func examplesResolveAndValidate() throws {
        let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Examples/configs").standardized.path
        for name in ["ring8.json", "custom-mixture.json"] {
            try RunConfig.resolve(RunConfig.settings(fromFile: examples + "/" + name)).validate()
        }
        for name in ["compare-ring8.json", "compare/gan-vs-wgangp.json"] {
            let runs = try CompareManifest.load(path: examples + "/" + name).expand(resultDir: "R")
            #expect(runs.count >= 6)
            for run in runs { try run.config.validate() }
        }
    }

    @Test func unknownKeyIsRejectedWithASuggestion() {
        let json = #"{"num_epoch": 10}"#
        #expect {
            try RunConfig.settings(from: Data(json.utf8), path: "c.json")
        } throws: { error in
            let text = "\(error)"
            return text.contains("unknown key 'num_epoch'") && text.contains("did you mean 'num_epochs'")
        }
    }

    @Test func badPresetInFileNamesTheAcceptedValues() {
        let json = #"{"preset": "ring9"}"#
        #expect {
            try RunConfig.settings(from: Data(json.utf8), path: "c.json")
        } throws: { error in "\(error)".contains("seed, ring8") }
    }

    struct BadSetting: Sendable, CustomTestStringConvertible {
        let field: String
        let apply: @Sendable (inout RunConfig) -> Void
        var testDescription: String { field }
    }

    static let badSettings: [BadSetting] = [
        BadSetting(field: "num_epochs") { $0.numEpochs = 0 },
        BadSetting(field: "batch_size") { $0.batchSize = -5 },
        BadSetting(field: "learning_rate") { $0.learningRate = .nan },
        BadSetting(field: "learning_rate") { $0.learningRate = 0 },
        BadSetting(field: "beta1") { $0.beta1 = 1 },
        BadSetting(field: "model_name") { $0.modelName = "../evil" },
        BadSetting(field: "model_name") { $0.modelName = "" },
        BadSetting(field: "mix_coeffs") { $0.mixCoeffs = [0.5, 0.4] },
        BadSetting(field: "mix_coeffs") { $0.mixCoeffs = [-0.5, 1.5] },
        BadSetting(field: "mean") { $0.mean = [[0, 0]] },
        BadSetting(field: "cov") { $0.cov = [[0.1, 0], [0.1, 0.1]] },
    ]

    @Test(arguments: badSettings)
    func invalidSettingsNameTheirField(_ bad: BadSetting) {
        var c = RunConfig()
        bad.apply(&c)
        #expect {
            try c.validate()
        } throws: { error in
            guard let e = error as? RunError, case let .invalid(f, _, accepted) = e else { return false }
            return f == bad.field && !accepted.isEmpty && e.exitCode == 2
        }
    }

    @Test func listParsing() throws {
        #expect(try ListParsing.numbers("0.5, 0.5", field: "--mix-coeffs") == [0.5, 0.5])
        #expect(try ListParsing.pairs("0,0;1,1", field: "--mean") == [[0, 0], [1, 1]])
        #expect(throws: RunError.self) { try ListParsing.pairs("0,0;1", field: "--mean") }
        #expect(throws: RunError.self) { try ListParsing.numbers("0.5,abc", field: "--mix-coeffs") }
        #expect(throws: RunError.self) { try ListParsing.numbers("0.5,inf", field: "--mix-coeffs") }
        #expect(try AxisLimits.parse("-3,3", field: "--xlim") == .fixed(-3, 3))
        #expect(try AxisLimits.parse("auto", field: "--xlim") == .auto)
        #expect(throws: RunError.self) { try AxisLimits.parse("3,-3", field: "--xlim") }
    }

    @Test func layoutUsesTheSeedsFileNames() {
        let l = RunLayout(resultDir: "R", modelName: "GAN")
        #expect(l.snapshot(step: 5000) == "R/GAN/_5000.png")
        #expect(l.animationFrame(index: 7) == "R/GAN_epoch007.png")
        #expect(l.gif == "R/GAN_generate_animation.gif")
        #expect(l.lossesCSV == "R/GAN/losses.csv")
    }

    @Test func suggestionDistance() {
        #expect(Suggestion.distance("kitten", "sitting") == 3)
        #expect(Suggestion.closest(to: "disp_frq", in: RunConfig.keys) == "disp_freq")
        #expect(Suggestion.closest(to: "zzzzzzzz", in: RunConfig.keys) == nil)
    }
}
