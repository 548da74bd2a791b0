import Testing
import Foundation
@testable import GANRender

@Suite("LineChart")
struct LineChartTests {
    /// Number of pixels within a small distance of `color`.
    static func count(_ color: Color, in canvas: Canvas) -> Int {
        var n = 0
        for y in 0..<canvas.height {
            for x in 0..<canvas.width {
                let p = canvas.pixel(x: x, y: y)
                if abs(Int(p.r) - Int(color.r)) + abs(Int(p.g) - Int(color.g)) + abs(Int(p.b) - Int(color.b)) < 24 { n += 1 }
            }
        }
        return n
    }

    @Test func thirtyThousandPointsRenderAsALine() throws {
        let n = 30_000
        let x = (0..<n).map(Double.init)
        let d = x.map { 1.4 - 0.3 * $0 / Double(n) + 0.1 * Double(Int($0) % 17) / 17 }
        let g = x.map { 0.7 + 0.5 * $0 / Double(n) + 0.2 * Double(Int($0) % 13) / 13 }
        let chart = LineChart(series: [LineSeries(name: "d_loss", x: x, y: d, color: Color.okabeIto[5]),
                                       LineSeries(name: "g_loss", x: x, y: g, color: Color.okabeIto[6])],
                              title: "losses", xLabel: "step", yLabel: "loss")
        let canvas = chart.render()
        #expect(canvas.width == 800 && canvas.height == 400)
        #expect(Self.count(Color.okabeIto[5], in: canvas) > 400)
        #expect(Self.count(Color.okabeIto[6], in: canvas) > 400)
        let info = try Canvas.decodePNG(canvas.pngData())
        #expect(info.width == 800 && info.height == 400)
    }

    @Test func nonFiniteValuesAreSkipped() {
        let x = (0..<500).map(Double.init)
        let y = x.map { Int($0) % 7 == 0 ? Double.nan : Int($0) % 11 == 0 ? .infinity : sin($0 / 50) }
        let canvas = LineChart(series: [LineSeries(name: "s", x: x, y: y, color: Color.okabeIto[3])]).render()
        #expect(Self.count(Color.okabeIto[3], in: canvas) > 300)
    }

    @Test func allNaNSeriesStillRendersAxes() {
        let chart = LineChart(series: [LineSeries(name: "empty", x: [0, 1, 2], y: [.nan, .nan, .nan], color: .black)])
        let canvas = chart.render()
        #expect(Self.count(.ggplotPanel, in: canvas) > 100_000)
    }

    @Test func logAxisSkipsNonPositiveValues() {
        let chart = LineChart(series: [LineSeries(name: "m", x: [0, 1, 2, 3, 4], y: [0.01, 0, -1, 10, 1000],
                                                  color: Color.okabeIto[2])], logY: true)
        #expect(Self.count(Color.okabeIto[2], in: chart.render()) > 200)
    }

    @Test func fixedRangeClipsTheLineToThePanel() {
        let x = (0..<100).map(Double.init)
        let chart = LineChart(series: [LineSeries(name: "wild", x: x, y: x.map { $0 * 100 }, color: Color.okabeIto[1])],
                              yRange: 0...50)
        let canvas = chart.render()
        // Nothing of the line may leak into the white margin above the panel (tick labels sit left of x = 60).
        for y in 0..<8 { for px in stride(from: 100, to: 800, by: 3) { #expect(canvas.pixel(x: px, y: y) == .white) } }
    }

    @Test func dashedSeriesLeavesRegularGaps() {
        let x = [0.0, 100], flat = [1.0, 1.0]
        func run(dashed: Bool) -> [Int] {
            let chart = LineChart(series: [LineSeries(name: "r", x: x, y: flat, color: Color.okabeIto[3], dashed: dashed)],
                                  yRange: 0...2)
            let canvas = chart.render()
            // The row through the middle of the line: the runs of line-coloured pixels.
            let rows = (0..<canvas.height).max { a, b in
                (0..<canvas.width).filter { canvas.pixel(x: $0, y: a) == Color.okabeIto[3] }.count
                    < (0..<canvas.width).filter { canvas.pixel(x: $0, y: b) == Color.okabeIto[3] }.count
            }!
            var runs: [Int] = [], current = 0
            for px in 0..<canvas.width {
                if canvas.pixel(x: px, y: rows) == Color.okabeIto[3] { current += 1 } else if current > 0 { runs.append(current); current = 0 }
            }
            return runs
        }
        let solid = run(dashed: false), dashed = run(dashed: true)
        #expect(solid.count <= 2 && (solid.max() ?? 0) > 600)
        #expect(dashed.count > 50, "dashes: \(dashed.count)")
        #expect((dashed.max() ?? 0) <= 10)
    }

    /// Stacked charts share one left edge: a chart of counts (labels "0" … "8") and one of
    /// small distances (labels like "0.0008") lay out their plot areas at different columns;
    /// with `minimumPlotLeft` set to the larger, both grey panels start in the same column.
    @Test func minimumPlotLeftAlignsStackedCharts() {
        let x = (0...10).map(Double.init)
        var counts = LineChart(series: [LineSeries(name: "modes", x: x, y: x.map { min($0, 8) }, color: Color.okabeIto[3])],
                               title: "modes", xLabel: nil)
        var small = LineChart(series: [LineSeries(name: "energy", x: x, y: x.map { 0.001 - $0 * 1e-4 }, color: Color.okabeIto[5])],
                              title: "energy", xLabel: "step")
        let before = (counts.layout().plotRect, small.layout().plotRect)
        #expect(before.0.x0 != before.1.x0, "the test needs charts whose tick labels differ in width")
        let left = max(before.0.x0, before.1.x0)
        counts.minimumPlotLeft = left
        small.minimumPlotLeft = left
        #expect(counts.layout().plotRect.x0 == left && small.layout().plotRect.x0 == left)
        #expect(counts.layout().plotRect.x1 == small.layout().plotRect.x1)
        /// The first column where eight grey panel pixels in a row begin, over the rows of
        /// the plot area (a white grid line may cross any one row; text is never 8 px of grey).
        func panelStart(_ c: LineChart) -> Int? {
            let canvas = c.render(), r = c.layout().plotRect
            return (r.y0...r.y1).compactMap { y in
                (0..<(canvas.width - 8)).first { x in (x..<(x + 8)).allSatisfy { canvas.pixel(x: $0, y: y) == Color.ggplotPanel } }
            }.min()
        }
        #expect(panelStart(counts) == panelStart(small))
        #expect(panelStart(counts).map { abs($0 - left) <= 1 } == true)
    }

    @Test func linesAreCutToThePanel() throws {
        // Liang–Barsky by hand: a vertical segment from y = −50 to 150 crosses 0…100 from t = ¼ to ¾.
        let (t0, t1) = LineChart.clip((10, -50), (10, 150), (0...100, 0...100))
        #expect(t0 == 0.25 && t1 == 0.75)
        let outside = LineChart.clip((200, 0), (300, 50), (0...100, 0...100))
        #expect(outside.0 > outside.1)
        // Out of the box and back: two runs, each inside, ending on the box's edge.
        let runs = LineChart.clipped([(10, 10), (10, 1e15), (20, 10), (30, 20)], to: (0...100, 0...100))
        #expect(runs.count == 2)
        #expect(runs[0].count == 2 && runs[0][1].y == 100 && runs[1].last! == (30, 20))
        #expect(runs.allSatisfy { $0.allSatisfy { (0...100).contains($0.y) } })
        // A chart with a value far off its fixed range renders, solid and dashed.
        for dashed in [false, true] {
            var chart = LineChart(title: "far", xLabel: "x", yLabel: "y", yRange: 0...1)
            chart.series = [LineSeries(name: "far", x: [0, 1, 2], y: [0.5, 1e30, 0.5], color: .ink, dashed: dashed)]
            #expect(chart.render().width == chart.width)
        }
    }
}
