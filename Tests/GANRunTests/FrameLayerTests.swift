import Foundation
import Testing
@testable import GANCore
@testable import GANRender
@testable import GANRun

/// The frame layers on hand-set discriminators: a linear D with
/// logit ℓ(x, y) = 3·(x − 0.5), so D = 0.5 on the line x = 0.5 (not a grid line of ring8's
/// −3…3 view) and σ(ℓ) grows to the right.
@Suite("Frame layers: heatmap, contour, arrows, validation")
struct FrameLayerTests {
    static func config(_ type: GANObjective = .nsgan, layers: [FrameLayerName], pack: Int = 1) -> RunConfig {
        var c = RunConfig(preset: .ring8)
        c.ganType = type
        c.modelName = type.defaultModelName
        c.numZ = 2; c.hiddenSize = 8; c.batchSize = 32; c.pack = pack
        c.dHiddenLayers = 0          // D is linear: [2·pack] → 1
        c.layers = layers
        c.heatmapRes = 64
        return c
    }

    /// A trainer whose (every) D computes 3·(x − 0.5) from the first packed point.
    static func trainer(_ c: RunConfig) throws -> Trainer {
        let t = Trainer(settings: c.trainingSettings, data: try c.target())
        for d in t.discriminators {
            let p = d.parameters.base
            for i in 0..<d.parameterCount { p[i] = 0 }
            p[0] = 3               // W[0, 0]: x
            p[d.parameterCount - 1] = -1.5   // b
        }
        return t
    }

    static func painter(_ c: RunConfig) throws -> LayeredFramePainter {
        LayeredFramePainter(config: c, mixture: try c.target().mixture, real: [])
    }

    static func decoded(_ c: RunConfig, generated: [Float] = []) throws -> (Canvas, Axes) {
        let p = try painter(c)
        let png = p.png(step: 0, generated: generated, trainer: try trainer(c))
        return (try Canvas.decodePNG(png), p.axes(step: 0))
    }

    static func close(_ a: Color, _ b: Color, _ tol: Int) -> Bool {
        abs(Int(a.r) - Int(b.r)) <= tol && abs(Int(a.g) - Int(b.g)) <= tol && abs(Int(a.b) - Int(b.b)) <= tol
    }

    @Test("heatmap pixel = viridis(σ(D logit)) where D is known", arguments: [(1.3, -0.6), (-2.1, 1.7), (0.2, 2.4)])
    func heatmapColour(_ point: (Double, Double)) throws {
        let c = Self.config(layers: [.heatmap])
        let (canvas, axes) = try Self.decoded(c)
        let p = axes.pixel(x: point.0, y: point.1)
        let got = canvas.pixel(x: Int(p.x.rounded()), y: Int(p.y.rounded()))
        let x = axes.data(px: p.x.rounded(), py: p.y.rounded()).x
        let want = ColorMap.viridis.lightened(DiscriminatorProbe.lightening).color(at: Double(sigmoid(Float(3 * (x - 0.5)))))
        #expect(Self.close(got, want, 4), "\(point): \(got) vs \(want)")
    }

    @Test func frameSizeAndScale() throws {
        var c = Self.config(layers: [.samples, .heatmap, .contour, .arrows])
        #expect(try Self.decoded(c).0.width == 800)
        c.scale = 2
        let (canvas, _) = try Self.decoded(c)
        #expect(canvas.width == 1600 && canvas.height == 1200)
    }

    @Test func contourIsOnTheDecisionBoundary() throws {
        let c = Self.config(layers: [.heatmap, .contour])
        let (canvas, axes) = try Self.decoded(c)
        for y in [-2.3, -0.7, 0.6, 2.2] {
            let p = axes.pixel(x: 0.5, y: y)
            let on = canvas.pixel(x: Int(p.x.rounded()), y: Int(p.y.rounded()))
            let off = canvas.pixel(x: Int(p.x.rounded()) + 6, y: Int(p.y.rounded()))
            #expect(on.r > 225 && on.g > 225 && on.b > 225, "y = \(y): \(on) is not the white contour")
            #expect(off.r < 200, "y = \(y): \(off) 6 px off the boundary should be the heatmap")
        }
    }

    @Test("contour alone (no heatmap) is drawn in ink for a critic at its median")
    func criticContour() throws {
        let c = Self.config(.wgan, layers: [.contour])
        let t = try Self.trainer(c)
        let probe = DiscriminatorProbe(objective: GANObjective.wgan, pack: 1, xlim: -3...3, ylim: -3...3, resolution: 64)
        let map = probe.heatmap(t.discriminator, contour: true)
        let level = try #require(map.contourLevel)
        // Median of 3(x − 0.5) over a symmetric grid of x: 3·(x_median − 0.5), x_median the 33rd of 64 centres.
        #expect(abs(level - 3 * (Heatmap.samplePoint(i: 32, j: 0, columns: 64, rows: 64, xlim: -3...3, ylim: -3...3).x - 0.5)) < 1e-5)
        #expect(abs((map.range.lowerBound + map.range.upperBound) / 2 - level) < 1e-9)
        let (canvas, axes) = try Self.decoded(c)
        let x = level / 3 + 0.5
        let p = axes.pixel(x: x, y: 1.5)
        #expect(canvas.pixel(x: Int(p.x.rounded()), y: Int(p.y.rounded())).r < 100)
    }

    /// −∂ℓ_G/∂x per sample, by hand: nsgan (1 − σ(ℓ))·w, gan σ(ℓ)·w, wgan/hinge w,
    /// lsgan (1 − ℓ)·w with w = (3, 0).
    @Test("arrows: −∂ℓ_G/∂x matches the hand-computed gradient", arguments: [GANObjective.nsgan, .gan, .wgan, .hinge, .lsgan])
    func arrowVectors(_ type: GANObjective) throws {
        let c = Self.config(type, layers: [.arrows])
        let t = try Self.trainer(c)
        let pts: [Float] = [-1, 0.5, 0.5, -2, 2, 1]
        let push = DiscriminatorProbe.generatorPush(points: pts, discriminators: t.discriminators, objective: type, pack: 1)
        for i in 0..<3 {
            let l = 3 * (pts[2 * i] - 0.5)
            let s: Float
            switch type {
            case .nsgan: s = 1 - sigmoid(l)
            case .gan: s = sigmoid(l)
            case .lsgan: s = 1 - l
            default: s = 1
            }
            #expect(abs(push[2 * i] - 3 * s) < 1e-5 && abs(push[2 * i + 1]) < 1e-6, "\(type) point \(i): \(push)")
        }
    }

    @Test("arrows point toward higher D (nsgan), packed D too", arguments: [1, 2])
    func arrowsPointUphill(_ pack: Int) throws {
        let c = Self.config(layers: [.arrows], pack: pack)
        let t = try Self.trainer(c)
        let pts: [Float] = [-1, 0.5, 0.5, -2, 2, 1, -2.5, -2.5]
        let push = DiscriminatorProbe.generatorPush(points: pts, discriminators: t.discriminators,
                                                    objective: GANObjective.nsgan, pack: pack)
        #expect(push.count == 8)
        for i in 0..<4 where pack == 1 || i % 2 == 0 {   // packed: D reads only the row's first point
            #expect(push[2 * i] > 0)
        }
        // Drawn: ink to the right of a lone point, none to the left.
        let (canvas, axes) = try Self.decoded(Self.config(layers: [.arrows]), generated: [0, 1])
        let o = axes.pixel(x: 0, y: 1)
        let longest = LayeredFramePainter.arrowFraction * Double(axes.plotRect.width)
        func dark(_ dx: Double) -> Bool { canvas.pixel(x: Int((o.x + dx).rounded()), y: Int(o.y.rounded())).r < 128 }
        #expect(dark(longest * 0.5) && dark(longest * 0.9))
        #expect(!dark(-longest * 0.5) && !dark(longest * 1.3))
    }

    @Test func framesAreDeterministic() throws {
        let c = Self.config(layers: [.samples, .heatmap, .contour, .arrows])
        func frame() throws -> [UInt8] {
            let t = Trainer(settings: c.trainingSettings, data: try c.target())
            for _ in 0..<5 { t.step() }
            var rng = RNG(seed: 3)
            let pts = t.generate(count: 200, rng: &rng)
            return try Self.painter(c).png(step: 5, generated: pts, trainer: t)
        }
        #expect(try frame() == frame())
    }

    @Test func samplesOnlyIsTheSeedFrame() throws {
        let c = RunConfig(preset: .seed)
        #expect(c.layers == [.samples])
        let p = LayeredFramePainter(config: c, mixture: .seed, real: [0, 0, 1, 1])
        #expect(p.isSeedFrame)
        let t = Trainer(settings: Self.config(layers: [.samples]).trainingSettings, data: GaussianMixture.seed)
        let seed = ScatterFrame(series: [.seedReal([0, 0, 1, 1]), .seedGenerated([0.5, 0.5])], title: "\(c.modelName) · step 7",
                                xlim: p.xlim, ylim: p.ylim)
        #expect(p.png(step: 7, generated: [0.5, 0.5], trainer: t) == seed.render().pngData(compression: 1, palette: true))
    }

    @Test func layerListParsing() throws {
        #expect(try ListParsing.names("samples,heatmap, contour", field: "layers") == [FrameLayerName.samples, .heatmap, .contour])
        #expect(try ListParsing.names("arrows,arrows", field: "layers") == [FrameLayerName.arrows])
        #expect(throws: RunError.self) { let _: [FrameLayerName] = try ListParsing.names("samples,bogus", field: "layers") }
        do {
            let _: [FrameLayerName] = try ListParsing.names("heatmpa", field: "layers")
            Issue.record("accepted an unknown layer")
        } catch let e as RunError {
            #expect(e.description.contains("heatmpa") && e.description.contains(FrameLayerName.acceptedList))
            #expect(e.exitCode == 2)
        }
    }

    @Test func configKeysValidateAndRoundTrip() throws {
        var c = Self.config(layers: [.samples, .heatmap])
        try c.validate()
        let o = try RunConfig.settings(from: Data(try c.json().utf8), path: "config.json")
        #expect(try RunConfig.resolve(o) == c)
        c.heatmapRes = 4
        #expect(throws: RunError.self) { try c.validate() }
        c.heatmapRes = 128; c.scale = 9
        #expect(throws: RunError.self) { try c.validate() }
        c.scale = 1; c.layers = []
        #expect(throws: RunError.self) { try c.validate() }
        do {
            _ = try RunConfig.settings(from: Data(#"{"layers": ["samples", "heatmpa"]}"#.utf8), path: "x.json")
            Issue.record("accepted an unknown layer in a config file")
        } catch let e as RunError {
            #expect(e.description.contains("layers") && e.description.contains("contour"))
        }
    }
}

/// The manifold of an identity generator (2-D latent, no hidden layer, W = I, b = 0) is the
/// regular latent grid itself.
@Suite("Frame layers: manifold")
struct ManifoldTests {
    @Test func identityGeneratorDrawsARegularGrid() throws {
        var c = FrameLayerTests.config(layers: [.manifold])
        c.gHiddenLayers = 0
        let t = try FrameLayerTests.trainer(c)
        let g = t.generator.parameters.base
        for i in 0..<t.generator.parameterCount { g[i] = 0 }
        g[0] = 1; g[3] = 1                       // W = I ([2, 2], row-major), b = 0
        let mesh = ManifoldMesh(numZ: 2, latent: .normal)
        let nodes = mesh.nodes(t)
        let n = ManifoldMesh.lines
        for j in 0..<n { for i in 0..<n {
            #expect(abs(Double(nodes[2 * (j * n + i)]) - (-2 + 4 * Double(i) / Double(n - 1))) < 1e-6)
            #expect(abs(Double(nodes[2 * (j * n + i) + 1]) - (-2 + 4 * Double(j) / Double(n - 1))) < 1e-6)
        } }
        // Drawn: mesh lines at z = −1.8 (a grid line, not an axes tick), none half a cell away.
        let p = try FrameLayerTests.painter(c)
        let canvas = try Canvas.decodePNG(p.png(step: 0, generated: [], trainer: t))
        let axes = p.axes(step: 0)
        func blueish(_ x: Double, _ y: Double) -> Bool {
            let q = axes.pixel(x: x, y: y)
            let px = canvas.pixel(x: Int(q.x.rounded()), y: Int(q.y.rounded()))
            return Int(px.b) - Int(px.r) > 60
        }
        #expect(blueish(-1.8, 0.3) && blueish(0.3, -1.8))
        #expect(!blueish(-1.9, 0.3) && !blueish(0.3, -1.9))
        // Uniform density under an identity map: every cell has the same area, so the shade
        // follows the latent density — denser (bluer) in the centre than near the corner.
        func blue(_ x: Double, _ y: Double) -> Int {
            let q = axes.pixel(x: x, y: y); let px = canvas.pixel(x: Int(q.x.rounded()), y: Int(q.y.rounded()))
            return Int(px.b) - Int(px.r)
        }
        #expect(blue(0.1, 0.1) > blue(-1.9, -1.7))
    }

    @Test func largerLatentIsASliceStatedInTheLegend() {
        #expect(ManifoldMesh(numZ: 5, latent: .normal).caption.contains("other 3 z = 0"))
        #expect(ManifoldMesh(numZ: 2, latent: .uniform).caption.contains("[−1, 1]²"))
    }
}
