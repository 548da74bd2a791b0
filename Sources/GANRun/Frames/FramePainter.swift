import GANCore
import GANRender

/// Draws the seed's scatter frame for one step: fixed real points as red '+', generated
/// points (from fixed noise, so they move smoothly between frames) as blue 'x'.
public struct FramePainter {
    /// The view along x, `auto` resolved.
    public let xlim: ClosedRange<Double>
    /// The view along y, `auto` resolved.
    public let ylim: ClosedRange<Double>
    /// The model name in the title.
    public let modelName: String
    /// The frame's fixed real points, interleaved x, y.
    public let real: [Float]
    /// The target as a mixture, `nil` when it is not one.
    public let mixture: GaussianMixture?

    /// Resolves `auto` limits once from the target: every mixture mean ± 4σ, or (for a
    /// target that is not a mixture, `mixture == nil`) the range of the real points; plus a margin.
    public init(config: RunConfig, mixture: GaussianMixture?, real: [Float]) {
        func fit(_ limits: AxisLimits, _ axis: Int) -> ClosedRange<Double> {
            if case let .fixed(lo, hi) = limits { return lo...hi }
            var lo = Double.infinity, hi = -Double.infinity
            if let mixture {
                for k in 0..<mixture.componentCount {
                    let s = 4 * mixture.variances[k][axis].squareRoot()
                    lo = min(lo, mixture.means[k][axis] - s)
                    hi = max(hi, mixture.means[k][axis] + s)
                }
            } else {
                for i in stride(from: axis, to: real.count, by: 2) where real[i].isFinite {
                    lo = min(lo, Double(real[i])); hi = max(hi, Double(real[i]))
                }
                if !(lo < hi) { (lo, hi) = (-1, 1) }
            }
            let pad = 0.1 * (hi - lo)
            return (lo - pad)...(hi + pad)
        }
        xlim = fit(config.xlim, 0)
        ylim = fit(config.ylim, 1)
        modelName = config.modelName
        self.real = real
        self.mixture = mixture
    }

    /// The fixed real points of the frames: for a file of points a uniform random subset of
    /// min(`count`, N) of them, else `count` points of the target.
    public static func realPoints(of target: any TargetDistribution, count: Int, rng: inout RNG) -> [Float] {
        (target as? PointCloud)?.subset(count: count, rng: &rng) ?? target.sample(count: count, rng: &rng)
    }

    /// PNG bytes of the frame for `step` with `generated` points (interleaved x, y).
    public func png(step: Int, generated: [Float]) -> [UInt8] {
        Self.encode(ScatterFrame(series: [.seedReal(real), .seedGenerated(generated)],
                                 title: "\(modelName) · step \(step)", xlim: xlim, ylim: ylim).render())
    }

    /// How every animation frame is stored: a palette PNG of at most 256 colours (exact when the
    /// frame has that few; the GIF has 256 per frame anyway) at zlib level 1, the fastest.
    public static func encode(_ canvas: Canvas) -> [UInt8] {
        canvas.pngData(compression: 1, palette: true)
    }
}
