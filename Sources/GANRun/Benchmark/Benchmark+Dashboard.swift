import GANCore
import GANRender

extension Benchmark {
    /// Milliseconds per dashboard frame (``Report``'s `dashboard_…` keys) and its PNG size.
    struct DashboardTimings {
        var draw: Double, frame: Double, probe: Double, render: Double
        var pngBytes: Int
    }

    /// Milliseconds per dashboard frame of ring8 with every drawn layer (samples, heatmap on
    /// the default 128×128 grid, contour, arrows, density) and the seed's networks, 1000
    /// points and 1000 recorded loss steps: drawing alone (including the D passes); drawing
    /// plus PNG encoding; the discriminator's pass over the heatmap grid alone (the part of
    /// the frame that is the network); drawing plus encoding with that pass done
    /// beforehand (the rest of the frame); and the frame's PNG size in bytes. Threads as a
    /// ring8 run chooses them (``ThreadPolicy``), since the grid pass runs on D's
    /// row-parallel workers. Best of five rounds of five frames; the painter has drawn a
    /// frame before (as in a run, whose true-density panel is drawn once).
    static func dashboardTimings() throws -> DashboardTimings {
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
        let rounds = 5
        let draw = perCall(count: 5, repeats: rounds) { _ = painter.renderDashboard(step: 500, generated: generated, trainer: trainer) }
        var png: [UInt8] = []
        let frame = perCall(count: 5, repeats: rounds) { png = painter.png(step: 500, generated: generated, trainer: trainer) }
        let grid = perCall(count: 5, repeats: rounds) { _ = probe.rawField(trainer.discriminator) }
        let field = painter.probedField(trainer)
        var rendered: [UInt8] = []
        let render = perCall(count: 5, repeats: rounds) {
            rendered = FramePainter.encode(painter.renderDashboard(step: 500, generated: generated, trainer: trainer, field: field))
        }
        precondition(rendered == png, "the dashboard drawn with a given field differs from the one that probes it")
        return DashboardTimings(draw: draw * 1000, frame: frame * 1000, probe: grid * 1000, render: render * 1000,
                                pngBytes: png.count)
    }
}
