/// A picture used as a 2-D density: pixel (i, j) (column i, row j, top row 0) has weight
/// w_ij ≥ 0, and a draw picks a pixel with probability w_ij / Σw, then a uniform point
/// inside it.
///
/// Coordinates keep the picture's aspect ratio with y pointing up: the longer side spans
/// [−2, 2] and the picture is centred on the origin, so pixel (i, j) covers
/// x ∈ [(i − W/2)·s, (i + 1 − W/2)·s], y ∈ [(H/2 − j − 1)·s, (H/2 − j)·s] with s = 4 / max(W, H).
/// Pixels are chosen with a cumulative table and a binary search (one uniform, log₂ of the
/// number of weighted pixels comparisons), then two uniforms place the point in the pixel.
public struct PixelDensity: TargetDistribution, Equatable {
    public let width: Int
    public let height: Int
    /// Pixel size s in data units.
    public let pixelSize: Double
    /// Row-major indices j·W + i of the pixels with w > 0.
    private let pixels: [Int32]
    /// cumulative[p] = Σ of the weights of pixels[0...p] / Σw; the last entry is 1.
    private let cumulative: [Double]

    /// `weights` holds W·H values ≥ 0, row by row from the top, with at least one > 0.
    public init(width: Int, height: Int, weights: [Double]) {
        precondition(width > 0 && height > 0 && weights.count == width * height, "weights must hold width × height values")
        var pixels: [Int32] = [], cumulative: [Double] = []
        var total = 0.0
        for (p, w) in weights.enumerated() where w > 0 {
            total += w
            pixels.append(Int32(p))
            cumulative.append(total)
        }
        precondition(total > 0 && total.isFinite, "a pixel density needs a positive, finite total weight")
        for p in cumulative.indices { cumulative[p] /= total }
        cumulative[cumulative.count - 1] = 1
        self.width = width
        self.height = height
        self.pixelSize = 4 / Double(max(width, height))
        self.pixels = pixels
        self.cumulative = cumulative
    }

    public var mixture: GaussianMixture? { nil }

    /// The data range of the whole picture.
    public var bounds: (x: ClosedRange<Double>, y: ClosedRange<Double>) {
        let hx = Double(width) * pixelSize / 2, hy = Double(height) * pixelSize / 2
        return (-hx...hx, -hy...hy)
    }

    public func sample(count: Int, rng: inout RNG, into out: UnsafeMutablePointer<Float>) {
        let w = Int32(width), halfW = Double(width) / 2, halfH = Double(height) / 2
        for i in 0..<count {
            let p = Int(pixels[index(for: rng.uniform())])
            let column = Double(Int32(p) % w), row = Double(Int32(p) / w)
            out[2 * i] = Float((column + rng.uniform() - halfW) * pixelSize)
            out[2 * i + 1] = Float((halfH - row - rng.uniform()) * pixelSize)
        }
    }

    /// The first p with u < cumulative[p] (binary search); u in [0, 1).
    @inline(__always)
    private func index(for u: Double) -> Int {
        var lo = 0, hi = cumulative.count - 1
        while lo < hi {
            let mid = (lo + hi) / 2
            if u < cumulative[mid] { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }
}
