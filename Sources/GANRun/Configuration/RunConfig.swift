import Foundation
import GANCore

/// Every setting of a training run, declared once: the property's name is the config key
/// (in snake_case, as in `R/M/config.json`) and the flag of `ganscope train` (in kebab case),
/// its initial value the default. A config resolves as the preset's defaults, then a config
/// file, then the flags (``resolve(_:)``); ``validate()`` holds the accepted ranges.
/// `R/M/config.json` (``json()``) repeats a run with `ganscope train --config R/M/config.json`.
public struct RunConfig: Codable, Equatable, Sendable {
    // The seed's settings.
    /// The preset whose defaults the other settings start from.
    public var preset: Preset = .seed
    /// The user's own target instead of the preset's: a CSV of points or a picture
    /// (``DataFile``); an absolute path once resolved.
    public var data: String? = nil
    /// The objective (`gan_type`).
    public var ganType: GANObjective = .nsgan
    /// Latent dimension of G's input (`num_z`).
    public var numZ = 256
    /// Width of every hidden layer (`hidden_size`).
    public var hiddenSize = 128
    /// Hidden layers of G and of D (`hidden_layers`).
    public var hiddenLayers = 2
    /// Real and generated samples per step (`batch_size`).
    public var batchSize = 512
    /// Step size of both optimizers (`learning_rate`).
    public var learningRate = 0.0002
    /// Adam's β1.
    public var beta1 = 0.5
    /// Adam's β2.
    public var beta2 = 0.999
    /// Training steps (`num_epochs`, the seed's name for steps).
    public var numEpochs = 25000
    /// Steps between snapshots `R/M/_<step>.png` (`disp_freq`).
    public var dispFreq = 5000
    /// Steps between animation frames (`anim_freq`).
    public var animFreq = 1000
    /// Steps between rows of `losses.csv` (`loss_freq`).
    public var lossFreq = 1
    /// Frames per second of the GIF.
    public var fps = 5
    /// Whether the animation starts with the untrained generator's frame, step 0.
    public var initialFrame = false
    /// Real and generated points per frame (`frame_samples`).
    public var frameSamples = 1000
    /// Steps between evaluations of the metrics (`eval_freq`).
    public var evalFreq = 500
    /// Generated points per evaluation (`eval_samples`).
    public var evalSamples = 2500
    /// R, the directory of every output (`result_dir`).
    public var resultDir = "results"
    /// M, the run's name in file names (`model_name`).
    public var modelName = "NSGAN"
    /// Seed of every random draw (`random_seed`).
    public var randomSeed: UInt64 = 6789
    /// Mixture weights π_k (`mix_coeffs`).
    public var mixCoeffs: [Double] = GaussianMixture.seed.weights
    /// Mixture means, `[x, y]` per component.
    public var mean: [[Double]] = GaussianMixture.seed.means
    /// Mixture variances, `[σ²_x, σ²_y]` per component.
    public var cov: [[Double]] = GaussianMixture.seed.variances
    /// The frames' view along x, or `auto`.
    public var xlim: AxisLimits = .fixed(-3, 3)
    /// The frames' view along y, or `auto`.
    public var ylim: AxisLimits = .fixed(-4, 4)
    // Objectives, penalties, optimizers, architecture (docs/variants.md); nil: as the shared setting.
    /// WGAN's weight clipping bound c.
    public var clip = 0.02
    /// WGAN-GP's penalty weight λ (`gp_weight`).
    public var gpWeight = 0.1
    /// D2GAN's α.
    public var alpha = 1.0
    /// D2GAN's β.
    public var beta = 1.0
    /// R1 penalty weight γ on real samples; 0 = off.
    public var r1 = 0.0
    /// R2 penalty weight γ on generated samples; 0 = off.
    public var r2 = 0.0
    /// PacGAN packing m: D sees m samples at once.
    public var pack = 1
    /// D updates per G update (`n_critic`).
    public var nCritic = 1
    /// Unrolled GAN: D updates G looks ahead (`unrolled_steps`); 0 = off.
    public var unrolledSteps = 0
    /// The optimizer of both networks.
    public var optimizer: OptimizerKind = .adam
    /// Adam's and RMSProp's ε.
    public var epsilon = 1e-8
    /// SGD's momentum μ.
    public var momentum = 0.9
    /// D's step size; `nil`: ``learningRate``.
    public var dLearningRate: Double? = nil
    /// G's step size; `nil`: ``learningRate``.
    public var gLearningRate: Double? = nil
    /// G's hidden width; `nil`: ``hiddenSize``.
    public var gHiddenSize: Int? = nil
    /// G's hidden layers; `nil`: ``hiddenLayers``.
    public var gHiddenLayers: Int? = nil
    /// D's hidden width; `nil`: ``hiddenSize``.
    public var dHiddenSize: Int? = nil
    /// D's hidden layers; `nil`: ``hiddenLayers``.
    public var dHiddenLayers: Int? = nil
    /// Hidden activation of both networks.
    public var activation: Activation = .relu
    /// G's hidden activation; `nil`: ``activation``.
    public var gActivation: Activation? = nil
    /// D's hidden activation; `nil`: ``activation``.
    public var dActivation: Activation? = nil
    /// Distribution of G's input z.
    public var latent: LatentDistribution = .normal
    /// How G's and D's initial weights are drawn.
    public var weightInit: WeightInitialization = .normal
    // Frame layers and layout (docs/visual-layers.md).
    /// The built-in layers of every frame.
    public var layers: [FrameLayerName] = [.samples]
    /// Grid samples per axis of the heatmap and contour (`heatmap_res`).
    public var heatmapRes = 128
    /// Pixel scale of every frame (1: 800×600).
    public var scale = 1
    /// Whether generated points are coloured by their nearest mode.
    public var colorByMode = false
    /// One panel per frame, or the dashboard.
    public var layout: FrameLayout = .single

    /// The seed's settings: the `seed` preset's defaults.
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
        let given = [("mix_coeffs", mixCoeffs.isEmpty), ("mean", mean.isEmpty), ("cov", cov.isEmpty)].first { !$0.1 }?.0
        if let data {
            if let key = given {
                throw RunError.invalid(field: key, value: "given with data \(data)",
                                       accepted: "no mixture settings with data: the file is the target")
            }
            return try DataFile.load(path: data)
        }
        guard let toy = preset.toyDataset else { return try mixture() }
        if let key = given {
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
            throw e.invalid
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
        (s.pack, s.nCritic, s.unrolledSteps, s.weightInit) = (pack, nCritic, unrolledSteps, weightInit)
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
