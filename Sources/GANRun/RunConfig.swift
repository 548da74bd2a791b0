import Foundation
import GANCore

/// Every effective setting of a training run. Written to `R/M/config.json`, so a run can
/// be repeated with `ganscope train --config R/M/config.json`. Keys are the seed's own
/// parameter names in snake_case.
public struct RunConfig: Codable, Equatable, Sendable {
    public var preset: Preset = .seed
    public var ganType: GANObjective = .nsgan
    public var numZ = 256
    public var hiddenSize = 128
    public var hiddenLayers = 2
    public var batchSize = 512
    public var learningRate = 0.0002
    public var beta1 = 0.5
    public var beta2 = 0.999
    public var numEpochs = 25000
    public var dispFreq = 5000
    public var animFreq = 1000
    public var lossFreq = 1
    public var fps = 5
    public var frameSamples = 1000
    public var evalFreq = 500
    public var evalSamples = 2500
    public var resultDir = "results"
    public var modelName = "NSGAN"
    public var randomSeed: UInt64 = 6789
    public var mixCoeffs: [Double] = GaussianMixture.seed.weights
    public var mean: [[Double]] = GaussianMixture.seed.means
    public var cov: [[Double]] = GaussianMixture.seed.variances
    public var xlim: AxisLimits = .fixed(-3, 3)
    public var ylim: AxisLimits = .fixed(-4, 4)
    // Issue 4: objectives, penalties, optimizers, architecture (RunConfig+Variants.swift).
    public var clip = 0.02
    public var gpWeight = 0.1
    public var alpha = 1.0
    public var beta = 1.0
    public var r1 = 0.0
    public var r2 = 0.0
    public var pack = 1
    public var nCritic = 1
    public var optimizer: OptimizerKind = .adam
    public var epsilon = 1e-8
    public var momentum = 0.9
    public var dLearningRate: Double? = nil
    public var gLearningRate: Double? = nil
    public var gHiddenSize: Int? = nil
    public var gHiddenLayers: Int? = nil
    public var dHiddenSize: Int? = nil
    public var dHiddenLayers: Int? = nil
    public var activation: Activation = .relu
    public var gActivation: Activation? = nil
    public var dActivation: Activation? = nil
    public var latent: LatentDistribution = .normal
    // Issue 5: frame layers and layout (RunConfig+Layers.swift).
    public var layers: [FrameLayer] = [.samples]
    public var heatmapRes = 128
    public var scale = 1
    public var colorByMode = false
    public var layout: FrameLayout = .single

    public init() {}

    /// The defaults of a preset (its mixture, objective, view and model name).
    public init(preset: Preset) {
        self.preset = preset
        ganType = preset.defaultObjective
        modelName = ganType.defaultModelName
        if let m = preset.target.mixture {
            mixCoeffs = m.weights
            mean = m.means
            cov = m.variances
        } else {
            (mixCoeffs, mean, cov) = ([], [], [])   // not a mixture: see target()
        }
        (xlim, ylim) = preset.defaultLimits
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case preset, ganType = "gan_type", numZ = "num_z", hiddenSize = "hidden_size"
        case hiddenLayers = "hidden_layers", batchSize = "batch_size", learningRate = "learning_rate"
        case beta1, beta2, numEpochs = "num_epochs", dispFreq = "disp_freq", animFreq = "anim_freq"
        case lossFreq = "loss_freq", fps, frameSamples = "frame_samples", evalFreq = "eval_freq"
        case evalSamples = "eval_samples", resultDir = "result_dir"
        case modelName = "model_name", randomSeed = "random_seed", mixCoeffs = "mix_coeffs"
        case mean, cov, xlim, ylim
        case clip, gpWeight = "gp_weight", alpha, beta, r1, r2, pack, nCritic = "n_critic", optimizer, epsilon
        case momentum, dLearningRate = "d_learning_rate", gLearningRate = "g_learning_rate"
        case gHiddenSize = "g_hidden_size", gHiddenLayers = "g_hidden_layers", dHiddenSize = "d_hidden_size"
        case dHiddenLayers = "d_hidden_layers", activation, gActivation = "g_activation", dActivation = "d_activation", latent
        case layers, heatmapRes = "heatmap_res", scale, colorByMode = "color_by_mode", layout
    }

    /// The config-file keys, in declaration order.
    public static var keys: [String] { CodingKeys.allCases.map(\.rawValue) }

    /// The target distribution, validated.
    public func mixture() throws -> GaussianMixture {
        do {
            return try GaussianMixture(weights: mixCoeffs, means: mean, variances: cov)
        } catch let e as MixtureError {
            throw RunError.invalid(field: e.field, value: e.valueText, accepted: e.acceptedText)
        }
    }

    /// The numeric core's settings for this run.
    public var trainingSettings: TrainingSettings {
        var s = TrainingSettings()
        s.numZ = numZ
        s.hiddenSize = hiddenSize
        s.hiddenLayers = hiddenLayers
        s.batchSize = batchSize
        s.learningRate = Float(learningRate)
        s.beta1 = Float(beta1)
        s.beta2 = Float(beta2)
        s.objective = ganType
        s.randomSeed = randomSeed
        applyVariants(to: &s)
        return s
    }

    /// Checks every setting; throws ``RunError/invalid(field:value:accepted:)`` naming the
    /// first bad one. Nothing is written before this passes.
    public func validate() throws {
        func positive(_ v: Int, _ key: String, max: Int) throws {
            guard v > 0 && v <= max else {
                throw RunError.invalid(field: key, value: "\(v)", accepted: "a whole number from 1 to \(max)")
            }
        }
        try positive(numZ, "num_z", max: 65_536)
        try positive(hiddenSize, "hidden_size", max: 65_536)
        guard (0...16).contains(hiddenLayers) else {
            throw RunError.invalid(field: "hidden_layers", value: "\(hiddenLayers)", accepted: "a whole number from 0 to 16")
        }
        try positive(batchSize, "batch_size", max: 1_000_000)
        try positive(numEpochs, "num_epochs", max: 100_000_000)
        try positive(dispFreq, "disp_freq", max: 100_000_000)
        try positive(animFreq, "anim_freq", max: 100_000_000)
        try positive(lossFreq, "loss_freq", max: 100_000_000)
        try positive(fps, "fps", max: 100)
        try positive(frameSamples, "frame_samples", max: 1_000_000)
        try positive(evalFreq, "eval_freq", max: 100_000_000)
        try positive(evalSamples, "eval_samples", max: 1_000_000)
        guard numEpochs / animFreq <= 5000 else {
            throw RunError.invalid(field: "anim_freq", value: "\(animFreq)",
                                   accepted: "at most 5000 animation frames per run: anim_freq ≥ num_epochs/5000 = \((numEpochs + 4999) / 5000)")
        }
        guard learningRate.isFinite && learningRate > 0 && learningRate < 10 else {
            throw RunError.invalid(field: "learning_rate", value: "\(learningRate)", accepted: "a finite number > 0 and < 10")
        }
        for (v, key) in [(beta1, "beta1"), (beta2, "beta2")] where !(v.isFinite && v >= 0 && v < 1) {
            throw RunError.invalid(field: key, value: "\(v)", accepted: "a number in [0, 1)")
        }
        try Self.validateName(modelName)
        guard !resultDir.isEmpty else {
            throw RunError.invalid(field: "result_dir", value: "", accepted: "a directory path")
        }
        try validateVariants()
        try validateLayers()
        try validateMemory()   // RunConfig+Checks.swift: the estimate against MemAvailable
    }

    /// A model name becomes file names: no path separators, no `..`, not empty.
    public static func validateName(_ name: String) throws {
        let bad = name.isEmpty || name.contains("/") || name.contains("\\") || name.contains("..")
            || name.hasPrefix(".") || name.contains("\0") || name.utf8.count > 128
        if bad {
            throw RunError.invalid(field: "model_name", value: name,
                                   accepted: "1–128 characters without '/', '\\', '..' or a leading '.'")
        }
    }
}

extension MixtureError {
    /// The config key this error is about.
    var field: String {
        switch self {
        case .empty, .badWeight, .weightSum: return "mix_coeffs"
        case let .countMismatch(f, _, _), let .dimension(f, _, _), let .notFinite(f, _): return f
        case .badVariance: return "cov"
        }
    }
    var valueText: String {
        switch self {
        case let .badWeight(i, v): return "weight \(i) = \(v)"
        case let .weightSum(s): return "sum \(s)"
        case let .countMismatch(_, e, g): return "\(g) entries, but mix_coeffs has \(e) weights (a preset's lists are replaced only by the ones you give)"
        case let .dimension(_, i, g): return "entry \(i) has \(g) numbers"
        case let .notFinite(_, i): return "entry \(i)"
        case let .badVariance(i, v): return "entry \(i) = \(v)"
        case .empty: return "[]"
        }
    }
    var acceptedText: String {
        switch field {
        case "mix_coeffs": return "finite weights ≥ 0, one per component, summing to 1 (±\(GaussianMixture.weightSumTolerance)); or pass --normalize to divide them by their sum"
        case "mean": return "one finite x,y pair per component, e.g. \"0,0;1,1\""
        default: return "one pair of finite variances > 0 per component, e.g. \"0.1,0.1;0.1,0.1\""
        }
    }
}
