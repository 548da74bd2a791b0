import Foundation
import Testing
@testable import GANCore

/// The user's data as distributions: a point cloud drawn with replacement, a picture drawn
/// pixel by pixel in proportion to its weights.
@Suite("Point clouds and pixel densities")
struct DataDistributionTests {
    @Test func pictureDrawsPixelsInProportionToTheirWeights() {
        // 2×1 picture, weights 1 and 3: s = 4/2 = 2, pixel 0 covers x ∈ [−2, 0], pixel 1 [0, 2], y ∈ [−1, 1].
        let d = PixelDensity(width: 2, height: 1, weights: [1, 3])
        var rng = RNG(seed: 1)
        let p = d.sample(count: 40_000, rng: &rng)
        let right = stride(from: 0, to: p.count, by: 2).filter { p[$0] > 0 }.count
        // Binomial standard deviation √(0.75·0.25/40000) ≈ 0.0022: 0.01 is 4.6 of them.
        #expect(abs(Double(right) / 40_000 - 0.75) < 0.01, "\(right)")
        #expect(p.indices.allSatisfy { $0 % 2 == 0 ? abs(p[$0]) <= 2 : abs(p[$0]) <= 1 })
        #expect(d.pixelSize == 2 && Double(d.width) * d.pixelSize == 4 && Double(d.height) * d.pixelSize == 2)
    }

    /// The probability the alias table gives each pixel, (keep_k + Σ_{slots j aliasing it}
    /// (1 − keep_j)) / n, is its weight over the total.
    @Test func aliasTableGivesEachPixelItsWeight() {
        var rng = RNG(seed: 5)
        let weights = (0..<300).map { i -> Double in i % 7 == 0 ? 0 : rng.uniform() * (i % 3 == 0 ? 10 : 1) }
        let d = PixelDensity(width: 20, height: 15, weights: weights)
        let total = weights.reduce(0, +)
        var p = [Double](repeating: 0, count: weights.count)
        for slot in d.slots {
            p[Int(slot.pixel)] += slot.keep / Double(d.slots.count)
            p[Int(slot.alias)] += (1 - slot.keep) / Double(d.slots.count)
        }
        for i in weights.indices { #expect(abs(p[i] - weights[i] / total) < 1e-12, "pixel \(i)") }
    }

    @Test func yPointsUpAndTheAspectRatioIsKept() {
        // 1 wide, 2 high, only the top pixel weighted: s = 2, x ∈ [−1, 1], y ∈ [0, 2].
        let d = PixelDensity(width: 1, height: 2, weights: [0.5, 0])
        var rng = RNG(seed: 2)
        let p = d.sample(count: 2000, rng: &rng)
        for i in stride(from: 0, to: p.count, by: 2) {
            #expect(p[i] >= -1 && p[i] <= 1 && p[i + 1] >= 0 && p[i + 1] <= 2)
        }
        // Uniform jitter inside the pixel: both halves of the pixel get points.
        #expect(stride(from: 1, to: p.count, by: 2).contains { p[$0] > 1.5 } && stride(from: 1, to: p.count, by: 2).contains { p[$0] < 0.5 })
        #expect(d.pixelSize == 2)
    }

    @Test func samePictureAndSeedGiveTheSamePoints() {
        let weights = (0..<64).map { Double(($0 * 37) % 11) }
        let d = PixelDensity(width: 16, height: 4, weights: weights)
        var a = RNG(seed: 9), b = RNG(seed: 9)
        #expect(d.sample(count: 500, rng: &a) == d.sample(count: 500, rng: &b))
    }

    @Test func cloudDrawsOnlyItsOwnPointsAndAllOfThem() {
        let points: [Float] = (0..<10).flatMap { [Float($0), Float(-$0)] }
        let cloud = PointCloud(points: points)
        var rng = RNG(seed: 3)
        let p = cloud.sample(count: 5000, rng: &rng)
        var seen = Set<Float>()
        for i in stride(from: 0, to: p.count, by: 2) {
            #expect(p[i + 1] == -p[i] && p[i] >= 0 && p[i] <= 9 && p[i] == p[i].rounded())
            seen.insert(p[i])
        }
        #expect(seen.count == 10)
    }

    @Test func subsetIsDistinctAndSplitPartitions() {
        let points: [Float] = (0..<200).flatMap { [Float($0), 0.5] }
        let cloud = PointCloud(points: points)
        var rng = RNG(seed: 4)
        let s = cloud.subset(count: 150, rng: &rng)
        #expect(Set(stride(from: 0, to: s.count, by: 2).map { s[$0] }).count == 150)
        #expect(cloud.subset(count: 500, rng: &rng).count == 400)   // all 200 points
        let (rest, held) = cloud.split(heldOut: 40, rng: &rng)
        #expect(rest.count == 160 && held.count == 80)
        let xs = stride(from: 0, to: held.count, by: 2).map { held[$0] } + stride(from: 0, to: rest.points.count, by: 2).map { rest.points[$0] }
        #expect(xs.sorted() == (0..<200).map(Float.init))
    }
}
