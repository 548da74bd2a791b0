// An objective of your own: least squares with the −1/1 coding of Mao et al. (a = −1,
// b = 1, c = 0), given as one row's loss term and its derivative in D's output ℓ.
//   swift run custom-objective [output-dir] [steps]
import GANScope

/// L_D = ½E(D(x) − 1)² + ½E(D(G(z)) + 1)²,   L_G = ½E D(G(z))².
struct LeastSquaresSymmetric: AdversarialObjective {
    func discriminatorTerm(head: Int, logit l: Float, real: Bool, alpha: Float, beta: Float) -> (Float, Float) {
        let e = real ? l - 1 : l + 1
        return (0.5 * e * e, e)
    }

    func generatorTerm(head: Int, logit l: Float, beta: Float) -> (Float, Float) {
        (0.5 * l * l, l)
    }
}

let args = CommandLine.arguments
var config = RunConfig(preset: .ring8)
config.resultDir = args.count > 1 ? args[1] : "results"
config.modelName = "LSGAN-symmetric"
config.numEpochs = args.count > 2 ? Int(args[2])! : 3000
config.numZ = 8; config.hiddenSize = 64; config.batchSize = 256
config.animFreq = config.numEpochs / 10
config.evalFreq = config.numEpochs / 2
config.layers = [.heatmap, .samples, .arrows]       // the arrows follow this objective's G loss

let experiment = try Experiment(config: config, objective: LeastSquaresSymmetric())
var lastLosses = (d: Float.nan, g: Float.nan)
experiment.onStep = { _, d, g in lastLosses = (d, g) }
let summary = try experiment.run()
print("\(summary.status) after \(summary.steps) steps: d_loss \(lastLosses.d), g_loss \(lastLosses.g)")
