import Foundation
import GANCore

/// What the networks are doing at one evaluation, for the diagnosis (docs/diagnosis.md), on
/// `batch_size` fixed real points and G of the first `batch_size` evaluation noise rows.
/// Measuring overwrites only the networks' activations, which the next step recomputes.
public struct TrainingSignals: Codable, Equatable, Sendable {
    /// Per hidden layer of D (the first discriminator), the fraction of units inactive on every evaluation point.
    public var deadUnitsD: [Double]
    /// Per hidden layer of G, the fraction of units inactive for every evaluation noise row.
    public var deadUnitsG: [Double]
    /// ‖∇θ L_D‖ of the last D update.
    public var gradientNormD: Double
    /// ‖∇θ L_G‖ of the last G update.
    public var gradientNormG: Double
    /// The fraction of real points D scores as real: logit above 0 for probability objectives
    /// (gan, nsgan), else critic value above the batch's median.
    public var accuracyReal: Double
    /// The fraction of generated points D scores as generated (see ``accuracyReal``).
    public var accuracyFake: Double
    /// Mean D(x) on the real points: σ(logit) for probability objectives, the critic value otherwise.
    public var meanDReal: Double
    /// Mean D(x) on the generated points.
    public var meanDFake: Double
    /// Mean over generated points of ‖∂ℓ_G/∂x‖, the per-point gradient the `arrows` layer draws.
    public var generatorPointGradient: Double
    /// max − min of D's output over the evaluation batch: 0 when D ignores its input.
    public var outputSpread: Double
    /// D's loss of the last step before the evaluation.
    public var dLoss: Double
    /// G's loss of the last step before the evaluation.
    public var gLoss: Double

    /// Equal when every value is, NaN matching NaN (the losses before the first step are NaN).
    public static func == (l: TrainingSignals, r: TrainingSignals) -> Bool { l.csvValues == r.csvValues }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case deadUnitsD = "dead_units_d", deadUnitsG = "dead_units_g"
        case gradientNormD = "grad_norm_d", gradientNormG = "grad_norm_g"
        case accuracyReal = "d_accuracy_real", accuracyFake = "d_accuracy_fake"
        case meanDReal = "mean_d_real", meanDFake = "mean_d_fake"
        case generatorPointGradient = "g_point_grad_norm", outputSpread = "d_output_spread"
        case dLoss = "d_loss", gLoss = "g_loss"
    }

    /// Measures `trainer` on `real` (interleaved x, y) and `noise` (`[n, numZ]`), both cut to
    /// `batch_size` points; `losses` are the last step's.
    public static func measure(_ trainer: Trainer, real: [Float], noise: Matrix,
                               losses: (d: Float, g: Float)) -> TrainingSignals {
        let s = trainer.settings, g = trainer.generator, d = trainer.discriminator
        let gradD = norm(d.gradients), gradG = norm(g.gradients)
        let n = min(s.batchSize, noise.rows, real.count / 2) / s.pack * s.pack
        let fake = Array(UnsafeBufferPointer(start: g.forward(noise.rows(from: 0, count: n)).data, count: 2 * n))
        let deadG = g.inactiveUnitFractions()
        // D sees the real rows, then the generated ones, packed as in training.
        let input = FloatBuffer(Array(real.prefix(2 * n)) + fake)
        let rows = 2 * n / s.pack
        let out = d.forward(input.matrix(rows: rows, cols: 2 * s.pack))
        let values = Array(UnsafeBufferPointer(start: out.data, count: rows))
        let deadD = d.inactiveUnitFractions()
        let probability = trainer.objective.outputIsProbability
        let threshold: Float = probability ? 0 : values.sorted()[rows / 2]
        let realValues = values[..<(rows / 2)], fakeValues = values[(rows / 2)...]
        let score: (Float) -> Double = { probability ? Double(sigmoid($0)) : Double($0) }
        let push = DiscriminatorProbe.generatorPush(points: fake, discriminators: trainer.discriminators,
                                                    objective: trainer.objective, pack: s.pack, beta: s.beta)
        var pushSum = 0.0
        for i in 0..<n { pushSum += (Double(push[2 * i]) * Double(push[2 * i]) + Double(push[2 * i + 1]) * Double(push[2 * i + 1])).squareRoot() }
        return TrainingSignals(
            deadUnitsD: deadD, deadUnitsG: deadG, gradientNormD: gradD, gradientNormG: gradG,
            accuracyReal: fraction(realValues) { $0 > threshold }, accuracyFake: fraction(fakeValues) { $0 < threshold },
            meanDReal: realValues.reduce(0.0) { $0 + score($1) } / Double(realValues.count),
            meanDFake: fakeValues.reduce(0.0) { $0 + score($1) } / Double(fakeValues.count),
            generatorPointGradient: pushSum / Double(max(n, 1)),
            outputSpread: Double((values.max() ?? 0) - (values.min() ?? 0)),
            dLoss: Double(losses.d), gLoss: Double(losses.g))
    }

    private static func norm(_ b: FloatBuffer) -> Double {
        (0..<b.count).reduce(0.0) { $0 + Double(b.base[$1]) * Double(b.base[$1]) }.squareRoot()
    }

    private static func fraction(_ v: ArraySlice<Float>, _ test: (Float) -> Bool) -> Double {
        v.isEmpty ? .nan : Double(v.count(where: test)) / Double(v.count)
    }

    /// The metrics.csv columns, after the metrics: one dead-unit column per hidden layer
    /// (`dead_d_1`, …, `dead_g_1`, …), then the scalar signals.
    public static func csvHeader(dLayers: Int, gLayers: Int) -> [String] {
        (0..<dLayers).map { "dead_d_\($0 + 1)" } + (0..<gLayers).map { "dead_g_\($0 + 1)" }
            + CodingKeys.allCases.dropFirst(2).map(\.rawValue)
    }

    /// This evaluation's values for ``csvHeader(dLayers:gLayers:)``.
    public var csvValues: [String] {
        (deadUnitsD + deadUnitsG + [gradientNormD, gradientNormG, accuracyReal, accuracyFake, meanDReal, meanDFake,
                                     generatorPointGradient, outputSpread, dLoss, gLoss]).map { "\($0)" }
    }
}
