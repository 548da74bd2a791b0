/// The hyperparameters of one GAN training run (See_GANs defaults).
public struct TrainingSettings: Sendable, Equatable, Codable {
    /// Latent dimension (`num_z`).
    public var numZ: Int = 256
    /// Width of every hidden layer of G and D (`hidden_size`).
    public var hiddenSize: Int = 128
    /// Hidden layers in G and in D (the seed has 2).
    public var hiddenLayers: Int = 2
    /// Real and fake samples per step (`batch_size`).
    public var batchSize: Int = 512
    /// Adam step size for both networks (`learning_rate`).
    public var learningRate: Float = 0.0002
    public var beta1: Float = 0.5
    public var beta2: Float = 0.999
    public var epsilon: Float = 1e-8
    /// Standard deviation of the initial weights (`linear(..., stddev=0.01)`).
    public var initStd: Float = 0.01
    public var objective: GANObjective = .nsgan
    /// Seed of every random draw of the run (`random_seed`).
    public var randomSeed: UInt64 = 6789

    public init() {}
}
