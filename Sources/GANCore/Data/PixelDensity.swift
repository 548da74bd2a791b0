/// A picture as a 2-D density: a draw picks pixel (i, j) (column i, row j from the top) with
/// probability w_ij / Σw, then a uniform point inside it. Centred, y up, the longer side
/// spanning [−2, 2]: pixel (i, j) covers x ∈ [(i − W/2)·s, (i + 1 − W/2)·s],
/// y ∈ [(H/2 − j − 1)·s, (H/2 − j)·s], s = 4 / max(W, H). Pixels come from an alias table
/// (Walker, Vose's construction): one uniform picks a slot and its pixel or alias.
public struct PixelDensity: TargetDistribution, Equatable {
    /// Pixels per row.
    public let width: Int
    /// Pixel rows.
    public let height: Int
    /// Pixel size s in data units.
    public let pixelSize: Double

    /// Slot k of the alias table: keep `pixel` with probability `keep`, else take `alias`
    /// (row-major indices j·W + i of pixels with w > 0).
    struct Slot: Equatable {
        var keep: Double
        var pixel: Int32
        var alias: Int32
    }
    let slots: [Slot]

    /// `weights` holds W·H values ≥ 0, row by row from the top, with at least one > 0.
    public init(width: Int, height: Int, weights: [Double]) {
        precondition(width > 0 && height > 0 && weights.count == width * height, "weights must hold width × height values")
        let used = weights.indices.filter { weights[$0] > 0 }
        let total = used.reduce(0.0) { $0 + weights[$1] }
        precondition(total > 0 && total.isFinite, "a pixel density needs a positive, finite total weight")
        self.width = width
        self.height = height
        pixelSize = 4 / Double(max(width, height))
        slots = Self.aliasTable(used.map { Int32($0) }, scaled: used.map { weights[$0] * Double(used.count) / total })
    }

    /// Vose: each slot starts as its own pixel with probability n·p; a slot below 1 is
    /// topped up by a slot above 1, which becomes its alias and loses what it gave.
    static func aliasTable(_ pixels: [Int32], scaled p: [Double]) -> [Slot] {
        var slots = pixels.map { Slot(keep: 1, pixel: $0, alias: $0) }
        var p = p
        var small = p.indices.filter { p[$0] < 1 }, large = p.indices.filter { p[$0] >= 1 }
        while let s = small.popLast(), let l = large.last {
            slots[s].keep = p[s]
            slots[s].alias = pixels[l]
            p[l] -= 1 - p[s]
            if p[l] < 1 { large.removeLast(); small.append(l) }
        }
        // What is left is 1 up to rounding: keep the slot's own pixel.
        return slots
    }

    public func sample(count: Int, rng: inout RNG, into out: UnsafeMutablePointer<Float>) {
        let w = Int32(width), halfW = Double(width) / 2, halfH = Double(height) / 2
        let n = Double(slots.count)
        slots.withUnsafeBufferPointer { table in
            for i in 0..<count {
                let u = rng.uniform() * n
                let k = min(Int(u), table.count - 1)
                let slot = table[k]
                let p = u - Double(k) < slot.keep ? slot.pixel : slot.alias
                let column = Double(p % w), row = Double(p / w)
                out[2 * i] = Float((column + rng.uniform() - halfW) * pixelSize)
                out[2 * i + 1] = Float((halfH - row - rng.uniform()) * pixelSize)
            }
        }
    }
}
