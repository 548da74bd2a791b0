import Foundation
import GANCore
import GANRender

/// The `data` setting: a picture (`.png`, `.jpg`, `.jpeg`, `.gif`) becomes a ``PixelDensity``,
/// any other file CSV points (``PointsCSV``, header optional) a ``PointCloud``. Every problem
/// is a ``RunError`` with exit code 2 naming the file (and the line, for a CSV row).
public enum DataFile {
    /// A file of points needs at least this many.
    public static let minimumPoints = 100
    /// A picture may be at most this many pixels wide and high.
    public static let maximumSide = 4096
    /// The extensions read as pictures (case ignored).
    public static let pictureExtensions: Set<String> = ["png", "jpg", "jpeg", "gif"]

    /// The distribution of the file at `path`.
    public static func load(path: String) throws -> any TargetDistribution {
        let ext = URL(fileURLWithPath: path).pathExtension.lowercased()
        return pictureExtensions.contains(ext) ? try picture(path: path) : try points(path: path)
    }

    /// The points of a CSV file: at least ``minimumPoints``, not all the same.
    public static func points(path: String) throws -> PointCloud {
        if let head = try? FileHandle(forReadingFrom: URL(fileURLWithPath: path)).read(upToCount: 512), head.contains(0) {
            throw RunError.dataFile(path: path, reason: "not a text file; data is a CSV of x,y points or a picture (.png, .jpg, .jpeg, .gif)")
        }
        let points = try PointsCSV.read(path: path, header: .optional)
        let n = points.count / 2
        guard n >= minimumPoints else {
            throw RunError.pointsFile(path: path, line: nil, reason: "\(n) point\(n == 1 ? "" : "s"); at least \(minimumPoints) are needed")
        }
        guard (0..<n).contains(where: { points[2 * $0] != points[0] || points[2 * $0 + 1] != points[1] }) else {
            throw RunError.pointsFile(path: path, line: nil, reason: "all \(n) points are (\(points[0]), \(points[1])); a distribution needs points that differ")
        }
        return PointCloud(points: points)
    }

    /// A picture as a density: opacity where it has transparency (some pixel with alpha
    /// below 255), else darkness 1 − Y/255 with Y = 0.299 R + 0.587 G + 0.114 B (Rec. 601
    /// luma), so dark strokes on a light background are drawn.
    public static func picture(path: String) throws -> PixelDensity {
        func fail(_ reason: String) -> RunError { .dataFile(path: path, reason: reason) }
        guard FileManager.default.fileExists(atPath: path) else { throw fail("no such file") }
        guard let data = try? Data(contentsOf: URL(fileURLWithPath: path)) else { throw fail("the file cannot be read") }
        guard let canvas = Canvas.decodePicture([UInt8](data)) else {
            throw fail("libgd cannot read it as a picture; PNG, JPEG and GIF are accepted")
        }
        let w = canvas.width, h = canvas.height
        guard w <= maximumSide && h <= maximumSide else {
            throw fail("the picture is \(w)×\(h) pixels; at most \(maximumSide)×\(maximumSide) are accepted (scale it down)")
        }
        let colors = (0..<(w * h)).map { canvas.pixel(x: $0 % w, y: $0 / w) }   // row by row from the top
        let usesAlpha = colors.contains { $0.a < 255 }
        let weights = colors.map { c -> Double in
            usesAlpha ? Double(c.a) / 255
                : Double(255_000 - (299 * Int(c.r) + 587 * Int(c.g) + 114 * Int(c.b))) / 255_000   // exact 0 for white
        }
        guard weights.contains(where: { $0 > 0 }) else {
            throw fail(usesAlpha ? "no opaque pixel: every pixel is fully transparent"
                                 : "no dark pixel: the picture is white; draw the shape dark on a light background")
        }
        return PixelDensity(width: w, height: h, weights: weights)
    }
}
