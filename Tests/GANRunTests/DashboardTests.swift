import Foundation
import Testing
@testable import GANCore
@testable import GANRender
@testable import GANRun

/// The dashboard layout, the density panels and colouring by mode, on the hand-set linear
/// discriminator of ``FrameLayerTests``.
@Suite("Dashboard layout, density, colour by mode")
struct DashboardTests {
    static func config() -> RunConfig {
        var c = FrameLayerTests.config(layers: [.samples, .heatmap, .contour, .arrows, .density])
        c.layout = .dashboard
        c.numEpochs = 1000
        return c
    }

    /// 300 generated points at (2, 0) (mode 0 of ring8 is at angle 0: (2, 0)).
    static let clump: [Float] = (0..<300).flatMap { i -> [Float] in [2 + Float(i % 7) * 0.01, Float(i % 5) * 0.01] }

    @Test func panelsAreWhereTheLayoutSays() throws {
        var c = Self.config()
        c.lossFreq = 50
        let p = try FrameLayerTests.painter(c)
        p.losses = ((0..<10).map { 1.4 - Float($0 * 50) / 1000 }, [Float](repeating: 0.7, count: 10))
        let t = try FrameLayerTests.trainer(c)
        let canvas = try Canvas.decodePNG(p.png(step: 500, generated: Self.clump, trainer: t))
        #expect(canvas.width == 1280 && canvas.height == 720)
        let regions = p.dashboardRegions()
        let gen = try #require(regions.generated), truth = try #require(regions.truth)
        #expect(regions.main.x1 < gen.x0 && gen.x1 < truth.x0 && truth.y1 < regions.losses.y0 && regions.losses.y1 < regions.metric.y0)

        // Main panel: the heatmap (viridis of σ(3(x − 0.5))) at (−2.6, −2.6), clear of legend and points.
        let main = p.axes(in: regions.main, step: 500)
        let q = main.pixel(x: -2.6, y: -2.6)
        let want = ColorMap.viridis.lightened(DiscriminatorProbe.lightening)
            .color(at: Double(sigmoid(Float(3 * (main.data(px: q.x.rounded(), py: q.y.rounded()).x - 0.5)))))
        #expect(FrameLayerTests.close(canvas.pixel(x: Int(q.x.rounded()), y: Int(q.y.rounded())), want, 4))

        // Density panels: the top of viridis (yellow) where the mass is, its bottom elsewhere.
        func density(_ frame: PixelRect, _ x: Double, _ y: Double) -> Color {
            let a = Axes(frame: frame, xlim: p.xlim, ylim: p.ylim, title: "t", scale: 1)
            let d = a.pixel(x: x, y: y)
            return canvas.pixel(x: Int(d.x.rounded()), y: Int(d.y.rounded()))
        }
        // Viridis' green channel rises from 1 (density 0) to 231 (the maximum).
        let bottom = ColorMap.viridis.color(at: 0)
        #expect(density(gen, 2.03, 0.02).g > 190)
        #expect(FrameLayerTests.close(density(gen, -2, 0), bottom, 4))
        #expect(density(truth, 0, 2).g > 190)                                  // a ring8 mode
        #expect(FrameLayerTests.close(density(truth, 0, 0), bottom, 4))        // the ring's centre

        // Loss chart: an ink-coloured vertical marker, 1.5 px wide, at step 500 of 0…1000,
        // i.e. mid-panel. It may straddle two pixel columns, so its ink is measured as
        // coverage against the grey panel: about 1.5 columns' worth, all within 3 columns.
        let l = regions.losses
        let midY = (l.y0 + l.y1) / 2
        let centre = Double(l.x0 + l.x1) / 2
        let panel = Double(Color.ggplotPanel.r), ink = Double(Color.ink.r)
        let covered = (l.x0...l.x1).filter { abs(Double($0) - centre) < 40 }.map { x in
            (x, max(0, (panel - Double(canvas.pixel(x: x, y: midY).r)) / (panel - ink)))
        }.filter { $0.1 > 0.05 }
        let ink15 = covered.reduce(0) { $0 + $1.1 }
        #expect(ink15 > 1.2 && ink15 < 1.8, "marker coverage \(covered)")
        #expect((covered.map(\.0).max() ?? 0) - (covered.map(\.0).min() ?? 99) <= 2, "marker columns \(covered)")
    }

    @Test func dashboardIsDeterministicAndScales() throws {
        var c = Self.config()
        let t = try FrameLayerTests.trainer(c)
        let a = try FrameLayerTests.painter(c).png(step: 10, generated: Self.clump, trainer: t)
        let b = try FrameLayerTests.painter(c).png(step: 10, generated: Self.clump, trainer: t)
        #expect(a == b)
        c.scale = 2
        let big = try Canvas.decodePNG(try FrameLayerTests.painter(c).png(step: 10, generated: Self.clump, trainer: t))
        #expect(big.width == 2560 && big.height == 1440)
    }

    /// The benchmark times the frame without D's grid pass by handing the painter a field
    /// probed beforehand: that frame must be the one that probes D itself — and a field of
    /// another network must show (the given field is really what is drawn).
    @Test func dashboardWithAGivenFieldIsTheProbedOne() throws {
        let c = Self.config()
        let t = try FrameLayerTests.trainer(c)
        let painter = try FrameLayerTests.painter(c)
        let probed = painter.renderDashboard(step: 10, generated: Self.clump, trainer: t).pngData()
        let field = try #require(painter.probedField(t))
        let given = painter.renderDashboard(step: 10, generated: Self.clump, trainer: t, field: field).pngData()
        let same = given == probed        // Bools: a failing array comparison would print both PNGs
        #expect(same)
        let flipped = try FrameLayerTests.trainer(c)
        flipped.discriminator.parameters[0] = -3       // D increases to the left instead
        let otherField = try #require(painter.probedField(flipped))
        let wrong = painter.renderDashboard(step: 10, generated: Self.clump, trainer: t, field: otherField).pngData()
        let differs = wrong != probed
        #expect(differs)
    }

    /// The true-density panel is drawn on a painter's first frame and copied into later
    /// ones: a later frame must be, pixel for pixel, what a fresh painter draws for it.
    @Test func cachedTrueDensityPanelGivesTheFreshFramesPixels() throws {
        let c = Self.config()
        let t = try FrameLayerTests.trainer(c)
        let spread: [Float] = (0..<400).flatMap { i -> [Float] in [Float(i % 20) * 0.2 - 2, Float(i / 20) * 0.2 - 2] }
        let painter = try FrameLayerTests.painter(c)
        #expect(painter.truthPanel == nil)
        _ = painter.renderDashboard(step: 10, generated: Self.clump, trainer: t)
        let panel = try #require(painter.truthPanel)
        let truth = try #require(painter.dashboardRegions().truth)
        #expect(panel.width == truth.width && panel.height == truth.height)
        let cached = painter.renderDashboard(step: 20, generated: spread, trainer: t)
        let fresh = try FrameLayerTests.painter(c).renderDashboard(step: 20, generated: spread, trainer: t)
        let same = cached.pngData() == fresh.pngData()   // a Bool: a failing array comparison would print both PNGs
        #expect(same, "a later frame differs from a fresh painter's")
        // The panel is really there: a ring8 mode is bright, the ring's centre dark.
        func at(_ x: Double, _ y: Double) -> Color {
            let d = Axes(frame: truth, xlim: painter.xlim, ylim: painter.ylim, title: "t", scale: 1).pixel(x: x, y: y)
            return cached.pixel(x: Int(d.x.rounded()), y: Int(d.y.rounded()))
        }
        #expect(at(0, 2).g > 190 && at(0, 0).g < 20)
    }

    @Test func benchReportCarriesTheProbeFigure() throws {
        var r = Benchmark.Report(configs: [:], frameMs: 1, framePNGBytes: 2, gifMs: 3, normalsPerSecond: 4, peakRSSMB: nil)
        (r.dashboardDrawMs, r.dashboardFrameMs, r.dashboardProbeMs, r.dashboardPNGBytes) = (5, 6, 1.5, 7)
        r.dashboardRenderMs = 4.25
        let json = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(r)) as? [String: Any])
        #expect(json["dashboard_probe_ms"] as? Double == 1.5 && json["dashboard_draw_ms"] as? Double == 5)
        #expect(json["dashboard_png_bytes"] as? Int == 7 && json["dashboard_render_ms"] as? Double == 4.25)
        let back = try JSONDecoder().decode(Benchmark.Report.self, from: JSONEncoder().encode(r))
        #expect(back.dashboardProbeMs == 1.5 && back.dashboardPNGBytes == 7 && back.dashboardRenderMs == 4.25)
    }

    @Test func densityHistogramPeaksAtTheClump() {
        let h = DensityGrid.histogram(Self.clump, xlim: -3...3, ylim: -3...3)
        let n = DensityGrid.resolution
        let peak = h.indices.max { h[$0] < h[$1] }!
        let (i, j) = (peak % n, peak / n)
        #expect(h[peak] == 1)
        #expect(abs((Double(i) + 0.5) * 6 / Double(n) - 3 - 2) < 0.15 && abs((Double(j) + 0.5) * 6 / Double(n) - 3) < 0.15)
    }

    @Test func colourByModeUsesTheNearestModesColour() throws {
        var c = FrameLayerTests.config(layers: [.samples])
        c.colorByMode = true
        let p = try FrameLayerTests.painter(c)
        #expect(!p.isSeedFrame)
        let t = try FrameLayerTests.trainer(c)
        // One point near mode 0 (2, 0) and one near mode 2 (0, 2).
        let canvas = try Canvas.decodePNG(p.png(step: 0, generated: [2, 0, 0, 2], trainer: t))
        let axes = p.axes(step: 0)
        let mix = try #require(p.mixture)
        for (x, y) in [(2.0, 0.0), (0.0, 2.0)] {
            let k = try #require(mix.nearestComponent(x: x, y: y))
            let q = axes.pixel(x: x, y: y)
            let got = canvas.pixel(x: Int(q.x.rounded()), y: Int(q.y.rounded()))
            // The marker's colour at alpha 0.8 over the grey panel.
            let c = LayeredFramePainter.modeColors[k % LayeredFramePainter.modeColors.count], g = Color.ggplotPanel
            func blend(_ a: UInt8, _ b: UInt8) -> UInt8 { UInt8((0.8 * Double(a) + 0.2 * Double(b)).rounded()) }
            let want = Color(r: blend(c.r, g.r), g: blend(c.g, g.g), b: blend(c.b, g.b))
            #expect(FrameLayerTests.close(got, want, 12), "mode \(k): \(got) vs \(want)")
        }
    }

    @Test func layerCombinationsAreValidated() throws {
        var c = FrameLayerTests.config(layers: [.samples, .density])
        #expect(throws: RunError.self) { try c.validate() }       // density needs the dashboard
        c.layout = .dashboard
        try c.validate()
        c.layers = [.manifold]
        try c.validate()
        var d = RunConfig(preset: .swissroll)
        d.colorByMode = true
        #expect(throws: RunError.self) { try d.validate() }       // needs a mixture
        #expect(RunConfig(preset: .seed).layout == .single)
    }
}
