/// Trains G and D (two for D2GAN) on a ``TargetDistribution``, one step (the seed's "epoch")
/// at a time, allocating nothing:
/// 1. `nCritic` D updates: fresh x and z; ℓ = D([x; G(z)]); L_D, ∂L_D/∂ℓ, backward through D;
///    penalties (WGAN-GP on interpolates, R1 on x, R2 on G(z)); optimizer; WGAN clipping.
/// 2. A G update: fresh z; ℓ = D(G(z)); backward through D to its input, then through G;
///    optimizer. With `unrolledSteps` k > 0, against D after k more updates, then undone.
///
/// PacGAN packing m reads the `[2B, 2]` batch as `[2B/m, 2m]` (the real batch shuffled first:
/// a mixture's sampler groups points by component).
public final class Trainer {
    /// The hyperparameters.
    public let settings: TrainingSettings
    /// The distribution real batches are drawn from.
    public let data: any TargetDistribution
    /// The losses and their gradients: `settings.objective`, or the objective given to ``init(settings:data:objective:)``.
    public let objective: any AdversarialObjective
    /// G: `[numZ] → hidden… → [2]`.
    public let generator: MLP
    /// The discriminators: one, or D1 and D2 for ``GANObjective/d2gan`` (``AdversarialObjective/discriminatorCount``).
    public let discriminators: [MLP]
    /// G's optimizer.
    public let generatorOptimizer: any Optimizer
    /// One optimizer per discriminator.
    public let discriminatorOptimizers: [any Optimizer]
    /// The training stream: batches and noise.
    public var rng: RNG
    /// Steps completed.
    public internal(set) var stepsDone: Int = 0

    /// The (first) discriminator.
    public var discriminator: MLP { discriminators[0] }

    let z: FloatBuffer                  // [batch, numZ]
    let dInput: FloatBuffer             // [2·batch, 2]: real and fake rows, as `dRows` arranges them
    let realBatch: FloatBuffer          // [batch, 2]: the real samples x, in sample order
    let dRows: DiscriminatorBatchLayout // D's (packed) rows: by row block when fused, else [x; G(z)]
    let logitGrad: FloatBuffer          // [2·batch/pack, 1]
    let lossTerms: FloatBuffer          // [2·batch/pack]: each D row's loss term
    let noiseSeeds: UnsafeMutablePointer<UInt64>  // z's normal-chunk seeds (fused step)
    /// Whether ``step()`` takes the fused path (from ``canFuse(_:_:)``; tests turn it off to
    /// compare with the plain path, the reference).
    var fusedStep: Bool
    private let fakeGrad: FloatBuffer   // [batch, 2]: Σ over discriminators of ∂L_G/∂G(z) (D2GAN)
    let interpolates: FloatBuffer  // [batch, 2] (WGAN-GP)
    let penalties: [InputGradientPenalty]  // one per discriminator, when any penalty is on
    let lookAheadSaves: [(parameters: FloatBuffer, optimizer: any Optimizer)]   // each D's, while G looks ahead

    /// Builds G, D and their optimizers from `settings` and its seed; `objective` (a custom
    /// ``AdversarialObjective``) replaces `settings.objective`.
    public init(settings: TrainingSettings, data: any TargetDistribution, objective: (any AdversarialObjective)? = nil) {
        let s = settings
        let objective = objective ?? s.objective
        precondition(s.numZ > 0 && s.hiddenSize > 0 && s.batchSize > 0 && s.hiddenLayers >= 0)
        precondition(s.pack >= 1 && s.batchSize % s.pack == 0 && s.nCritic >= 1 && s.unrolledSteps >= 0, "pack must divide batch_size")
        self.settings = s
        self.data = data
        self.objective = objective
        var initRNG = RNG(seed: s.randomSeed)
        let b = s.batchSize, rows = 2 * b / s.pack
        generator = MLP(sizes: s.generatorSizes, hiddenActivation: s.generatorActivation, maxBatch: b,
                        initialization: s.weightInit, initStd: s.initStd, rng: &initRNG)
        let discriminators = (0..<objective.discriminatorCount).map { _ in
            MLP(sizes: s.discriminatorSizes, hiddenActivation: s.discriminatorActivation, maxBatch: rows,
                initialization: s.weightInit, initStd: s.initStd, rng: &initRNG)
        }
        self.discriminators = discriminators
        let dRate = s.discriminatorLearningRate ?? s.learningRate
        generatorOptimizer = s.optimizer.make(parameterCount: generator.parameterCount,
                                              learningRate: s.generatorLearningRate ?? s.learningRate, settings: s)
        discriminatorOptimizers = discriminators.map {
            s.optimizer.make(parameterCount: $0.parameterCount, learningRate: dRate, settings: s)
        }
        rng = initRNG.derived(1)
        z = FloatBuffer(count: b * s.numZ)
        dInput = FloatBuffer(count: 2 * b * 2)
        realBatch = FloatBuffer(count: b * 2)
        let single = Trainer.canFuse(s, objective)
        dRows = single ? .matching(count: b, rowBlocks: discriminators[0].blockCount(rows))
                       : DiscriminatorBatchLayout(count: rows / 2)
        logitGrad = FloatBuffer(count: rows)
        lossTerms = FloatBuffer(count: rows)
        noiseSeeds = .allocate(capacity: RNG.normalChunks(b * s.numZ))
        fusedStep = single
        fakeGrad = FloatBuffer(count: objective.discriminatorCount > 1 ? b * 2 : 0)
        interpolates = FloatBuffer(count: objective.usesGradientPenalty ? b * 2 : 0)
        let penalized = objective.usesGradientPenalty || s.r1 > 0 || s.r2 > 0
        penalties = penalized ? discriminators.map { InputGradientPenalty(network: $0, maxBatch: b / s.pack) } : []
        lookAheadSaves = s.unrolledSteps == 0 ? [] : discriminators.map {
            (FloatBuffer(count: $0.parameterCount),
             s.optimizer.make(parameterCount: $0.parameterCount, learningRate: dRate, settings: s))
        }
    }

    deinit { noiseSeeds.deallocate() }

    /// The one decision between the step paths: the plain updates serve every variant and are
    /// the reference; the fused ones serve one discriminator without packing (the seed's case).
    static func canFuse(_ s: TrainingSettings, _ objective: any AdversarialObjective) -> Bool {
        objective.discriminatorCount == 1 && s.pack == 1
    }

    /// `nCritic` D updates, then one G update; returns the losses before the last D update
    /// (penalties included) and before the G update.
    @discardableResult
    public func step() -> (dLoss: Float, gLoss: Float) {
        var dLoss: Float = 0
        precondition(!fusedStep || Trainer.canFuse(settings, objective), "the fused step needs one D and no packing")
        for _ in 0..<settings.nCritic { dLoss = updateDiscriminator() }
        let gLoss = settings.unrolledSteps > 0 ? updateGeneratorUnrolled() : updateGeneratorOnce()
        stepsDone += 1
        return (dLoss, gLoss)
    }

    /// One update of every discriminator, by the fused or the plain path.
    func updateDiscriminator() -> Float { fusedStep ? updateDiscriminatorFused() : updateDiscriminators() }

    /// One update of the generator, by the fused or the plain path.
    func updateGeneratorOnce() -> Float { fusedStep ? updateGeneratorFused() : updateGenerator() }

    /// One update of every discriminator on a fresh batch of real and fake rows.
    private func updateDiscriminators() -> Float {
        let s = settings, b = s.batchSize, m = s.pack
        let n = b / m                                   // D rows per half
        let real = realBatch.base
        data.sample(count: b, rng: &rng, into: real)
        if m > 1 { shuffleRows(real, count: b) }
        s.latent.fill(z.base, count: z.count, rng: &rng)
        let fake = generator.forward(z.matrix(rows: b, cols: s.numZ)).data
        let w = 2 * m                                   // [B, 2] read as [B/m, 2m]
        dRows.arrange(real: real, fake: fake, width: w, into: dInput.base, rows: 0 ..< 2 * n)
        let packed = dInput.matrix(rows: 2 * n, cols: w)
        if objective.usesGradientPenalty { makeInterpolates(real: real, fake: fake, width: w, rows: n) }

        var loss: Float = 0
        for (k, d) in discriminators.enumerated() {
            let logits = d.forward(packed)
            objective.discriminatorGradient(head: k, logits: logits.data, rows: 0 ..< 2 * n, layout: dRows,
                                              grad: logitGrad.base, terms: lossTerms.base, alpha: s.alpha, beta: s.beta)
            loss += objective.discriminatorLoss(terms: lossTerms.base, layout: dRows)
            d.backward(logitGrad.matrix(rows: 2 * n, cols: 1))
            if !penalties.isEmpty { loss = addPenalties(k, to: loss, real: real, fake: fake, rows: n, width: w) }
            discriminatorOptimizers[k].step(params: d.parameters.base, grads: d.gradients.base)
            if objective.clipsWeights { clip(d.parameters, to: s.clip) }
        }
        return loss
    }

    /// One generator update on fresh noise, through every discriminator.
    private func updateGenerator() -> Float {
        let s = settings, b = s.batchSize, m = s.pack
        s.latent.fill(z.base, count: z.count, rng: &rng)
        let fake = generator.forward(z.matrix(rows: b, cols: s.numZ))
        let packedFake = Matrix(rows: b / m, cols: 2 * m, data: fake.data)
        var loss: Float = 0
        var dFake = fake
        for (k, d) in discriminators.enumerated() {
            let logits = d.forward(packedFake)
            objective.generatorGradient(head: k, logits: logits.data, rows: 0 ..< b / m, count: b / m,
                                        grad: logitGrad.base, terms: lossTerms.base, beta: s.beta)
            loss += objective.generatorLoss(terms: lossTerms.base, count: b / m)
            let g = d.backward(logitGrad.matrix(rows: b / m, cols: 1), parameterGradients: false, inputGradient: true)!
            if discriminators.count == 1 {
                dFake = Matrix(rows: b, cols: 2, data: g.data)        // [B/m, 2m] read as [B, 2]
            } else {
                let acc = fakeGrad.base
                if k == 0 { acc.update(from: g.data, count: 2 * b) } else { for i in 0..<(2 * b) { acc[i] += g.data[i] } }
                dFake = fakeGrad.matrix(rows: b, cols: 2)
            }
        }
        generator.backward(dFake)
        generatorOptimizer.step(params: generator.parameters.base, grads: generator.gradients.base)
        return loss
    }

    /// `loss` plus each penalty on D `k`'s input gradient, in turn (their parameter gradients
    /// added to D's): WGAN-GP on the interpolates, R1 on x, R2 on G(z), each `[n, width]`.
    func addPenalties(_ k: Int, to loss: Float, real: UnsafeMutablePointer<Float>, fake: UnsafeMutablePointer<Float>,
                      rows n: Int, width w: Int) -> Float {
        let s = settings, p = penalties[k]
        var loss = loss
        if objective.usesGradientPenalty {
            loss += p.penalize(interpolates.matrix(rows: n, cols: w), kind: .unitNorm, weight: s.gpWeight)
        }
        if s.r1 > 0 { loss += p.penalize(Matrix(rows: n, cols: w, data: real), kind: .squaredNorm, weight: s.r1) }
        if s.r2 > 0 { loss += p.penalize(Matrix(rows: n, cols: w, data: fake), kind: .squaredNorm, weight: s.r2) }
        return loss
    }

    /// x̂_i = ε_i·x_i + (1 − ε_i)·G(z)_i per D row i < `n`, ε_i ~ U[0, 1); rows `[n, width]`.
    func makeInterpolates(real: UnsafePointer<Float>, fake: UnsafePointer<Float>, width w: Int, rows n: Int) {
        let out = interpolates.base
        for i in 0..<n {
            let e = Float(rng.uniform())
            for j in 0..<w { let o = i * w + j; out[o] = e * real[o] + (1 - e) * fake[o] }
        }
    }

    /// Fisher–Yates shuffle of `count` (x, y) rows in place.
    private func shuffleRows(_ p: UnsafeMutablePointer<Float>, count: Int) {
        var i = count - 1
        while i > 0 {
            let j = rng.integer(below: i + 1)
            let (x, y) = (p[2 * i], p[2 * i + 1])
            p[2 * i] = p[2 * j]; p[2 * i + 1] = p[2 * j + 1]
            p[2 * j] = x; p[2 * j + 1] = y
            i -= 1
        }
    }

    /// θ ← min(max(θ, −c), c) for every parameter.
    func clip(_ params: FloatBuffer, to c: Float) {
        let p = params.base
        for i in 0..<params.count { p[i] = Swift.min(Swift.max(p[i], -c), c) }
    }

    /// `count` generated points (interleaved x, y) from fresh latent noise drawn from `rng`.
    public func generate(count: Int, rng: inout RNG) -> [Float] {
        let noise = FloatBuffer(count: count * settings.numZ)
        settings.latent.fill(noise.base, count: noise.count, rng: &rng)
        return generate(noise: noise.matrix(rows: count, cols: settings.numZ))
    }

    /// G applied to `noise` (`[n, numZ]`) in chunks of `batch_size`, like the seed's `generate`:
    /// `n` interleaved points (x, y).
    public func generate(noise: Matrix) -> [Float] {
        precondition(noise.cols == settings.numZ)
        var out: [Float] = []
        out.reserveCapacity(2 * noise.rows)
        for start in stride(from: 0, to: noise.rows, by: settings.batchSize) {
            let y = generator.forward(noise.rows(from: start, count: Swift.min(settings.batchSize, noise.rows - start)))
            out.append(contentsOf: UnsafeBufferPointer(start: y.data, count: y.count))
        }
        return out
    }
}
