import Foundation
import Testing
@testable import GANCore
@testable import GANRender
@testable import GANRun

/// The example data in Examples/data is drawn here: `heart.csv` (points) and `smiley.png`
/// (a picture). The test checks that the committed files are these drawings and that they
/// load as data; `GANSCOPE_WRITE_EXAMPLES=1 swift test --filter ExampleDataTests` rewrites them.
@Suite("Examples/data")
struct ExampleDataTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Examples/data")

    /// 2,000 points of the heart curve x = 16 sin³t, y = 13 cos t − 5 cos 2t − 2 cos 3t − cos 4t,
    /// scaled by 1/8, t uniform, with normal noise of standard deviation 0.05 (seed 2024).
    static func heartCSV() -> String {
        var rng = RNG(seed: 2024)
        var text = "x,y\n"
        for _ in 0..<2000 {
            let t = 2 * Double.pi * rng.uniform()
            let x = 16 * pow(sin(t), 3) / 8 + 0.05 * Double(rng.normal())
            let y = (13 * cos(t) - 5 * cos(2 * t) - 2 * cos(3 * t) - cos(4 * t)) / 8 + 0.05 * Double(rng.normal())
            text += String(format: "%.4f,%.4f\n", x, y)
        }
        return text
    }

    /// A 160×128 smiley, dark on white, pixel by pixel: a black ring (radius 52…60 around the
    /// centre), two black eyes (radius 8) and a grey smile (radius 28…36, lower half), so the
    /// smile is drawn at about three quarters of the density of the rest.
    static func smiley() -> Canvas {
        let w = 160, h = 128
        let (cx, cy) = (79.5, 63.5)
        var colors: [Color] = []
        for j in 0..<h {
            for i in 0..<w {
                let x = Double(i) - cx, y = Double(j) - cy
                let r = (x * x + y * y).squareRoot()
                let eye = min(hypot(x + 20, y + 16), hypot(x - 20, y + 16)) <= 8
                let smileR = hypot(x, y + 4)
                let smile = smileR >= 28 && smileR <= 36 && y > 8
                if (r >= 52 && r <= 60) || eye { colors.append(.black) }
                else if smile { colors.append(Color(r: 64, g: 64, b: 64)) }
                else { colors.append(.white) }
            }
        }
        let canvas = Canvas(width: w, height: h, background: .white)
        canvas.storePixels(x0: 0, y0: 0, width: w, height: h, colors: colors)
        return canvas
    }

    @Test func examplesAreTheProjectsOwnDrawings() throws {
        let csv = Self.folder.appendingPathComponent("heart.csv"), png = Self.folder.appendingPathComponent("smiley.png")
        let drawing = Self.smiley()
        if ProcessInfo.processInfo.environment["GANSCOPE_WRITE_EXAMPLES"] == "1" {
            try FileManager.default.createDirectory(at: Self.folder, withIntermediateDirectories: true)
            try Data(Self.heartCSV().utf8).write(to: csv)
            try Data(drawing.pngData(compression: 9, palette: true)).write(to: png)
        }
        #expect(String(decoding: try Data(contentsOf: csv), as: UTF8.self) == Self.heartCSV())
        let decoded = try #require(Canvas.decodePicture([UInt8](try Data(contentsOf: png))))
        #expect(decoded.width == 160 && decoded.height == 128)
        for j in 0..<128 { for i in 0..<160 where decoded.pixel(x: i, y: j) != drawing.pixel(x: i, y: j) {
            Issue.record("pixel (\(i), \(j)) differs"); return
        } }
        #expect((try DataFile.load(path: csv.path) as? PointCloud)?.count == 2000)
        let picture = try #require(try DataFile.load(path: png.path) as? PixelDensity)
        // The longer side spans [−2, 2]: 160 pixels of 4/160, so the 128 rows span ±1.6.
        #expect(Double(picture.width) * picture.pixelSize == 4)
        #expect(abs(Double(picture.height) * picture.pixelSize / 2 - 1.6) < 1e-12)
    }
}
