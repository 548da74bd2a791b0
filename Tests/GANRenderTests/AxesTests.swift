import Testing
import GANRender

@Suite("Axes")
struct AxesTests {
    let axes = Axes(plotRect: PixelRect(x0: 50, y0: 20, x1: 749, y1: 519), xlim: -3...3, ylim: -4...4)

    @Test func limitsMapToPanelCorners() {
        let lowerLeft = axes.pixel(x: -3, y: -4), upperRight = axes.pixel(x: 3, y: 4)
        #expect(lowerLeft.x == 50 && lowerLeft.y == 519)
        #expect(upperRight.x == 749 && upperRight.y == 20)
        let centre = axes.pixel(x: 0, y: 0)
        #expect(abs(centre.x - 399.5) < 1e-9 && abs(centre.y - 269.5) < 1e-9)
    }

    @Test("data → pixel → data round trips",
          arguments: [(-3.0, -4.0), (0.0, 0.0), (1.25, -2.5), (2.999, 3.999), (5.0, -7.0)])
    func roundTrip(point: (Double, Double)) {
        let p = axes.pixel(x: point.0, y: point.1)
        let back = axes.data(px: p.x, py: p.y)
        #expect(abs(back.x - point.0) < 1e-9)
        #expect(abs(back.y - point.1) < 1e-9)
    }

    @Test func logAxisRoundTripsAndSpacesDecadesEvenly() {
        let log = Axes(plotRect: PixelRect(x0: 0, y0: 0, x1: 100, y1: 300), xlim: 0...1, ylim: 0.01...10, logY: true)
        let a = log.pixel(x: 0, y: 0.01).y, b = log.pixel(x: 0, y: 0.1).y, c = log.pixel(x: 0, y: 1).y
        #expect(abs((a - b) - (b - c)) < 1e-9)
        #expect(abs(log.data(px: 0, py: b).y - 0.1) < 1e-12)
    }

    @Test func containsIsInclusive() {
        #expect(axes.contains(x: 3, y: -4))
        #expect(!axes.contains(x: 3.0001, y: 0))
        #expect(!axes.contains(x: 0, y: .nan))
    }

    @Test("1-2-5 ticks", arguments: [
        (-3.0, 3.0, 8, [-3.0, -2, -1, 0, 1, 2, 3]),
        (-4.0, 4.0, 9, [-4.0, -3, -2, -1, 0, 1, 2, 3, 4]),
        (0.0, 25000.0, 10, [0.0, 5000, 10000, 15000, 20000, 25000]),
        (0.0, 1.0, 6, [0.0, 0.2, 0.4, 0.6, 0.8, 1.0]),
        (0.1, 0.35, 6, [0.1, 0.15, 0.2, 0.25, 0.3, 0.35]),
        (-0.7, 0.3, 3, [-0.5, 0.0]),
        (0.5, 1.46, 6, [0.6, 0.8, 1.0, 1.2, 1.4]),
    ])
    func niceTicks(lo: Double, hi: Double, maxCount: Int, expected: [Double]) {
        #expect(Axes.niceTicks(in: lo...hi, maxCount: maxCount) == expected)
    }

    @Test func ticksNeverExceedMaxCountAndStayInRange() {
        for (lo, hi) in [(-1e-3, 7e-3), (-123.4, 5678.9), (0.0, 1e9), (42.0, 42.5), (-2.0, -1.999)] {
            for maxCount in 2...12 {
                let ticks = Axes.niceTicks(in: lo...hi, maxCount: maxCount)
                #expect(!ticks.isEmpty && ticks.count <= maxCount)
                #expect(ticks.allSatisfy { $0 >= lo - 1e-9 * (hi - lo) && $0 <= hi + 1e-9 * (hi - lo) })
            }
        }
    }

    @Test("tick labels", arguments: [
        (-0.0, 1.0, "0"), (-1e-17, 0.5, "0.0"), (-1e-17, 1e-6, "0"), (0.30000000000000004, 0.1, "0.3"), (-3.0, 1.0, "-3"),
        (25000.0, 5000.0, "25000"), (0.05, 0.05, "0.05"), (-0.5, 0.5, "-0.5"), (2.5e7, 5e6, "2.5e7"),
        (1e7, 5e6, "1e7"), (5e-5, 1e-5, "5e-5"), (1.0, 0.2, "1.0"),
    ])
    func tickLabel(value: Double, step: Double, expected: String) {
        #expect(Axes.tickLabel(value, step: step) == expected)
    }

    @Test func logTicksSitOnDecades() {
        #expect(Axes.logTicks(in: 0.001...1000, maxCount: 10) == [0.001, 0.01, 0.1, 1, 10, 100, 1000])
        #expect(Axes.logTicks(in: 1...100_000, maxCount: 3) == [1, 100, 10000])
        #expect(Axes.logTicks(in: 2...9, maxCount: 6) == [2, 5])
    }

    @Test func layoutReservesRoomForLabelsInsideFrame() {
        let frame = PixelRect(x0: 0, y0: 0, x1: 799, y1: 599)
        let a = Axes(frame: frame, xlim: -3...3, ylim: -4...4, title: "step 5000", xLabel: "x", yLabel: "y")
        #expect(a.plotRect.x0 > 30 && a.plotRect.x1 < 799)
        #expect(a.plotRect.y0 > 20 && a.plotRect.y1 < 570)
        #expect(a.xTicks == [-3, -2, -1, 0, 1, 2, 3])
        #expect(a.yTicks == [-4, -3, -2, -1, 0, 1, 2, 3, 4])
    }
}
