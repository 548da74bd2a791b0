import Testing
import GANRender

@Suite("BarChart")
struct BarChartTests {
    static let generated = Color.okabeIto[5], truth = Color.okabeIto[6]

    /// Columns and rows of pixels exactly `color` (bars are opaque fills, so exact).
    static func extent(_ color: Color, in canvas: Canvas, row: Int? = nil) -> (columns: [Int], rows: [Int]) {
        var columns = Set<Int>(), rows = Set<Int>()
        for y in 0..<canvas.height where row == nil || y == row {
            for x in 0..<canvas.width where canvas.pixel(x: x, y: y) == color {
                columns.insert(x); rows.insert(y)
            }
        }
        return (columns.sorted(), rows.sorted())
    }

    /// Height in pixels of the bar of `color` whose columns include `x`.
    static func barHeight(_ color: Color, at x: Int, in canvas: Canvas) -> Int {
        (0..<canvas.height).filter { canvas.pixel(x: x, y: $0) == color }.count
    }

    @Test func decodedBarsHaveTheirColoursAndProportionalHeights() throws {
        let chart = BarChart(categories: ["0", "1", "2"],
                             series: [BarSeries(name: "generated", values: [0.6, 0.3, 0.1], color: Self.generated),
                                      BarSeries(name: "true weight", values: [0.2, 0.4, 0.4], color: Self.truth)],
                             title: "mode histogram", xLabel: "component", yLabel: "fraction of samples")
        let png = chart.render().pngData()
        let canvas = try Canvas.decodePNG(png)
        #expect(canvas.width == 800 && canvas.height == 400)

        // Take one sample column per bar from a row just above the baseline, where every bar is present.
        let g = Self.extent(Self.generated, in: canvas), t = Self.extent(Self.truth, in: canvas)
        let baseline = try #require(g.rows.max())
        #expect(t.rows.max() == baseline, "bars share one baseline")
        let gCols = Self.runs(Self.extent(Self.generated, in: canvas, row: baseline - 2).columns)
        let tCols = Self.runs(Self.extent(Self.truth, in: canvas, row: baseline - 2).columns)
        #expect(gCols.count == 3 && tCols.count == 3)
        guard gCols.count == 3, tCols.count == 3 else { return }
        // Inside each group the generated bar is left of the true one, and groups go left to right.
        for c in 0..<3 {
            #expect(gCols[c].upperBound < tCols[c].lowerBound)
            if c > 0 { #expect(tCols[c - 1].upperBound < gCols[c].lowerBound) }
            #expect(abs(gCols[c].count - tCols[c].count) <= 1, "equal bar widths")
        }
        // Heights proportional to the values (±2 px of rounding).
        let unit = Double(Self.barHeight(Self.generated, at: gCols[0].lowerBound + 2, in: canvas)) / 0.6
        #expect(unit > 400 * 0.5, "the tallest bar fills most of the panel")
        for (cols, values, color) in [(gCols, [0.6, 0.3, 0.1], Self.generated), (tCols, [0.2, 0.4, 0.4], Self.truth)] {
            for c in 0..<3 {
                let h = Double(Self.barHeight(color, at: cols[c].lowerBound + 2, in: canvas))
                #expect(abs(h - values[c] * unit) <= 2, "bar \(c) of \(color): \(h) px for \(values[c])")
            }
        }
    }

    @Test func manyCategoriesThinTheLabelsButDrawEveryBar() {
        let values = (0..<25).map { _ in 0.04 }
        var chart = BarChart(categories: (0..<25).map { "\($0)" },
                             series: [BarSeries(name: "generated", values: values, color: Self.generated)])
        chart.width = 300
        let canvas = chart.render()
        let row = Self.extent(Self.generated, in: canvas).rows.max()! - 1
        #expect(Self.runs(Self.extent(Self.generated, in: canvas, row: row).columns).count == 25)
    }

    @Test func nonFiniteValuesDrawNoBar() {
        let chart = BarChart(categories: ["a", "b"],
                             series: [BarSeries(name: "s", values: [.nan, 1], color: Self.generated)])
        let canvas = chart.render()
        let row = Self.extent(Self.generated, in: canvas).rows.max()! - 1
        #expect(Self.runs(Self.extent(Self.generated, in: canvas, row: row).columns).count == 1)
    }

    /// Consecutive runs of sorted integers.
    static func runs(_ xs: [Int]) -> [ClosedRange<Int>] {
        var out: [ClosedRange<Int>] = []
        for x in xs {
            if let last = out.last, last.upperBound + 1 == x { out[out.count - 1] = last.lowerBound...x } else { out.append(x...x) }
        }
        return out
    }
}
