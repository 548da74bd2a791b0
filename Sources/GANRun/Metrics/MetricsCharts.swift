import Foundation
import GANCore
import GANRender

/// The charts of a run's evaluations against the step: each metric (the generator solid, real
/// data of the same size dashed: a perfect generator's level), the last mode histogram beside
/// the weights, and the ``TrainingSignals`` the diagnosis reads (docs/diagnosis.md).
public struct MetricsCharts {
    /// A chart file `R/M/metrics_<name>.png` and its caption, in report order.
    public static let charts: [(name: String, caption: String)] = [
        ("modes", "Modes captured"),
        ("quality", "High-quality fraction"),
        ("reverse_kl", "Reverse KL of the mode histogram"),
        ("inception", "Inception score (true posterior)"),
        ("likelihood", "Mean log-likelihood"),
        ("distances", "Distances to real samples"),
        ("precision_recall", "Precision, recall, density, coverage"),
    ]
    /// Caption of `R/M/mode_histogram.png`.
    public static let histogramCaption = "Mode histogram at the last step"
    /// A chart file `R/M/signals_<name>.png` and its caption, in report order.
    public static let signalCharts: [(name: String, caption: String)] = [
        ("dead_units", "Dead units per hidden layer"),
        ("discriminator", "D's accuracy and mean output"),
        ("gradients", "Gradient norms"),
    ]

    let modelName: String
    /// `nil` for a target that is not a mixture: only the distance and precision/recall
    /// charts are drawn (the others need the mixture's modes).
    let mixture: GaussianMixture?
    let history: [(step: Int, metrics: MixtureMetrics)]
    let signals: [TrainingSignals]
    /// The real samples' metrics: the level of a perfect generator.
    let realData: MixtureMetrics

    /// Charts of `evaluator`'s evaluations so far, titled with `modelName`.
    public init(modelName: String, evaluator: TrainingEvaluator) {
        self.modelName = modelName
        mixture = evaluator.scorer.mixture
        (history, signals, realData) = (evaluator.history, evaluator.signals, evaluator.realData)
    }

    static let generatedColor = Color.okabeIto[5], realColor = Color.okabeIto[6]

    /// Writes every chart into `layout`.
    public func write(to layout: RunLayout) throws {
        guard !history.isEmpty else { return }
        for (name, chart) in lineCharts() { try AtomicFile.write(chart.render().pngData(), to: layout.metricChart(name)) }
        if mixture != nil { try AtomicFile.write(histogram().render().pngData(), to: layout.modeHistogramChart) }
        for (name, chart) in signalLineCharts() {
            try AtomicFile.write(chart.render().pngData(), to: layout.modelDir + "/signals_\(name).png")
        }
    }

    /// The metric line charts by file name, in ``charts`` order.
    private func lineCharts() -> [(String, LineChart)] {
        guard let mixture else { return [("distances", distances()), ("precision_recall", manifold())] }
        let k = mixture.componentCount
        return [
            ("modes", modes()),
            ("quality", single("high-quality fraction (Mahalanobis ≤ 3)", "fraction of samples",
                               \.highQualityFraction, yRange: 0...1.04)),
            ("reverse_kl", single("reverse KL(q ‖ π), log scale", "nats", \.reverseKL, logY: true)),
            ("inception", single("inception score (1 … \(k))", "score", \.inceptionScore)),
            ("likelihood", single("mean log-likelihood under the true density", "nats per sample",
                                  \.meanLogLikelihood)),
            ("distances", distances()),
            ("precision_recall", manifold()),
        ]
    }

    private var steps: [Double] { history.map { Double($0.step) } }

    /// A dashed horizontal series at `value` across the run.
    private func level(_ name: String, _ value: Double, _ color: Color) -> LineSeries {
        LineSeries(name: name, x: [steps.first ?? 0, steps.last ?? 1], y: [value, value], color: color, dashed: true)
    }

    private func single(_ what: String, _ yLabel: String, _ value: (MixtureMetrics) -> Double,
                        yRange: ClosedRange<Double>? = nil, logY: Bool = false) -> LineChart {
        var chart = LineChart(title: "\(modelName): \(what)", xLabel: "step", yLabel: yLabel, yRange: yRange, logY: logY)
        // The level first, so that the generator's line stays visible where they coincide.
        chart.series = [
            level("real data", value(realData), Self.realColor),
            LineSeries(name: "generated", x: steps, y: history.map { value($0.metrics) }, color: Self.generatedColor),
        ]
        chart.lineWidth = 2
        return chart
    }

    private func modes() -> LineChart {
        let count = mixture?.componentCount ?? 0, k = Double(count)
        var chart = single("modes captured (of \(count))", "modes", { Double($0.modesCaptured) },
                           yRange: 0...(k + max(0.25, 0.06 * k)))
        chart.integerYTicks = true
        return chart
    }

    /// Several metrics in the Okabe–Ito colours given, real data's levels dashed under them
    /// and one legend entry (a series with no points) for all the levels.
    private func several(_ what: String, _ yLabel: String, logY: Bool = false,
                         _ items: [(name: String, value: KeyPath<MixtureMetrics, Double>, color: Int)]) -> LineChart {
        var chart = LineChart(title: "\(modelName): \(what)", xLabel: "step", yLabel: yLabel, logY: logY)
        chart.series = items.map { level("", realData[keyPath: $0.value], Color.okabeIto[$0.color]) }
            + items.map { item in
                LineSeries(name: item.name, x: steps, y: history.map { $0.metrics[keyPath: item.value] },
                           color: Color.okabeIto[item.color])
            }
            + [LineSeries(name: "real data (dashed)", x: [], y: [], color: .ink, dashed: true)]
        chart.lineWidth = 2
        return chart
    }

    private func distances() -> LineChart {
        var chart = several("distances to real samples, log scale", "distance", logY: true, [
            ("energy distance", \.energyDistance, 5),
            ("sliced Wasserstein SW₂", \.slicedWasserstein, 1),
            ("MMD² (RBF)", \.mmdRBF, 3),
        ])
        // Log range of every positive value, with the top third left free for the legend.
        let values = (history.map(\.metrics) + [realData])
            .flatMap { [$0.energyDistance, $0.slicedWasserstein, $0.mmdRBF] }.filter { $0.isFinite && $0 > 0 }
        if let lo = values.min(), let hi = values.max(), hi > lo {
            let span = log10(hi / lo)
            chart.yRange = pow(10, log10(lo) - 0.05 * span)...pow(10, log10(hi) + 0.5 * span)
        }
        return chart
    }

    /// Precision and recall (k = 3), density and coverage (k = 5).
    private func manifold() -> LineChart {
        var chart = several("precision, recall, density, coverage", "fraction (density: ratio)", [
            ("precision", \.manifold.precision, 5),
            ("recall", \.manifold.recall, 1),
            ("density", \.manifold.density, 3),
            ("coverage", \.manifold.coverage, 6),
        ])
        let top = (history.map(\.metrics) + [realData]).map(\.manifold.density).filter(\.isFinite).max() ?? 1
        chart.yRange = 0...(1.5 * max(1, top))   // the top third for the legend
        return chart
    }

    /// The last evaluation's q_k next to π_k.
    private func histogram() -> BarChart {
        let last = history[history.count - 1]
        let k = mixture?.componentCount ?? 0
        return BarChart(categories: (0..<k).map { "\($0)" },
                        series: [BarSeries(name: "generated (q_k)", values: last.metrics.modeHistogram, color: Self.generatedColor),
                                 BarSeries(name: "true weight (π_k)", values: mixture?.weights ?? [], color: Self.realColor)],
                        title: "\(modelName): mode histogram at step \(last.step)",
                        xLabel: "mixture component k (nearest by Mahalanobis distance)", yLabel: "fraction of samples")
    }

    /// The signal charts by file name, in ``signalCharts`` order.
    private func signalLineCharts() -> [(String, LineChart)] {
        func series(_ name: String, _ color: Int, dashed: Bool = false, _ value: (TrainingSignals) -> Double) -> LineSeries {
            LineSeries(name: name, x: steps, y: signals.map(value), color: Color.okabeIto[color], dashed: dashed)
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
