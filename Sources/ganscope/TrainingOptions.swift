import ArgumentParser
import GANCore
import GANRun

/// The seed's own settings (objective, sizes, schedule, outputs, view), each the snake_case
/// config key in kebab case. Accepted ranges: ``RunConfig/validate()``.
struct TrainingOptions: ParsableArguments, Encodable {
    @Option(help: "Objective: gan (minimax, See_GANs), nsgan (non-saturating, the blog), wgan (weight clipping), wgan-gp (gradient penalty), lsgan, hinge or d2gan (two discriminators); formulas in docs/variants.md. (default: the preset's: gan for ring8, else nsgan)")
    var ganType: GANObjective?
    @Option(help: "Latent dimension. (default: 256)")
    var numZ: Int?
    @Option(help: "Width of each hidden layer of G and D. (default: 128)")
    var hiddenSize: Int?
    @Option(help: "Hidden layers in G and in D. (default: 2)")
    var hiddenLayers: Int?
    @Option(help: "Real and fake samples per step. (default: 512)")
    var batchSize: Int?
    @Option(help: "Step size of G and D (see --d-learning-rate, --g-learning-rate). (default: 0.0002)")
    var learningRate: Double?
    @Option(help: "Adam β1. (default: 0.5)")
    var beta1: Double?
    @Option(help: "Adam β2. (default: 0.999)")
    var beta2: Double?
    @Option(help: "Training steps (one D and one G update each). (default: 25000)")
    var numEpochs: Int?
    @Option(help: "Save R/M/_<step>.png every this many steps. (default: 5000)")
    var dispFreq: Int?
    @Option(help: "Save an animation frame R/M_epoch%03d.png every this many steps, from 001. (default: 1000)")
    var animFreq: Int?
    @Option(help: "Record losses every this many steps. (default: 1)")
    var lossFreq: Int?
    @Option(help: "Animation frames per second. (default: 5)")
    var fps: Int?
    @Flag(inversion: .prefixedNo, help: "Also save R/M_epoch000.png, the untrained generator at step 0, as the GIF's first frame. (default: off, as the seed)")
    var initialFrame: Bool?
    @Option(help: "Real and generated points per frame. (default: 1000)")
    var frameSamples: Int?
    @Option(help: "Evaluate the metrics (R/M/metrics.csv) every this many steps, and at step 0 and the last step. (default: 500)")
    var evalFreq: Int?
    @Option(help: "Generated points per evaluation, from fixed noise. (default: 2500)")
    var evalSamples: Int?
    @Option(help: "Result directory R. (default: results)")
    var resultDir: String?
    @Option(help: "Model name M. (default: the gan type in capitals, e.g. NSGAN)")
    var modelName: String?
    @Option(help: "Seed of every random draw. (default: 6789)")
    var randomSeed: UInt64?
    @Option(help: "Visible x range lo,hi or auto. (default: the preset's, -3,3)", transform: { try AxisLimits.parse($0, field: "--xlim") })
    var xlim: AxisLimits?
    @Option(help: "Visible y range lo,hi or auto. (default: the preset's, -4,4 for seed)", transform: { try AxisLimits.parse($0, field: "--ylim") })
    var ylim: AxisLimits?
}

extension GANObjective: ExpressibleByArgument {}
