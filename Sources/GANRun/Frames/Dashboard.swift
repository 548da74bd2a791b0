import GANCore
import GANRender

/// The dashboard layout: one 1280×720 frame (times `scale`) that tells the whole story.
///
/// ```
/// ┌──────────────────────────┬──────────────┬──────────────┐
/// │ samples + layers          │ generated    │ true density │  density layer
/// │ (heatmap, contour,        ├──────────────┴──────────────┤
/// │  arrows) + colour bar     │ losses up to the step  │    │
/// │ 720 × 720                 ├─────────────────────────────┤
/// │                           │ a metric up to the step     │
/// └──────────────────────────┴─────────────────────────────┘
/// ```
/// Curves span the whole run on x, so they grow from frame to frame; a vertical line marks
/// the current step. Without the `density` layer the curves take the whole right column.
extension LayeredFramePainter {
    /// The pixel regions of the dashboard's panels (for tests and the docs).
    public func dashboardRegions() -> (main: PixelRect, generated: PixelRect?, truth: PixelRect?, losses: PixelRect, metric: PixelRect) {
        let s = scale, w = 1280 * s, h = 720 * s, x0 = 720 * s
        let main = PixelRect(x0: 0, y0: 0, x1: x0 - 1, y1: h - 1)
        var top = 0
        var gen: PixelRect?, truth: PixelRect?
        if layers.contains(.density) {
            let mid = x0 + (w - x0) / 2
            top = 340 * s
            gen = PixelRect(x0: x0, y0: 0, x1: mid - 1, y1: top - 1)
            truth = PixelRect(x0: mid, y0: 0, x1: w - 1, y1: top - 1)
        }
        let split = top + (h - top) / 2
        return (main, gen, truth, PixelRect(x0: x0, y0: top, x1: w - 1, y1: split - 1),
                PixelRect(x0: x0, y0: split, x1: w - 1, y1: h - 1))
    }

    /// The dashboard frame for `step`. `field` is D's field over the grid when the caller has
    /// probed it already (`probedField(_:)`; `nil`: probe it here), so the benchmark can time
    /// the drawing and encoding without the network.
    public func renderDashboard(step: Int, generated: [Float], trainer: Trainer, field: Heatmap? = nil) -> Canvas {
        let regions = dashboardRegions(), m = regions.main
        let canvas = Canvas(width: 1280 * scale, height: 720 * scale, background: .white)
        // The true density never changes during a run: drawn on the first frame, then copied.
        if let t = regions.truth, truthPanel == nil {
            let truth = mixture.map { DensityGrid.mixture($0, xlim: xlim, ylim: ylim) }
                ?? DensityGrid.histogram(real, xlim: xlim, ylim: ylim)
            densityPanel(truth, title: mixture != nil ? "true density" : "real samples' density", frame: t, on: canvas)
            truthPanel = canvas.cropped(to: t)
        }
        // D's pass over the grid runs on D's row-parallel workers; the rest is drawn in sequence.
        let outerClip = canvas.clip(to: m)
        draw(on: canvas, axes: axes(in: m, step: step), barRight: m.x1, step: step, generated: generated,
             trainer: trainer, map: field ?? probedField(trainer))
        canvas.clip(to: outerClip)
        let chartRegions = [regions.losses, regions.metric]
        var charts = zip([lossChart(), metricChart(step: step)], chartRegions).map { chart($0, fitting: $1, at: step) }
        // One left edge for both plot areas, so their step axes and markers line up.
        let left = charts.map { $0.layout().plotRect.x0 }.max() ?? 0
        for i in charts.indices { charts[i].minimumPlotLeft = left }
        for (chart, region) in zip(charts, chartRegions) { canvas.draw(chart.render(), x: region.x0, y: region.y0) }
        if let g = regions.generated {
            // On a canvas of its own, so that nothing it draws reaches past its region.
            let panel = Canvas(width: g.width, height: g.height, background: .white)
            densityPanel(DensityGrid.histogram(generated, xlim: xlim, ylim: ylim), title: "generated density",
                         frame: PixelRect(x0: 0, y0: 0, x1: g.width - 1, y1: g.height - 1), on: panel)
            canvas.draw(panel, x: g.x0, y: g.y0)
        }
        if let t = regions.truth, let truthPanel { canvas.draw(truthPanel, x: t.x0, y: t.y0) }
        return canvas
    }

    /// A density panel: viridis over 0…max, no colour bar (both panels are scaled to max 1).
    private func densityPanel(_ values: [Float], title: String, frame: PixelRect, on canvas: Canvas) {
        let n = DensityGrid.resolution
        var axes = Axes(frame: frame, xlim: xlim, ylim: ylim, title: title, scale: scale)
        axes.fillsPanel = false   // the raster covers it
        axes.draw(on: canvas)
        Heatmap(values: values, columns: n, rows: n, xlim: xlim, ylim: ylim, range: 0...1,
                colorMap: .viridis, label: "").draw(on: canvas, axes: axes)
    }

    /// `c` sized to fill `rect`, over the whole run on x with a marker at `step`.
    private func chart(_ c: LineChart, fitting rect: PixelRect, at step: Int) -> LineChart {
        var c = c
        c.width = rect.width / scale
        c.height = rect.height / scale
        c.scale = scale
        c.xRange = 0...Double(config.numEpochs)
        c.markerX = Double(step)
        return c
    }

    private func lossChart() -> LineChart {
        let steps = losses.d.indices.map { Double($0 * config.lossFreq) }
        var c = LineChart(series: [
            LineSeries(name: "d_loss", x: steps, y: losses.d.map(Double.init), color: Color.okabeIto[5]),
            LineSeries(name: "g_loss", x: steps, y: losses.g.map(Double.init), color: Color.okabeIto[6]),
        ], title: "losses", xLabel: nil)
        c.lineWidth = 1.2
        return c
    }

    /// Modes captured for a mixture (whole-number axis 0…K), else the energy distance.
    private func metricChart(step: Int) -> LineChart {
        let history = (evaluator?.history ?? []).filter { $0.step <= step }
        let steps = history.map { Double($0.step) }
        guard let mixture else {
            let y = history.map { $0.metrics.energyDistance }
            return LineChart(series: [LineSeries(name: "energy distance", x: steps, y: y, color: Color.okabeIto[3])],
                             title: "energy distance to the data", xLabel: "step")
        }
        let k = mixture.componentCount, y = history.map { Double($0.metrics.modesCaptured) }
        var c = LineChart(series: [LineSeries(name: "modes captured", x: steps, y: y, color: Color.okabeIto[3])],
                          title: "modes captured (of \(k))", xLabel: "step", yRange: -0.2...(Double(k) + 0.2))
        c.integerYTicks = true
        return c
    }
}
