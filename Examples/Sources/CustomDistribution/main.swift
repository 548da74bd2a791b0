// A target distribution of your own: a ring with a normal radius and a uniform angle. It
// gives its log density, so the metrics report the generated points' mean log-likelihood.
//   swift run custom-distribution [output-dir] [steps]
import Foundation
import GANScope

/// r ~ N(radius, σ²), θ ~ U[0, 2π): p(x, y) = N(r; radius, σ²) / (2π r), r = |(x, y)|
/// (exact while σ ≪ radius, so that r < 0 has no mass).
struct NormalRing: TargetDistribution {
    var radius = 1.25, sigma = 0.1

    func sample(count: Int, rng: inout RNG, into out: UnsafeMutablePointer<Float>) {
        for i in 0..<count {
            let r = radius + sigma * Double(rng.normal())
            let theta = 2 * Double.pi * rng.uniform()
            out[2 * i] = Float(r * cos(theta))
            out[2 * i + 1] = Float(r * sin(theta))
        }
    }

    func logDensity(x: Double, y: Double) -> Double? {
        let r = max((x * x + y * y).squareRoot(), 1e-12), u = (r - radius) / sigma
        return -0.5 * u * u - log(sigma * (2 * Double.pi).squareRoot()) - log(2 * Double.pi * r)
    }
}

let args = CommandLine.arguments
var config = RunConfig()
config.resultDir = args.count > 1 ? args[1] : "results"
config.modelName = "ring"
config.numEpochs = args.count > 2 ? Int(args[2])! : 3000
config.numZ = 8; config.hiddenSize = 64; config.batchSize = 256
config.animFreq = config.numEpochs / 10
config.evalFreq = config.numEpochs / 4
config.xlim = .fixed(-2, 2); config.ylim = .fixed(-2, 2)

let experiment = try Experiment(config: config, target: NormalRing())
experiment.onEvaluation = { step, m in
    print("step \(step): mean log-likelihood \(m.meanLogLikelihood), energy distance \(m.energyDistance)")
}
let summary = try experiment.run()
print("\(summary.status): \(summary.frames) frames, \(experiment.layout.gif)")
