/// The hyperparameters of one GAN training run (See_GANs defaults). Per-network settings
/// (`generator…`, `discriminator…`) override the shared ones; `nil` means "as shared".
public struct TrainingSettings: Sendable, Equatable, Codable {
    /// Latent dimension (`num_z`).
    public var numZ: Int = 256
    /// Distribution of z (the seed's is normal).
    public var latent: LatentDistribution = .normal
    /// Width of every hidden layer of G and D (`hidden_size`).
    public var hiddenSize: Int = 128
    /// Hidden layers in G and in D (the seed has 2).
    public var hiddenLayers: Int = 2
    /// G's hidden width (`nil`: ``hiddenSize``).
    public var generatorHiddenSize: Int? = nil
    /// G's hidden layers (`nil`: ``hiddenLayers``).
    public var generatorHiddenLayers: Int? = nil
    /// D's hidden width (`nil`: ``hiddenSize``).
    public var discriminatorHiddenSize: Int? = nil
    /// D's hidden layers (`nil`: ``hiddenLayers``).
    public var discriminatorHiddenLayers: Int? = nil
    /// Hidden activation of G.
    public var generatorActivation: Activation = .relu
    /// Hidden activation of D.
    public var discriminatorActivation: Activation = .relu
    /// Real and fake samples per step (`batch_size`).
    public var batchSize: Int = 512
    /// Step size for both networks (`learning_rate`), unless overridden per network.
    public var learningRate: Float = 0.0002
    /// G's step size (`nil`: ``learningRate``).
    public var generatorLearningRate: Float? = nil
    /// D's step size (`nil`: ``learningRate``).
    public var discriminatorLearningRate: Float? = nil
    /// The optimizer of both networks.
    public var optimizer: OptimizerKind = .adam
    /// Adam's β1, β2, ε (TF1 defaults but β1 = 0.5, the seed's).
    public var beta1: Float = 0.5
    /// Adam's β2.
    public var beta2: Float = 0.999
    /// Adam's and RMSProp's ε.
    public var epsilon: Float = 1e-8
    /// Momentum μ of ``OptimizerKind/sgd``.
    public var momentum: Float = 0.9
    /// How the initial weights are drawn.
    public var weightInit: WeightInitialization = .normal
    /// Standard deviation of ``WeightInitialization/normal`` (`linear(..., stddev=0.01)`).
    public var initStd: Float = 0.01
    /// The built-in objective; ``Trainer/init(settings:data:objective:)`` can replace it.
    public var objective: GANObjective = .nsgan
    /// WGAN weight clipping: every critic parameter is kept in [−clip, clip].
    public var clip: Float = 0.02
    /// WGAN-GP's λ.
    public var gpWeight: Float = 0.1
    /// D2GAN's α and β.
    public var alpha: Float = 1
    /// D2GAN's β.
    public var beta: Float = 1
    /// R1 (real samples) and R2 (generated samples) penalty weights γ: γ/2·E‖∇ₓD‖²; 0 = off.
    public var r1: Float = 0
    /// R2 penalty weight γ (generated samples).
    public var r2: Float = 0
    /// PacGAN packing m: D sees m samples concatenated (input 2m, batch/m rows).
    public var pack: Int = 1
    /// Discriminator updates per generator update.
    public var nCritic: Int = 1
    /// Unrolled GAN's k: G's update looks this many D updates ahead (``Trainer``); 0 = off.
    public var unrolledSteps: Int = 0
    /// Seed of every random draw of the run (`random_seed`).
    public var randomSeed: UInt64 = 6789

    /// The defaults: See_GANs' settings.
    public init() {}

    /// Layer widths of G: `[numZ, hidden…, 2]`.
    public var generatorSizes: [Int] {
        [numZ] + Array(repeating: generatorHiddenSize ?? hiddenSize, count: generatorHiddenLayers ?? hiddenLayers) + [2]
    }

    /// Layer widths of (each) D: `[2·pack, hidden…, 1]`.
    public var discriminatorSizes: [Int] {
        [2 * pack] + Array(repeating: discriminatorHiddenSize ?? hiddenSize,
                           count: discriminatorHiddenLayers ?? hiddenLayers) + [1]
    }

    /// Multiply-adds of the matrix products of one D and one G update: G forward (B rows), D
    /// forward and backward to parameters and hidden inputs (2B/pack rows); G forward, D forward
    /// and backward to its input (B/pack rows), G backward to parameters and hidden inputs.
    public var multiplyAddsPerStep: Int {
        func pass(_ sizes: [Int], from first: Int = 0) -> Int {
            (first..<(sizes.count - 1)).reduce(0) { $0 + sizes[$1] * sizes[$1 + 1] }
        }
        let g = generatorSizes, d = discriminatorSizes, b = batchSize, rows = batchSize / pack
        let dUpdate = b * pass(g) + 2 * rows * (2 * pass(d) + pass(d, from: 1))
        let gUpdate = b * (2 * pass(g) + pass(g, from: 1)) + rows * 2 * pass(d)
        return dUpdate + gUpdate
    }
}
