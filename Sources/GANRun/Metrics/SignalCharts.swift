import Foundation
import GANRender

/// The charts of a run's ``TrainingSignals`` against the step, `R/M/signals_<name>.png`:
/// what the diagnosis (docs/diagnosis.md) reads, for a reader to check it.
public struct SignalCharts {
    /// A chart file and its caption, in report order.
    public static let charts: [(name: String, caption: String)] = [
        ("dead_units", "Dead units per hidden layer"),
        ("discriminator", "D's accuracy and mean output"),
        ("gradients", "Gradient norms"),
    ]

    /// The run's name, in the titles.
    public let modelName: String
    /// The evaluation steps.
    public let steps: [Int]
    /// The signals of each evaluation step.
    public let signals: [TrainingSignals]

    /// Charts of `signals`, one per entry of `steps`.
    public init(modelName: String, steps: [Int], signals: [TrainingSignals]) {
        precondition(steps.count == signals.count)
        (self.modelName, self.steps, self.signals) = (modelName, steps, signals)
    }

    /// Writes every chart into `layout`'s model folder.
    public func write(to layout: RunLayout) throws {
        guard !signals.isEmpty else { return }
        for (name, chart) in lineCharts() {
            try AtomicFile.write(chart.render().pngData(), to: layout.modelDir + "/signals_\(name).png")
        }
    }

    /// The charts by file name, in ``charts`` order.
    public func lineCharts() -> [(String, LineChart)] {
        let x = steps.map(Double.init)
        func series(_ name: String, _ color: Int, dashed: Bool = false, _ value: (TrainingSignals) -> Double) -> LineSeries {
            LineSeries(name: name, x: x, y: signals.map(value), color: Color.okabeIto[color], dashed: dashed)
        }
        var dead = LineChart(title: "\(modelName): units inactive on every evaluation point", xLabel: "step",
                             yLabel: "fraction of the layer", yRange: 0...1.04)
        for l in signals[0].deadUnitsD.indices { dead.series.append(series("D layer \(l + 1)", 5 + l % 2) { $0.deadUnitsD[l] }) }
        for l in signals[0].deadUnitsG.indices {
            dead.series.append(series("G layer \(l + 1)", 1 + l % 2, dashed: true) { $0.deadUnitsG[l] })
        }
        // Probabilities fit 0…1; a critic's mean output does not, so its chart scales itself.
        let unit = signals.allSatisfy { (0...1).contains($0.meanDReal) && (0...1).contains($0.meanDFake) }
        var d = LineChart(title: "\(modelName): D on real and generated points", xLabel: "step", yLabel: "fraction / mean D(x)",
                          yRange: unit ? 0...1.04 : nil)
        d.series = [series("accuracy, real", 5) { $0.accuracyReal }, series("accuracy, generated", 6) { $0.accuracyFake },
                    series("mean D(x), real", 5, dashed: true) { $0.meanDReal },
                    series("mean D(x), generated", 6, dashed: true) { $0.meanDFake }]
        var g = LineChart(title: "\(modelName): gradient norms, log scale", xLabel: "step", yLabel: "norm", logY: true)
        g.series = [series("‖∇θ L_D‖", 5) { $0.gradientNormD }, series("‖∇θ L_G‖", 6) { $0.gradientNormG },
                    series("mean ‖∂ℓ_G/∂x‖ per point", 1) { $0.generatorPointGradient }]
        dead.lineWidth = 2; d.lineWidth = 2; g.lineWidth = 2
        return [("dead_units", dead), ("discriminator", d), ("gradients", g)]
    }
}
