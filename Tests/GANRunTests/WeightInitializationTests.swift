import Foundation
import Testing
@testable import GANCore
@testable import GANRun

/// `--weight-init`: Glorot uniform draws in ±√(6/(fan_in + fan_out)) with that law's moments,
/// the default stays N(0, 0.01²) bit for bit, and the setting reaches the trainer.
@Suite("Weight initialisation")
struct WeightInitializationTests {
    static func weights(_ net: MLP, layer l: Int) -> [Float] {
        Array(UnsafeBufferPointer(start: net.layers[l].W.data, count: net.layers[l].W.count))
    }

    static func biases(_ net: MLP, layer l: Int) -> [Float] {
        Array(UnsafeBufferPointer(start: net.layers[l].b, count: net.layers[l].outFeatures))
    }

    @Test func glorotDrawsUniformlyWithinTheLayersLimit() {
        var rng = RNG(seed: 5)
        let net = MLP(sizes: [256, 128, 2], maxBatch: 1, initialization: .glorot, rng: &rng, runner: nil)
        for (l, (fanIn, fanOut)) in [(256, 128), (128, 2)].enumerated() {
            let a = (6 / Float(fanIn + fanOut)).squareRoot()
            let w = Self.weights(net, layer: l).map(Double.init)
            #expect(w.allSatisfy { abs($0) <= Double(a) })
            let n = Double(w.count), mean = w.reduce(0, +) / n
            let variance = w.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / (n - 1)
            // U[−a, a): mean 0, variance a²/3; bounds are 6 standard errors of each estimate.
            let target = Double(a * a) / 3
            #expect(abs(mean) < 6 * (target / n).squareRoot())
            #expect(abs(variance / target - 1) < 6 * (0.8 / n).squareRoot())
            // Both tails are reached: the draws span the whole interval.
            #expect(w.max()! > 0.9 * Double(a) && w.min()! < -0.9 * Double(a))
            #expect(Self.biases(net, layer: l).allSatisfy { $0 == 0 })
        }
    }

    @Test func normalIsTheDefaultAndUnchanged() {
        var r1 = RNG(seed: 9), r2 = RNG(seed: 9), r3 = RNG(seed: 9)
        let byDefault = MLP(sizes: [4, 8, 2], maxBatch: 1, rng: &r1, runner: nil)
        let normal = MLP(sizes: [4, 8, 2], maxBatch: 1, initialization: .normal, rng: &r2, runner: nil)
        // The layer's own draw: N(0, 0.01²) from the same generator, layer after layer.
        var expected: [Float] = []
        for (inF, outF) in [(4, 8), (8, 2)] {
            var w = [Float](repeating: 0, count: inF * outF)
            r3.fillNormal(&w, count: w.count, std: 0.01)
            expected += w
        }
        let defaults = Self.weights(byDefault, layer: 0) + Self.weights(byDefault, layer: 1)
        #expect(defaults == expected)
        #expect(defaults == Self.weights(normal, layer: 0) + Self.weights(normal, layer: 1))
        var r4 = RNG(seed: 9)
        let glorot = MLP(sizes: [4, 8, 2], maxBatch: 1, initialization: .glorot, rng: &r4, runner: nil)
        #expect(Self.weights(glorot, layer: 0) != Self.weights(normal, layer: 0))
    }

    @Test func theConfigKeyReachesTheTrainer() throws {
        let c = try RunConfig.resolve(["weight_init": "glorot", "hidden_size": 16, "num_z": 4])
        #expect(c.trainingSettings.weightInit == .glorot)
        #expect(RunConfig().trainingSettings.weightInit == .normal)
        let trainer = Trainer(settings: c.trainingSettings, data: try c.mixture())
        let a = (6 / Float(4 + 16)).squareRoot()
        let w = Self.weights(trainer.generator, layer: 0)
        #expect(w.allSatisfy { abs($0) <= a } && w.contains { abs($0) > 0.1 })
        #expect {
            try RunConfig.settings(from: Data(#"{"weight_init": "xavier"}"#.utf8), path: "x.json")
        } throws: { e in "\(e)".contains("weight_init") && "\(e)".contains("normal, glorot") }
    }
}
