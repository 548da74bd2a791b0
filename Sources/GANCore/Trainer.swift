/// Trains a generator G and discriminator D on a ``GaussianMixture``, one step at a time.
///
/// One step (the seed's "epoch") reads like the recipe:
/// 1. D update: fresh real batch x and noise z; ℓ = D([x; G(z)]); L_D and ∂L_D/∂ℓ;
///    backward through D; Adam on D.
/// 2. G update: fresh noise z; ℓ = D(G(z)); L_G and ∂L_G/∂ℓ; backward through D to its
///    input (D's parameter gradients are not needed and not computed), then through G;
///    Adam on G.
///
/// Every buffer is allocated in `init`; ``step()`` allocates nothing.
public final class Trainer {
    public let settings: TrainingSettings
    public let data: GaussianMixture
    public let generator: MLP
    public let discriminator: MLP
    public let generatorOptimizer: Adam
    public let discriminatorOptimizer: Adam
    /// The training stream: batches and noise.
    public var rng: RNG
    /// Steps completed.
    public private(set) var stepsDone: Int = 0

    private let z: FloatBuffer          // [batch, numZ]
    private let dInput: FloatBuffer     // [2·batch, 2]: real rows, then fake rows
    private let logitGrad: FloatBuffer  // [2·batch, 1]

    public init(settings: TrainingSettings, data: GaussianMixture) {
        precondition(settings.numZ > 0 && settings.hiddenSize > 0 && settings.batchSize > 0 && settings.hiddenLayers >= 0)
        self.settings = settings
        self.data = data
        var initRNG = RNG(seed: settings.randomSeed)
        let hidden = Array(repeating: settings.hiddenSize, count: settings.hiddenLayers)
        let b = settings.batchSize
        generator = MLP(sizes: [settings.numZ] + hidden + [2], maxBatch: b,
                        initStd: settings.initStd, rng: &initRNG)
        discriminator = MLP(sizes: [2] + hidden + [1], maxBatch: 2 * b,
                            initStd: settings.initStd, rng: &initRNG)
        generatorOptimizer = Adam(parameterCount: generator.parameterCount, learningRate: settings.learningRate,
                                  beta1: settings.beta1, beta2: settings.beta2, epsilon: settings.epsilon)
        discriminatorOptimizer = Adam(parameterCount: discriminator.parameterCount, learningRate: settings.learningRate,
                                      beta1: settings.beta1, beta2: settings.beta2, epsilon: settings.epsilon)
        rng = initRNG.derived(1)
        z = FloatBuffer(count: b * settings.numZ)
        dInput = FloatBuffer(count: 2 * b * 2)
        logitGrad = FloatBuffer(count: 2 * b)
    }

    /// One D update then one G update. Returns the losses computed before each update.
    @discardableResult
    public func step() -> (dLoss: Float, gLoss: Float) {
        let b = settings.batchSize
        let objective = settings.objective

        // 1. Discriminator: [real; fake] in one batch.
        let x = dInput.matrix(rows: 2 * b, cols: 2)
        data.sample(count: b, rng: &rng, into: x.data)
        rng.fillNormal(z.base, count: z.count)
        let fake = generator.forward(z.matrix(rows: b, cols: settings.numZ))
        x.rows(from: b, count: b).data.update(from: fake.data, count: 2 * b)
        let logits = discriminator.forward(x)
        let dLoss = objective.discriminatorLoss(logits: logits.data, realCount: b, fakeCount: b,
                                                grad: logitGrad.base)
        discriminator.backward(logitGrad.matrix(rows: 2 * b, cols: 1))
        discriminatorOptimizer.step(params: discriminator.parameters.base, grads: discriminator.gradients.base)

        // 2. Generator: fresh noise, gradient through D to G's output, then through G.
        rng.fillNormal(z.base, count: z.count)
        let fake2 = generator.forward(z.matrix(rows: b, cols: settings.numZ))
        let logits2 = discriminator.forward(fake2)
        let gLoss = objective.generatorLoss(logits: logits2.data, count: b, grad: logitGrad.base)
        let dFake = discriminator.backward(logitGrad.matrix(rows: b, cols: 1),
                                           parameterGradients: false, inputGradient: true)!
        generator.backward(dFake)
        generatorOptimizer.step(params: generator.parameters.base, grads: generator.gradients.base)

        stepsDone += 1
        return (dLoss, gLoss)
    }

    /// G applied to `noise` (`[n, numZ]`), in chunks of `batch_size` like the seed's
    /// `generate`; writes `2·n` floats (x, y interleaved) into `out`.
    public func generate(noise: Matrix, into out: UnsafeMutablePointer<Float>) {
        precondition(noise.cols == settings.numZ)
        var start = 0
        while start < noise.rows {
            let n = Swift.min(settings.batchSize, noise.rows - start)
            let y = generator.forward(noise.rows(from: start, count: n))
            (out + 2 * start).update(from: y.data, count: 2 * n)
            start += n
        }
    }

    /// `count` generated points from fresh noise drawn from `rng` (interleaved x, y).
    public func generate(count: Int, rng: inout RNG) -> [Float] {
        let noise = FloatBuffer(count: count * settings.numZ)
        rng.fillNormal(noise.base, count: noise.count)
        var out = [Float](repeating: 0, count: 2 * count)
        out.withUnsafeMutableBufferPointer {
            generate(noise: noise.matrix(rows: count, cols: settings.numZ), into: $0.baseAddress!)
        }
        return out
    }
}
