import GANCore
import GANRender

extension Benchmark.Report {
    /// The `dashboard_…` figures: a ring8 dashboard with every drawn layer, the seed's networks,
    /// 1000 points and 1000 loss steps. Threads as a ring8 run chooses them, since the grid pass
    /// runs on D's row-parallel workers. Best of five rounds of five frames; the painter has drawn
    /// a frame before (as in a run, whose true-density panel is drawn once).
    mutating func measureDashboard() throws {
        var c = RunConfig(preset: .ring8)
        c.layers = [.samples, .heatmap, .contour, .arrows, .density]
        c.layout = .dashboard
        c.numEpochs = 1000
        let target = try c.target()
        ThreadPolicy.apply(for: c.trainingSettings)
        let trainer = Trainer(settings: c.trainingSettings, data: target)
        for _ in 0..<20 { trainer.step() }
        var rng = RNG(seed: 11)
        let real = target.sample(count: 1000, rng: &rng)
        let generated = trainer.generate(count: 1000, rng: &rng)
        let painter = LayeredFramePainter(config: c, base: FramePainter(config: c, mixture: target.mixture, real: real))
        for s in 0..<1000 { painter.record(step: s, dLoss: 1.38 + Float(s % 7) * 0.01, gLoss: 0.69) }
        let probe = DiscriminatorProbe(objective: c.ganType, pack: c.pack, xlim: painter.base.xlim,
                                       ylim: painter.base.ylim, resolution: c.heatmapRes)
        _ = painter.renderDashboard(step: 500, generated: generated, trainer: trainer)
        func ms(_ body: () -> Void) -> Double { 1000 * Benchmark.perCall(count: 5, repeats: 5, body) }
        dashboardDrawMs = ms { _ = painter.renderDashboard(step: 500, generated: generated, trainer: trainer) }
        var png: [UInt8] = []
        dashboardFrameMs = ms { png = painter.png(step: 500, generated: generated, trainer: trainer) }
        dashboardProbeMs = ms { _ = probe.rawField(trainer.discriminator) }
        let field = painter.probedField(trainer)
        var rendered: [UInt8] = []
        dashboardRenderMs = ms {
            rendered = FramePainter.encode(painter.renderDashboard(step: 500, generated: generated, trainer: trainer, field: field))
        }
        precondition(rendered == png, "the dashboard drawn with a given field differs from the one that probes it")
        dashboardPNGBytes = png.count
    }
}
