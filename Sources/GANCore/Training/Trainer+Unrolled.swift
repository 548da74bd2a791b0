/// Unrolled GAN (Metz et al. 2017), first order: D and its optimizer are saved, D takes k
/// further normal updates, G takes one update against that look-ahead D, and D is put back.
/// G's gradient treats the look-ahead D's parameters as constants: the paper's second term,
/// through the dependence of D's k updates on G, is left out (docs/variants.md).
extension Trainer {
    /// One generator update against D unrolled `unrolledSteps` updates ahead; D unchanged.
    func updateGeneratorUnrolled() -> Float {
        for (k, d) in discriminators.enumerated() {
            lookAheadSaves[k].parameters.copy(from: d.parameters)
            lookAheadSaves[k].optimizer.copyState(from: discriminatorOptimizers[k])
        }
        for _ in 0..<settings.unrolledSteps { _ = updateDiscriminator() }
        let loss = updateGeneratorOnce()
        for (k, d) in discriminators.enumerated() {
            d.parameters.copy(from: lookAheadSaves[k].parameters)
            discriminatorOptimizers[k].copyState(from: lookAheadSaves[k].optimizer)
        }
        return loss
    }
}
