import ArgumentParser
import GANCore
import GANRun

/// Objectives' parameters, regularizers, PacGAN, optimizers, per-network architecture, latent
/// and initial weights (docs/variants.md), each the snake_case config key in kebab case.
struct VariantOptions: ParsableArguments, Encodable {
    @Option(help: "WGAN weight clipping: every critic parameter (weights and biases) is clipped to [-c, c] after each critic update; > 0. (default: 0.02)")
    var clip: Double?
    @Option(help: "WGAN-GP penalty weight λ in λ·E(‖∇D(x̂)‖ − 1)²; ≥ 0. (default: 0.1)")
    var gpWeight: Double?
    @Option(help: "D2GAN α (weight of −log D1 on real samples); > 0. (default: 1)")
    var alpha: Double?
    @Option(help: "D2GAN β (weight of −log D2 on generated samples); > 0. (default: 1)")
    var beta: Double?
    @Option(help: "R1 penalty γ/2·E‖∇ₓD(x)‖² on real samples, any gan type; 0 = off. (default: 0)")
    var r1: Double?
    @Option(help: "R2 penalty γ/2·E‖∇ₓD(G(z))‖² on generated samples, any gan type; 0 = off. (default: 0)")
    var r2: Double?
    @Option(help: "PacGAN packing m: D sees m samples concatenated; must divide --batch-size. (default: 1)")
    var pack: Int?
    @Option(help: "Discriminator updates per generator update, 1–100. (default: 1)")
    var nCritic: Int?
    @Option(help: "Unrolled GAN: G's update looks k discriminator updates ahead (first-order, docs/variants.md); 0 = off, 0–100. (default: 0)")
    var unrolledSteps: Int?
    @Option(help: "Optimizer of G and D: adam (TF1 form), rmsprop (PyTorch form, α 0.99, ε 1e-8) or sgd (momentum). (default: adam)")
    var optimizer: OptimizerKind?
    @Option(help: "Adam ε. (default: 1e-08)")
    var epsilon: Double?
    @Option(help: "SGD momentum μ in [0, 1). (default: 0.9)")
    var momentum: Double?
    @Option(help: "Step size of D. (default: --learning-rate)")
    var dLearningRate: Double?
    @Option(help: "Step size of G. (default: --learning-rate)")
    var gLearningRate: Double?
    @Option(help: "Width of G's hidden layers. (default: --hidden-size)")
    var gHiddenSize: Int?
    @Option(help: "Hidden layers of G, 0–16. (default: --hidden-layers)")
    var gHiddenLayers: Int?
    @Option(help: "Width of D's hidden layers. (default: --hidden-size)")
    var dHiddenSize: Int?
    @Option(help: "Hidden layers of D, 0–16. (default: --hidden-layers)")
    var dHiddenLayers: Int?
    @Option(help: "Hidden activation of G and D: relu, leaky-relu (slope 0.2) or tanh. (default: relu)")
    var activation: Activation?
    @Option(help: "Hidden activation of G. (default: --activation)")
    var gActivation: Activation?
    @Option(help: "Hidden activation of D. (default: --activation)")
    var dActivation: Activation?
    @Option(help: "Latent distribution: normal (N(0, I)) or uniform (U[-1, 1] per coordinate). (default: normal)")
    var latent: LatentDistribution?
    @Option(help: "Initial weights of G and D: normal (N(0, 0.01²), the seed's) or glorot (uniform on ±√(6/(fan_in + fan_out))); biases 0. (default: normal)")
    var weightInit: WeightInitialization?
}

extension OptimizerKind: ExpressibleByArgument {}
extension LatentDistribution: ExpressibleByArgument {}
extension WeightInitialization: ExpressibleByArgument {}
extension Activation: ExpressibleByArgument {
    public static var allValueStrings: [String] { names }
}
