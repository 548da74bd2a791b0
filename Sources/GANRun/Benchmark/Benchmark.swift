import Foundation
import GANCore
import GANRender

/// `ganscope bench`: speed of a training step (against a peer implementation with `--peer`),
/// the normal sampler, a frame, GIF assembly and the `--data` paths. Everything runs in one
/// process, the peer's rounds interleaved with the seed step's, so the ratios hold on a
/// shared, noisy machine even when the absolute figures drift.
package struct Benchmark {
    /// Figures for one configuration.
    package struct Figures: Codable, Sendable, Equatable {
        package var trainMsPerStep: Double
        package var workers: Int
        package var blasThreads: Int
        package var multiplyAddsPerStep: Int
        /// Measuring the diagnosis's training signals once (``TrainingSignals/measure(_:real:noise:losses:)``),
        /// what every evaluation adds to the run.
        package var signalsMs: Double = 0
        enum CodingKeys: String, CodingKey {
            case trainMsPerStep = "train_ms_per_step", workers, blasThreads = "blas_threads"
            case multiplyAddsPerStep = "multiply_adds_per_step", signalsMs = "signals_ms"
        }
    }

    /// The whole report; `--json` prints it.
    package struct Report: Codable, Sendable {
        package var configs: [String: Figures]
        package var frameMs: Double
        package var framePNGBytes: Int
        package var gifMs: Double
        package var normalsPerSecond: Double
        package var peakRSSMB: Double?
        /// With `--peer`: the peer's milliseconds per seed step (best of its runs) and
        /// `peer_ms_per_step / train_ms_per_step`.
        package var peerMsPerStep: Double?
        package var speedupVsPeer: Double?
        /// A 1280×720 dashboard frame (``measureDashboard()``): drawn; drawn and encoded; D's pass
        /// over the heatmap grid alone; drawn and encoded with that pass done beforehand; PNG size.
        package var dashboardDrawMs: Double = 0
        package var dashboardFrameMs: Double = 0
        package var dashboardProbeMs: Double = 0
        package var dashboardRenderMs: Double = 0
        package var dashboardPNGBytes: Int = 0
        /// The `--data` paths (``measureData()``): reading a CSV of 1,000,000 points and the
        /// manifold metrics of 10,000 against 10,000 points (ms); a 512-point batch from those
        /// points and from a 512×512 picture (µs).
        package var dataCSVReadMs: Double = 0
        package var manifoldMetricsMs: Double = 0
        package var pointBatchUs: Double = 0
        package var pictureBatchUs: Double = 0
        enum CodingKeys: String, CodingKey {
            case configs, frameMs = "frame_ms", framePNGBytes = "frame_png_bytes", gifMs = "gif_ms"
            case normalsPerSecond = "normals_per_second", peakRSSMB = "peak_rss_mb"
            case dashboardDrawMs = "dashboard_draw_ms", dashboardFrameMs = "dashboard_frame_ms"
            case dashboardProbeMs = "dashboard_probe_ms", dashboardPNGBytes = "dashboard_png_bytes"
            case dashboardRenderMs = "dashboard_render_ms"
            case dataCSVReadMs = "data_csv_read_ms", manifoldMetricsMs = "manifold_metrics_ms"
            case pointBatchUs = "point_batch_us", pictureBatchUs = "picture_batch_us"
            case peerMsPerStep = "peer_ms_per_step", speedupVsPeer = "speedup_vs_peer"
        }
    }

    /// `seed` (z 256, hidden 128, batch 512) and `small` (z 2, hidden 128, batch 64).
    package static let cases = [("seed", 256, 512), ("small", 2, 64)].map { name, z, batch in
        var s = TrainingSettings()
        (s.numZ, s.hiddenSize, s.batchSize) = (z, 128, batch)
        return (name: name, settings: s)
    }

    package var steps: Int
    /// A shell command timing another implementation of the `seed` step after each round of
    /// it; the last line it prints is its milliseconds per step.
    package var peer: String?
    package init(steps: Int = 1000, peer: String? = nil) {
        self.steps = steps
        self.peer = peer
    }

    /// Seconds per call of `body`, best of `repeats` rounds of `count` calls (the minimum
    /// is the figure least disturbed by other load).
    static func perCall(count: Int, repeats: Int = 3, _ body: () -> Void) -> Double {
        var best = Double.infinity
        for _ in 0..<repeats {
            let t0 = DispatchTime.now().uptimeNanoseconds
            for _ in 0..<count { body() }
            let t1 = DispatchTime.now().uptimeNanoseconds
            best = min(best, Double(t1 - t0) / 1e9 / Double(count))
        }
        return best
    }

    /// Milliseconds per step for one configuration, best of five rounds; with `peer`, the
    /// peer's milliseconds per step, best of its runs after each round.
    package func measure(_ c: (name: String, settings: TrainingSettings),
                         peer: String? = nil) throws -> (Figures, peerMs: Double?) {
        let choice = ThreadPolicy.apply(for: c.settings)
        let trainer = Trainer(settings: c.settings, data: GaussianMixture.seed)
        for _ in 0..<max(20, steps / 10) { trainer.step() }
        let rounds = 5
        let per = max(1, steps / rounds)
        var train = Double.infinity, peerMs: Double?
        for _ in 0..<rounds {
            train = min(train, Self.perCall(count: per, repeats: 1) { trainer.step() })
            if let peer { peerMs = min(peerMs ?? .infinity, try Self.runPeer(peer)) }
        }
        var figures = Figures(trainMsPerStep: train * 1000, workers: choice.workers, blasThreads: choice.blasThreads,
                              multiplyAddsPerStep: c.settings.multiplyAddsPerStep)
        var rng = RNG(seed: 7)
        let b = c.settings.batchSize
        let real = GaussianMixture.seed.sample(count: b, rng: &rng)
        let noise = FloatBuffer(count: b * c.settings.numZ)
        c.settings.latent.fill(noise.base, count: noise.count, rng: &rng)
        figures.signalsMs = 1000 * Self.perCall(count: 5) {
            _ = TrainingSignals.measure(trainer, real: real, noise: noise.matrix(rows: b, cols: c.settings.numZ), losses: (1, 1))
        }
        return (figures, peerMs)
    }

    /// Runs `command` with `/bin/sh -c` and returns the number on the last line it prints.
    static func runPeer(_ command: String) throws -> Double {
        let p = Process(), out = Pipe()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", command]
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let last = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline).last.map(String.init) ?? ""
        guard p.terminationStatus == 0, let ms = Double(last.trimmingCharacters(in: .whitespaces)), ms > 0, ms.isFinite else {
            throw RunError.invalid(field: "--peer", value: command,
                                   accepted: "a shell command that exits 0 and prints milliseconds per step on its last line (exit status \(p.terminationStatus), last line '\(last)')")
        }
        return ms
    }

    /// Runs every measurement except peak memory (which needs a child process).
    package func run() throws -> Report {
        var configs: [String: Figures] = [:]
        var peerMs: Double?
        for c in Self.cases {
            let (figures, ms) = try measure(c, peer: c.name == "seed" ? peer : nil)
            configs[c.name] = figures
            if let ms { peerMs = ms }
        }

        var rng = RNG(seed: 7)
        let real = GaussianMixture.seed.sample(count: 1000, rng: &rng)
        let fake = GaussianMixture.ring8.sample(count: 1000, rng: &rng)
        let frame = ScatterFrame(series: [.seedReal(real), .seedGenerated(fake)], title: "NSGAN · step 5000")
        var png: [UInt8] = []
        let frameSeconds = Self.perCall(count: 10) { png = LayeredFramePainter.encode(frame.render()) }

        let frames = (0..<25).map { i -> Canvas in
            var r = RNG(seed: UInt64(i))
            let pts = GaussianMixture.ring8.sample(count: 1000, rng: &r)
            return ScatterFrame(series: [.seedReal(real), .seedGenerated(pts)], title: "step \(i * 1000)").render()
        }
        let gifSeconds = Self.perCall(count: 1, repeats: 2) {
            _ = try? GIFAnimation.encode(frames: frames, delayCentiseconds: 20)
        }
        _ = try GIFAnimation.encode(frames: frames, delayCentiseconds: 20)

        let buf = FloatBuffer(count: 1 << 20)
        let normalSeconds = Self.perCall(count: 20) { rng.fillNormal(buf.base, count: buf.count) }

        var report = Report(configs: configs, frameMs: frameSeconds * 1000, framePNGBytes: png.count,
                            gifMs: gifSeconds * 1000, normalsPerSecond: Double(buf.count) / normalSeconds)
        try report.measureDashboard()
        try report.measureData()
        if let peerMs, let seed = configs["seed"] {
            report.peerMsPerStep = peerMs
            report.speedupVsPeer = peerMs / seed.trainMsPerStep
        }
        return report
    }
}

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
        let painter = LayeredFramePainter(config: c, mixture: target.mixture, real: real)
        painter.losses = ((0..<1000).map { 1.38 + Float($0 % 7) * 0.01 }, [Float](repeating: 0.69, count: 1000))
        _ = painter.renderDashboard(step: 500, generated: generated, trainer: trainer)
        func ms(_ body: () -> Void) -> Double { 1000 * Benchmark.perCall(count: 5, repeats: 5, body) }
        dashboardDrawMs = ms { _ = painter.renderDashboard(step: 500, generated: generated, trainer: trainer) }
        var png: [UInt8] = []
        dashboardFrameMs = ms { png = painter.png(step: 500, generated: generated, trainer: trainer) }
        dashboardProbeMs = ms { _ = painter.probe!.rawField(trainer.discriminator) }
        let field = painter.probedField(trainer)
        var rendered: [UInt8] = []
        dashboardRenderMs = ms {
            rendered = LayeredFramePainter.encode(painter.renderDashboard(step: 500, generated: generated, trainer: trainer, field: field))
        }
        precondition(rendered == png, "the dashboard drawn with a given field differs from the one that probes it")
        dashboardPNGBytes = png.count
    }

    /// The `--data` figures (``dataCSVReadMs`` and the three after it).
    mutating func measureData() throws {
        var rng = RNG(seed: 13)
        let million = GaussianMixture.ring8.sample(count: 1_000_000, rng: &rng)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ganscope-bench-\(getpid()).csv").path
        try AtomicFile.write(Experiment.csv(points: million), to: path)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var cloud: PointCloud?
        dataCSVReadMs = 1000 * Benchmark.perCall(count: 1) { cloud = try? DataFile.points(path: path) }
        guard let cloud, cloud.count == 1_000_000 else { throw RunError.io(path: path, reason: "the benchmark CSV did not read back") }

        let real = GaussianMixture.ring8.sample(count: 10_000, rng: &rng)
        let generated = GaussianMixture.ring(modes: 8, radius: 2, variance: 0.03).sample(count: 10_000, rng: &rng)
        manifoldMetricsMs = 1000 * Benchmark.perCall(count: 1) {
            _ = ManifoldMetrics.evaluate(real: real, generated: generated)
        }

        // A 512×512 picture with every pixel weighted: the largest alias table short of 4096².
        let picture = PixelDensity(width: 512, height: 512, weights: (0..<(512 * 512)).map { Double($0 % 255 + 1) })
        let batch = FloatBuffer(count: 2 * 512)
        func us(_ body: () -> Void) -> Double { 1e6 * Benchmark.perCall(count: 2000, body) }
        pointBatchUs = us { cloud.sample(count: 512, rng: &rng, into: batch.base) }
        pictureBatchUs = us { picture.sample(count: 512, rng: &rng, into: batch.base) }
    }
}
