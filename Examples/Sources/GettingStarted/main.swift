// Train a small GAN on the 8-mode ring, draw a frame every 100 steps and write a GIF.
//   swift run getting-started [output-dir] [steps]
import GANScope

let args = CommandLine.arguments
var config = RunConfig(preset: .ring8)          // See_GANs' ring: 8 modes, minimax GAN
config.resultDir = args.count > 1 ? args[1] : "results"
config.numEpochs = args.count > 2 ? Int(args[2])! : 2000
config.numZ = 8; config.hiddenSize = 32; config.batchSize = 128
config.animFreq = config.numEpochs / 10           // ten frames in the GIF
config.evalFreq = config.numEpochs / 2
config.layers = [.heatmap, .samples]               // D's output under the points

let experiment = try Experiment(config: config)
experiment.onEvaluation = { step, m in print("step \(step): \(m.modesCaptured) of 8 modes") }
let summary = try experiment.run()
print("\(summary.frames) frames in \(experiment.layout.gif)")
