/// Unrolled GAN (Metz et al. 2017), first order: G's update is taken against the
/// discriminator as it will be `unrolledSteps` updates later, so G is pushed away from where
/// D is about to go rather than where D is now.
///
/// Each D and its optimizer state are saved, D takes k further updates on fresh batches (as
/// in a normal step, penalties and clipping included), G takes one update against that
/// look-ahead D, and D and its optimizer are put back. G's gradient treats the look-ahead
/// D's parameters as constants: the second term of the paper's gradient, through the
/// dependence of D's k updates on G, is left out (docs/variants.md says so).
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
