import Foundation
import GANCore

/// The user's-data figures of `ganscope bench`: reading a CSV of a million points, the four
/// nearest-neighbour metrics on 10,000 against 10,000 points, and drawing a seed-sized batch
/// (512 points) from a file of points and from a picture.
extension Benchmark.Report {
    mutating func measureData() throws {
        var rng = RNG(seed: 13)
        let million = GaussianMixture.ring8.sample(count: 1_000_000, rng: &rng)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ganscope-bench-\(getpid()).csv").path
        try AtomicFile.write(Experiment.csv(points: million), to: path)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var cloud: PointCloud?
        dataCSVReadMs = 1000 * Benchmark.perCall(count: 1) { cloud = try? DataFile.points(path: path) }
        guard let cloud, cloud.count == 1_000_000 else { throw RunError.io(path: path, reason: "the benchmark CSV did not read back") }

        let real = GaussianMixture.ring8.sample(count: 10_000, rng: &rng)
        let generated = GaussianMixture.ring(modes: 8, radius: 2, variance: 0.03).sample(count: 10_000, rng: &rng)
        manifoldMetricsMs = 1000 * Benchmark.perCall(count: 1) { _ = ManifoldMetrics.evaluate(real: real, generated: generated) }

        // A 512×512 picture with every pixel weighted: the largest alias table short of 4096².
        let picture = PixelDensity(width: 512, height: 512, weights: (0..<(512 * 512)).map { Double($0 % 255 + 1) })
        let batch = FloatBuffer(count: 2 * 512)
        pointBatchUs = 1e6 * Benchmark.perCall(count: 2000) { cloud.sample(count: 512, rng: &rng, into: batch.base) }
        pictureBatchUs = 1e6 * Benchmark.perCall(count: 2000) { picture.sample(count: 512, rng: &rng, into: batch.base) }
    }
}
