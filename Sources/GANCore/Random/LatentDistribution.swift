/// The distribution of the generator's noise z (`--latent`).
public enum LatentDistribution: String, Sendable, CaseIterable, Codable {
    /// z ~ N(0, I) (the seed's).
    case normal
    /// z ~ U[−1, 1) per coordinate.
    case uniform

    /// Fills `count` floats at `p` with independent draws.
    @inline(__always)
    public func fill(_ p: UnsafeMutablePointer<Float>, count: Int, rng: inout RNG) {
        switch self {
        case .normal: rng.fillNormal(p, count: count)
        case .uniform: rng.fillUniform(p, count: count, lo: -1, hi: 1)
        }
    }
}
