import Testing
import Foundation
import GANRender

@Suite("ScatterFrame")
struct ScatterFrameTests {
    /// The seed's two series on an 8-mode ring, deterministic.
    static func seedFrame() -> ScatterFrame {
        var real: [Float] = [], generated: [Float] = []
        for i in 0..<1000 {
            let angle = Double(i % 8) * Double.pi / 4, jitter = Double(i % 37) / 37 * 0.3 - 0.15
            real += [Float(2 * cos(angle) + jitter), Float(2 * sin(angle) - jitter)]
            generated += [Float(Double(i % 41) / 41 * 4 - 2), Float(Double(i % 53) / 53 * 6 - 3)]
        }
        return ScatterFrame(series: [.seedReal(real), .seedGenerated(generated)], title: "step 5000")
    }

    @Test func rendersAtTheRequestedSize() throws {
        let png = Self.seedFrame().render().pngData()
        let info = try Canvas.decodePNG(png)
        #expect(info.width == 800 && info.height == 600)
        var big = Self.seedFrame()
        big.scale = 2
        let canvas = big.render()
        #expect(canvas.width == 1600 && canvas.height == 1200)
    }

    @Test func emptyPanelSpotIsGgplotGrey() {
        let frame = Self.seedFrame()
        let canvas = frame.render()
        let p = frame.axes.pixel(x: 2.75, y: -3.75)  // no data, no grid line, no legend
        #expect(canvas.pixel(x: Int(p.x.rounded()), y: Int(p.y.rounded())) == .ggplotPanel)
        #expect(canvas.pixel(x: 2, y: 2) == .white)  // figure background
    }

    @Test func markerPixelHasTheSeriesColour() {
        let frame = ScatterFrame(series: [.seedReal([0.5, 0.5])])
        let canvas = frame.render()
        let p = frame.axes.pixel(x: 0.5, y: 0.5)
        let c = canvas.pixel(x: Int(p.x.rounded()), y: Int(p.y.rounded()))
        // Red at alpha 0.8 over the #E5E5E5 panel: r ≈ 250, g = b ≈ 46.
        #expect(c.r > 240 && c.g < 60 && c.b < 60)
    }

    @Test func gridLinesAreWhiteAtTicks() {
        let frame = ScatterFrame(series: [])
        let canvas = frame.render()
        let p = frame.axes.pixel(x: 1, y: 0.5)
        #expect(canvas.pixel(x: Int(p.x.rounded()), y: Int(p.y.rounded())) == .white)
    }

    @Test func pointsOutsideTheLimitsAreNotDrawn() {
        let inside = ScatterFrame(series: [ScatterSeries(name: "a", points: [2.9999, 0.5], marker: .square,
                                                          color: .black, size: 5, alpha: 1)])
        var outside = inside
        outside.series[0].points = [3.0001, 0.5]
        let edge = inside.axes.pixel(x: 3, y: 0.5)
        let (x, y) = (Int(edge.x.rounded()) - 1, Int(edge.y.rounded()))
        #expect(inside.render().pixel(x: x, y: y) == .black)
        #expect(outside.render().pixel(x: x, y: y) == .ggplotPanel)
    }

    @Test func sameFrameGivesIdenticalBytes() {
        let a = Self.seedFrame().render().pngData(), b = Self.seedFrame().render().pngData()
        #expect(a == b)
        #expect(a.count > 1000)
    }

}
