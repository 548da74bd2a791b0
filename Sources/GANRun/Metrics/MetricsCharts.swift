import Foundation
import GANCore
import GANRender

/// The charts of a run's metrics: each against the step (the generator solid, real data of the
/// same size dashed: a perfect generator's level), and the last mode histogram beside the weights.
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

    /// The model name in the titles.
    public let modelName: String
    /// `nil` for a target that is not a mixture: only the distance and precision/recall
    /// charts are drawn (the others need the mixture's modes).
    public let mixture: GaussianMixture?
    /// Every evaluation, in step order.
    public let history: [(step: Int, metrics: MixtureMetrics)]
    /// The real samples' metrics: the level of a perfect generator.
    public let realData: MixtureMetrics

    /// Charts of `history`.
    public init(modelName: String, mixture: GaussianMixture?, history: [(step: Int, metrics: MixtureMetrics)],
                realData: MixtureMetrics) {
        self.modelName = modelName
        self.mixture = mixture
        self.history = history
        self.realData = realData
    }

    static let generatedColor = Color.okabeIto[5], realColor = Color.okabeIto[6]

    /// Writes every chart into `layout`; returns the paths written.
    @discardableResult
    public func write(to layout: RunLayout) throws -> [String] {
        guard !history.isEmpty else { return [] }
        var paths: [String] = []
        for (name, chart) in lineCharts() {
            let path = layout.metricChart(name)
            try AtomicFile.write(chart.render().pngData(), to: path)
            paths.append(path)
        }
        guard mixture != nil else { return paths }
        try AtomicFile.write(histogram().render().pngData(), to: layout.modeHistogramChart)
        paths.append(layout.modeHistogramChart)
        return paths
    }

    /// The line charts by file name, in ``charts`` order.
    public func lineCharts() -> [(String, LineChart)] {
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

    private func single(_ what: String, _ yLabel: String, _ value: KeyPath<MixtureMetrics, Double>,
                        yRange: ClosedRange<Double>? = nil, logY: Bool = false) -> LineChart {
        var chart = LineChart(title: "\(modelName): \(what)", xLabel: "step", yLabel: yLabel, yRange: yRange, logY: logY)
        // The level first, so that the generator's line stays visible where they coincide.
        chart.series = [
            level("real data", realData[keyPath: value], Self.realColor),
            LineSeries(name: "generated", x: steps, y: history.map { $0.metrics[keyPath: value] }, color: Self.generatedColor),
        ]
        chart.lineWidth = 2
        return chart
    }

    private func modes() -> LineChart {
        let count = mixture?.componentCount ?? 0, k = Double(count)
        var chart = single("modes captured (of \(count))", "modes", \.modesCaptured.asDouble,
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
            ("precision", \.precision, 5),
            ("recall", \.recall, 1),
            ("density", \.density, 3),
            ("coverage", \.coverage, 6),
        ])
        let top = (history.map(\.metrics) + [realData]).map(\.density).filter(\.isFinite).max() ?? 1
        chart.yRange = 0...(1.5 * max(1, top))   // the top third for the legend
        return chart
    }

    /// The last evaluation's q_k next to π_k.
    public func histogram() -> BarChart {
        let last = history[history.count - 1]
        let k = mixture?.componentCount ?? 0
        return BarChart(categories: (0..<k).map { "\($0)" },
                        series: [BarSeries(name: "generated (q_k)", values: last.metrics.modeHistogram, color: Self.generatedColor),
                                 BarSeries(name: "true weight (π_k)", values: mixture?.weights ?? [], color: Self.realColor)],
                        title: "\(modelName): mode histogram at step \(last.step)",
                        xLabel: "mixture component k (nearest by Mahalanobis distance)", yLabel: "fraction of samples")
    }
}

extension Int {
    fileprivate var asDouble: Double { Double(self) }
}
