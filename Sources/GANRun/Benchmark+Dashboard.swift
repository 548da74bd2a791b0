import GANCore
import GANRender

extension Benchmark {
    /// Milliseconds per dashboard frame of ring8 with every drawn layer (samples, heatmap on
    /// the default 128×128 grid, contour, arrows, density) and the seed's networks, 1000
    /// points and 1000 recorded loss steps: drawing alone (including the D passes), then
    /// drawing plus PNG encoding. Best of three rounds of five frames.
    static func dashboardTimings() throws -> (draw: Double, frame: Double) {
        var c = RunConfig(preset: .ring8)
        c.layers = [.samples, .heatmap, .contour, .arrows, .density]
        c.layout = .dashboard
        c.numEpochs = 1000
        let target = try c.target()
        let trainer = Trainer(settings: c.trainingSettings, data: target)
        for _ in 0..<20 { trainer.step() }
        var rng = RNG(seed: 11)
        let real = target.sample(count: 1000, rng: &rng)
        let generated = trainer.generate(count: 1000, rng: &rng)
        let painter = LayeredFramePainter(config: c, base: FramePainter(config: c, mixture: target.mixture, real: real))
        for s in 0..<1000 { painter.record(step: s, dLoss: 1.38 + Float(s % 7) * 0.01, gLoss: 0.69) }
        let draw = perCall(count: 5) { _ = painter.renderDashboard(step: 500, generated: generated, trainer: trainer) }
        let frame = perCall(count: 5) { _ = painter.png(step: 500, generated: generated, trainer: trainer) }
        return (draw * 1000, frame * 1000)
    }
}
