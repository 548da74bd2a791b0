import Foundation
import GANCore

/// Every setting of a training run, declared once: the property's name is the config key
/// (in snake_case, as in `R/M/config.json`) and the flag of `ganscope train` (in kebab case),
/// its initial value the default. A config resolves as the preset's defaults, then a config
/// file, then the flags (``resolve(_:)``); ``validate()`` holds the accepted ranges.
/// `R/M/config.json` (``json()``) repeats a run with `ganscope train --config R/M/config.json`.
public struct RunConfig: Codable, Equatable, Sendable {
    // The seed's settings.
    public var preset: Preset = .seed
    /// The user's own target instead of the preset's: a CSV of points or a picture
    /// (``DataFile``); an absolute path once resolved.
    public var data: String? = nil
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
    public var initialFrame = false
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
    // Objectives, penalties, optimizers, architecture (docs/variants.md); nil: as the shared setting.
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
    // Frame layers and layout (docs/visual-layers.md).
    public var layers: [FrameLayer] = [.samples]
    public var heatmapRes = 128
    public var scale = 1
    public var colorByMode = false
    public var layout: FrameLayout = .single

    public init() {}

    /// The defaults of a preset (its mixture, objective, view and model name); with `data`,
    /// no mixture and limits fitted to the data.
    public init(preset: Preset, data: String? = nil) {
        self.preset = preset
        self.data = data
        ganType = preset.defaultObjective
        modelName = ganType.defaultModelName
        if let m = preset.target.mixture, data == nil {
            (mixCoeffs, mean, cov) = (m.weights, m.means, m.variances)
        } else {
            (mixCoeffs, mean, cov) = ([], [], [])   // not a mixture: see target()
        }
        (xlim, ylim) = data == nil ? preset.defaultLimits : (.auto, .auto)
    }

    /// The target distribution: the `data` file, the preset's dataset, or the (possibly
    /// custom) mixture. `data` and a non-mixture preset take no `mix_coeffs`, `mean` or `cov`.
    public func target() throws -> any TargetDistribution {
        if let data {
            for (key, empty) in [("mix_coeffs", mixCoeffs.isEmpty), ("mean", mean.isEmpty), ("cov", cov.isEmpty)] where !empty {
                throw RunError.invalid(field: key, value: "given with data \(data)",
                                       accepted: "no mixture settings with data: the file is the target")
            }
            return try DataFile.load(path: data)
        }
        guard let toy = preset.toyDataset else { return try mixture() }
        for (key, empty) in [("mix_coeffs", mixCoeffs.isEmpty), ("mean", mean.isEmpty), ("cov", cov.isEmpty)] where !empty {
            throw RunError.invalid(field: key, value: "given with preset \(preset.rawValue)",
                                   accepted: "no mixture settings for \(preset.rawValue), which is not a Gaussian mixture; custom mixtures start from a mixture preset (seed, ring8, ring8-veegan, grid25)")
        }
        return toy
    }

    /// The Gaussian mixture of `mix_coeffs`, `mean` and `cov`, validated.
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
        (s.numZ, s.hiddenSize, s.hiddenLayers, s.batchSize) = (numZ, hiddenSize, hiddenLayers, batchSize)
        (s.learningRate, s.beta1, s.beta2) = (Float(learningRate), Float(beta1), Float(beta2))
        (s.objective, s.randomSeed, s.latent, s.optimizer) = (ganType, randomSeed, latent, optimizer)
        (s.generatorHiddenSize, s.generatorHiddenLayers) = (gHiddenSize, gHiddenLayers)
        (s.discriminatorHiddenSize, s.discriminatorHiddenLayers) = (dHiddenSize, dHiddenLayers)
        (s.generatorActivation, s.discriminatorActivation) = (gActivation ?? activation, dActivation ?? activation)
        (s.generatorLearningRate, s.discriminatorLearningRate) = (gLearningRate.map(Float.init), dLearningRate.map(Float.init))
        (s.epsilon, s.momentum, s.clip, s.gpWeight) = (Float(epsilon), Float(momentum), Float(clip), Float(gpWeight))
        (s.alpha, s.beta, s.r1, s.r2) = (Float(alpha), Float(beta), Float(r1), Float(r2))
        (s.pack, s.nCritic) = (pack, nCritic)
        return s
    }

    /// `--normalize`: divides `mix_coeffs` by their sum, so weights like `1,3` mean
    /// `0.25,0.75`. The weights must be finite and ≥ 0 with a sum > 0 (and at most 1e300,
    /// so the division is exact enough); otherwise ``RunError/invalid(field:value:accepted:)``.
    public mutating func normalizeWeights() throws {
        guard !mixCoeffs.isEmpty else { return }   // a dataset preset: nothing to normalize
        let sum = mixCoeffs.reduce(0, +)
        guard mixCoeffs.allSatisfy({ $0.isFinite && $0 >= 0 }), sum > 0, sum.isFinite else {
            throw RunError.invalid(field: "mix_coeffs", value: mixCoeffs.map { "\($0)" }.joined(separator: ","),
                                   accepted: "with --normalize: finite weights ≥ 0 with a positive, finite sum")
        }
        mixCoeffs = mixCoeffs.map { $0 / sum }
    }
}
