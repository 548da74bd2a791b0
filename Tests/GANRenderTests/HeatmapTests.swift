import Foundation
import Testing
@testable import GANRender

@Suite("Heatmap, colour maps, contours, arrows")
struct HeatmapTests {
    @Test func colourMapEndsAndInterpolation() {
        #expect(ColorMap.viridis.color(at: 0) == Color(hex: 0x440154))
        #expect(ColorMap.viridis.color(at: 1) == Color(hex: 0xFDE725))
        #expect(ColorMap.viridis.color(at: -3) == Color(hex: 0x440154))   // clamped
        #expect(ColorMap.puOr.color(at: 0.5) == Color(hex: 0xF7F7F7))       // diverging centre
        let two = ColorMap(stops: [.black, .white])
        #expect(two.color(at: 0.5) == Color(r: 128, g: 128, b: 128))
        #expect(two.lightened(0.5).color(at: 0) == Color(r: 128, g: 128, b: 128))
    }

    @Test func lightnessOfViridisIsMonotone() {
        // Rec. 709 luma as a proxy for lightness: a sequential scale must never get darker.
        let luma = ColorMap.viridis.table(count: 64).map { 0.2126 * Double($0.r) + 0.7152 * Double($0.g) + 0.0722 * Double($0.b) }
        #expect(zip(luma, luma.dropFirst()).allSatisfy { $0 <= $1 + 0.5 })
    }

    /// v(x, y) = x on a 16×16 grid over [−1, 1]²: bilinear interpolation is exact between
    /// sample centres, and the zero level is the line x = 0.
    static func ramp() -> Heatmap {
        let n = 16
        var v = [Float](repeating: 0, count: n * n)
        for j in 0..<n { for i in 0..<n {
            v[j * n + i] = Float(Heatmap.samplePoint(i: i, j: j, columns: n, rows: n, xlim: -1...1, ylim: -1...1).x)
        } }
        return Heatmap(values: v, columns: n, rows: n, xlim: -1...1, ylim: -1...1, range: -1...1,
                       colorMap: .puOr, label: "x", contourLevel: 0)
    }

    @Test func bilinearValueMatchesTheField() {
        let h = Self.ramp()
        for x in [-0.8, -0.3, 0.0, 0.41, 0.9] {
            #expect(abs(h.value(x: x, y: 0.2) - x) < 1e-6)
        }
    }

    @Test func heatmapWritesOnlyInsideTheClipAndFillsThePanelToItsEdges() throws {
        let h = Self.ramp()
        let canvas = Canvas(width: 400, height: 300, background: .white)
        let axes = Axes(frame: PixelRect(x0: 0, y0: 0, x1: 399, y1: 299), xlim: -1...1, ylim: -1...1)
        let r = axes.plotRect, midX = (r.x0 + r.x1) / 2
        let saved = canvas.clip(to: PixelRect(x0: 0, y0: 0, x1: midX, y1: 299))
        h.draw(on: canvas, axes: axes)
        canvas.clip(to: saved)
        for (x, y) in [(r.x0, r.y0), (r.x0, r.y1), (midX, r.y1)] {
            let d = h.data(axes, (x: Double(x), y: Double(y)))
            let (got, want) = (canvas.pixel(x: x, y: y), h.color(for: h.value(x: d.x, y: d.y)))  // clamped at the border
            #expect(abs(Int(got.r) - Int(want.r)) <= 3 && abs(Int(got.g) - Int(want.g)) <= 3 && abs(Int(got.b) - Int(want.b)) <= 3,
                    "(\(x), \(y)): \(got) vs \(want)")
        }
        #expect(canvas.pixel(x: midX + 1, y: (r.y0 + r.y1) / 2) == .white && canvas.pixel(x: midX + 30, y: r.y0 + 5) == .white)
        #expect(canvas.pixel(x: r.x1, y: r.y1) == .white)
    }

    @Test func pixelColourIsTheColourMapOfTheValue() throws {
        let h = Self.ramp()
        let canvas = Canvas(width: 400, height: 300, background: .white)
        let axes = Axes(frame: PixelRect(x0: 0, y0: 0, x1: 399, y1: 299), xlim: -1...1, ylim: -1...1)
        h.draw(on: canvas, axes: axes)
        let decoded = try Canvas.decodePNG(canvas.pngData())
        for x in [-0.7, -0.35, 0.5, 0.8] {
            let p = axes.pixel(x: x, y: 0.33)
            let d = h.data(axes, p)
            let got = decoded.pixel(x: Int(p.x.rounded()), y: Int(p.y.rounded()))
            let want = h.color(for: d.x)
            // 512-entry table plus rounding to the pixel: one channel step of tolerance per ~0.01 of value.
            #expect(abs(Int(got.r) - Int(want.r)) <= 3 && abs(Int(got.g) - Int(want.g)) <= 3 && abs(Int(got.b) - Int(want.b)) <= 3,
                    "x = \(x): \(got) vs \(want)")
        }
    }

    /// The raster interpolates row by row (separably), not pixel by pixel: every pixel must
    /// still be the colour-table entry of the bilinear value at its centre (an entry
    /// next to it only where float rounding can tip the rounding of the table position), on
    /// a field that is not separable, on a grid that is not square, and with a NaN sample,
    /// whose neighbourhood takes the table's middle colour. Two raster sizes.
    @Test(arguments: [(333, 271), (760, 520)])
    func everyPixelIsTheTableColourOfTheBilinearValue(_ size: (width: Int, height: Int)) throws {
        let (columns, rows) = (13, 9)
        var v = [Float](repeating: 0, count: columns * rows)
        for j in 0..<rows { for i in 0..<columns {
            let p = Heatmap.samplePoint(i: i, j: j, columns: columns, rows: rows, xlim: -2...1, ylim: -1...3)
            v[j * columns + i] = Float(sin(2 * p.x) * cos(1.5 * p.y) + 0.3 * p.x * p.y)
        } }
        v[4 * columns + 6] = .nan
        let h = Heatmap(values: v, columns: columns, rows: rows, xlim: -2...1, ylim: -1...3, range: -1.2...1.1,
                        colorMap: .viridis, label: "")
        let canvas = Canvas(width: size.width, height: size.height, background: .white)
        let axes = Axes(frame: PixelRect(x0: 0, y0: 0, x1: size.width - 1, y1: size.height - 1), xlim: -2...1, ylim: -1...3)
        h.draw(on: canvas, axes: axes)
        let table = h.colorMap.table(count: 512), top = Double(table.count - 1)
        let r = axes.plotRect
        var checked = 0, nanPixels = 0, wrong: [String] = []
        for py in r.y0...r.y1 {
            for px in stride(from: r.x0 + py % 3, through: r.x1, by: 3) {
                let d = axes.data(px: Double(px), py: Double(py))
                let value = h.value(x: d.x, y: d.y), got = canvas.pixel(x: px, y: py)
                if value.isNaN {
                    if got != table[table.count / 2] { wrong.append("(\(px), \(py)) next to the NaN sample: \(got)") }
                    nanPixels += 1
                    continue
                }
                let t = min(max((value - h.range.lowerBound) / (h.range.upperBound - h.range.lowerBound) * top, 0), top)
                // Within 1e-3 of a half-way point the float raster may round either way: the
                // entries on both sides of it.
                let nearest = Int(t + 0.5), below = Int(t.rounded(.down))
                let allowed = abs(t - t.rounded(.down) - 0.5) < 1e-3 ? [below, below + 1] : [nearest]
                if !allowed.contains(where: { table[min(max($0, 0), Int(top))] == got }) {
                    wrong.append("(\(px), \(py)): \(got), want table[\(nearest)] = \(table[nearest])")
                }
                checked += 1
            }
        }
        #expect(wrong.isEmpty, "\(wrong.count) pixels off, e.g. \(wrong.prefix(3))")
        #expect(checked > 20_000 && nanPixels > 100)
    }

    @Test func contourLiesOnTheZeroLine() throws {
        var h = Self.ramp()
        h.contourColor = .black
        let canvas = Canvas(width: 400, height: 300, background: .white)
        let axes = Axes(frame: PixelRect(x0: 0, y0: 0, x1: 399, y1: 299), xlim: -1...1, ylim: -1...1)
        h.draw(on: canvas, axes: axes)
        h.drawContour(on: canvas, axes: axes)
        let decoded = try Canvas.decodePNG(canvas.pngData())
        let r = axes.plotRect
        let x0 = axes.pixel(x: 0, y: 0).x
        // Every row of the panel (away from the border samples) has its darkest pixel on x = 0 ± 1.5 px.
        for py in stride(from: r.y0 + 20, to: r.y1 - 20, by: 17) {
            let darkest = (r.x0...r.x1).min { a, b in
                let ca = decoded.pixel(x: a, y: py), cb = decoded.pixel(x: b, y: py)
                return Int(ca.r) + Int(ca.g) + Int(ca.b) < Int(cb.r) + Int(cb.g) + Int(cb.b)
            }!
            #expect(abs(Double(darkest) - x0) <= 1.5, "row \(py): darkest at \(darkest), line at \(x0)")
            #expect(decoded.pixel(x: Int(x0.rounded()), y: py).r < 80)
        }
    }

    @Test func marchingSquaresCircle() {
        // f = x² + y² on a 41×41 grid over [−2, 2]²; level 1 is the unit circle.
        let n = 41
        var v = [Float](repeating: 0, count: n * n)
        func coord(_ i: Int) -> Double { -2 + 4 * Double(i) / Double(n - 1) }
        for j in 0..<n { for i in 0..<n { v[j * n + i] = Float(coord(i) * coord(i) + coord(j) * coord(j)) } }
        let segs = Contour.segments(values: v, columns: n, rows: n, level: 1)
        #expect(segs.count > 40)
        let step = 4 / Double(n - 1)
        for s in segs {
            for (gx, gy) in [(s.x0, s.y0), (s.x1, s.y1)] {
                let r = hypot(-2 + gx * step, -2 + gy * step)
                #expect(abs(r - 1) < 0.02)   // linear interpolation of r² across a 0.1 cell
            }
        }
    }

    @Test func arrowPointsAlongItsVector() throws {
        // 401 px: the origin falls on a pixel centre, so the diagonal passes through pixel centres.
        let canvas = Canvas(width: 401, height: 401, background: .white)
        let axes = Axes(plotRect: PixelRect(x0: 0, y0: 0, x1: 400, y1: 400), xlim: -1...1, ylim: -1...1)
        // One arrow from the origin toward +x, +y (up and to the right on screen).
        ArrowField(points: [0, 0], vectors: [1, 1], color: .black).draw(on: canvas, axes: axes, longest: 100)
        let o = axes.pixel(x: 0, y: 0)
        func ink(_ dx: Double, _ dy: Double) -> Bool {
            canvas.pixel(x: Int((o.x + dx).rounded()), y: Int((o.y + dy).rounded())).r < 128
        }
        #expect(ink(35, -35) && ink(60, -60))      // along the shaft (screen y grows downward)
        #expect(!ink(-35, 35) && !ink(35, 35) && !ink(-35, -35))
        #expect(!ink(80, -80))                     // 100 px long: the tip is at 70.7 px per axis
    }
}

extension Heatmap {
    /// The bilinearly interpolated value at data point `(x, y)`: the reference the raster is checked against.
    func value(x: Double, y: Double) -> Double {
        let (i, fx) = Heatmap.gridPosition(x, xlim, columns), (j, fy) = Heatmap.gridPosition(y, ylim, rows)
        func v(_ a: Int, _ b: Int) -> Double { Double(values[min(b, rows - 1) * columns + min(a, columns - 1)]) }
        return (1 - fy) * ((1 - fx) * v(i, j) + fx * v(i + 1, j)) + fy * ((1 - fx) * v(i, j + 1) + fx * v(i + 1, j + 1))
    }

    /// The colour that `value` maps to.
    func color(for value: Double) -> Color {
        let span = range.upperBound - range.lowerBound
        return colorMap.color(at: span > 0 ? (value - range.lowerBound) / span : 0.5)
    }

    /// The data point under pixel `p` (test helper).
    func data(_ axes: Axes, _ p: (x: Double, y: Double)) -> (x: Double, y: Double) {
        axes.data(px: p.x.rounded(), py: p.y.rounded())
    }
}
