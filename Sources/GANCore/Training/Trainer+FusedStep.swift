/// The fused step: the plain step's arithmetic in fewer parallel hand-offs. Rows are
/// independent until the parameter gradients, so each row block runs noise, G forward, D
/// forward, loss gradient and D backward in one fork; a second fork adds the blocks' partial
/// gradients and applies the optimizer by parameter index; likewise for G. Same blocks, noise
/// seeds, elementwise operations and summation order: bit-identical to the plain step (tested).
extension Trainer {
    /// One update of the discriminator (fused).
    func updateDiscriminatorFused() -> Float {
        let s = settings, b = s.batchSize, layout = dRows
        let x = dInput.matrix(rows: 2 * b, cols: 2)
        let real = realBatch.base
        data.sample(count: b, rng: &rng, into: real)

        let gBlocks = generator.beginForward(z.matrix(rows: b, cols: s.numZ))
        let blockNoise = prepareNoise(blocks: gBlocks)
        let fake = generator.output(rows: b).data
        let d = discriminator
        let dBlocks = d.beginForward(x)
        // G's block k makes exactly the fake rows of D's block k: one fork runs both.
        let together = gBlocks == dBlocks && layout.blocks == dBlocks
        func generate(_ k: Int) {
            if blockNoise { fillNoise(rows: ParallelRunner.range(k, of: b, blocks: gBlocks)) }
            generator.forwardBlock(k, of: gBlocks)
        }
        if !together { parallel(gBlocks, generate) }
        let logits = d.output(rows: 2 * b).data, grad = logitGrad.matrix(rows: 2 * b, cols: 1)
        parallel(dBlocks) { k in
            if together { generate(k) }
            let rows = ParallelRunner.range(k, of: 2 * b, blocks: dBlocks)
            layout.arrange(real: real, fake: fake, width: 2, into: x.data, rows: rows)
            d.forwardBlock(k, of: dBlocks)
            objective.discriminatorGradient(logits: logits, rows: rows, layout: layout, grad: grad.data,
                                              terms: lossTerms.base, alpha: s.alpha, beta: s.beta)
            d.backwardBlock(k, of: dBlocks, dOut: grad, parameterGradients: true, inputGradient: false)
        }
        // (The plain step draws ε here too: after z's randomness, before anything else.)
        if objective.usesGradientPenalty { makeInterpolates(real: real, fake: fake, width: 2, rows: b) }
        var loss = objective.discriminatorLoss(terms: lossTerms.base, layout: layout)

        // The penalties add to the whole gradient: then the optimizer steps after them.
        addGradientsAndUpdate(d, penalties.isEmpty ? discriminatorOptimizers[0] : nil, rowBlocks: dBlocks)
        if !penalties.isEmpty {
            loss = addPenalties(0, to: loss, real: real, fake: fake, rows: b, width: 2)
            discriminatorOptimizers[0].step(params: d.parameters.base, grads: d.gradients.base)
        }
        if objective.clipsWeights { clip(d.parameters, to: s.clip) }
        return loss
    }

    /// One update of the generator through the discriminator (fused).
    func updateGeneratorFused() -> Float {
        let s = settings, b = s.batchSize
        let d = discriminator
        let blocks = generator.beginForward(z.matrix(rows: b, cols: s.numZ))
        let blockNoise = prepareNoise(blocks: blocks)
        let dBlocks = d.beginForward(generator.output(rows: b))
        precondition(dBlocks == blocks, "G and D must split the batch alike")
        let logits = d.output(rows: b).data, grad = logitGrad.matrix(rows: b, cols: 1)
        let dFake = d.inputGradient(rows: b)
        parallel(blocks) { k in
            let r = ParallelRunner.range(k, of: b, blocks: blocks)
            if blockNoise { fillNoise(rows: r) }
            generator.forwardBlock(k, of: blocks)
            d.forwardBlock(k, of: blocks)
            objective.generatorGradient(logits: logits, rows: r, count: b, grad: grad.data, terms: lossTerms.base, beta: s.beta)
            d.backwardBlock(k, of: blocks, dOut: grad, parameterGradients: false, inputGradient: true)
            generator.backwardBlock(k, of: blocks, dOut: dFake, parameterGradients: true, inputGradient: false)
        }
        let loss = objective.generatorLoss(terms: lossTerms.base, count: b)
        addGradientsAndUpdate(generator, generatorOptimizer, rowBlocks: blocks)
        return loss
    }

    /// Draws z's randomness, advancing `rng` as the plain step does. When G's row blocks can
    /// fill their own normal chunks (normal latent, > 1 chunk, block boundaries on chunk
    /// boundaries) draws only the chunk seeds and returns true; else fills z and returns false.
    private func prepareNoise(blocks: Int) -> Bool {
        let s = settings, count = z.count, chunks = RNG.normalChunks(count)
        let aligned = (1..<blocks).allSatisfy {
            ParallelRunner.range($0, of: s.batchSize, blocks: blocks).lowerBound * s.numZ % RNG.normalChunk == 0
        }
        guard s.latent == .normal, chunks > 1, blocks > 1, aligned else {
            s.latent.fill(z.base, count: count, rng: &rng)
            return false
        }
        rng.drawNormalChunkSeeds(noiseSeeds, chunks: chunks)
        return true
    }

    /// Fills the noise chunks of G's rows `r`.
    private func fillNoise(rows r: Range<Int>) {
        let numZ = settings.numZ, chunk = RNG.normalChunk
        let chunks = (r.lowerBound * numZ / chunk) ..< ((r.upperBound * numZ + chunk - 1) / chunk)
        RNG.fillNormalChunks(z.base, count: z.count, seeds: noiseSeeds, chunks: chunks)
    }

    /// Adds `net`'s partial gradients and applies `optimizer` (if any), by parameter index in one fork.
    private func addGradientsAndUpdate(_ net: MLP, _ optimizer: (any Optimizer)?, rowBlocks: Int) {
        optimizer?.beginStep()
        let n = net.parameterCount, blocks = generator.runner?.blocks(parameters: n) ?? 1
        let params = net.parameters.base, grads = UnsafePointer(net.gradients.base)
        parallel(blocks) { k in
            let r = ParallelRunner.range(k, of: n, blocks: blocks)
            net.addPartialGradients(r, blocks: rowBlocks)
            optimizer?.apply(params: params, grads: grads, range: r)
        }
    }

    /// Runs `body` for each block with the networks' runner.
    private func parallel(_ blocks: Int, _ body: (Int) -> Void) { generator.parallel(blocks, body) }
}
