import Foundation

/// The built-in objectives (`--gan-type`; docs/variants.md), from D's raw output ℓ (D = σ(ℓ)
/// for cross-entropy). Log-probabilities are softplus terms, never log(sigmoid(·)), so every
/// loss stays finite. The trainer applies WGAN's clipping and WGAN-GP's penalty.
public enum GANObjective: String, Sendable, CaseIterable, Codable, AdversarialObjective {
    /// The minimax game (See_GANs GAN.py).
    case gan
    /// The non-saturating generator loss (the blog).
    case nsgan
    /// Wasserstein GAN with weight clipping (Arjovsky et al. 2017; See_GANs WGAN).
    case wgan
    /// Wasserstein GAN with a gradient penalty on random interpolates (Gulrajani et al. 2017).
    case wganGP = "wgan-gp"
    /// Least-squares GAN with the 0-1 coding a = 0, b = c = 1 (Mao et al. 2017).
    case lsgan
    /// Hinge loss (Lim & Ye 2017; Miyato et al. 2018).
    case hinge
    /// Dual discriminator GAN (Nguyen et al. 2017), D_k = softplus(ℓ_k) > 0:
    /// L_D1 = E[−α log D1(x)] + E[D1(G(z))], L_D2 = E[D2(x)] + E[−β log D2(G(z))],
    /// L_D = L_D1 + L_D2, L_G = E[−D1(G(z)) + β log D2(G(z))] (log D_k by ``logSoftplus(_:)``).
    case d2gan

    /// Model name used when none is given: the type in capitals (`GAN`, `NSGAN`, `WGAN-GP`).
    public var defaultModelName: String { rawValue.uppercased() }

    /// Number of discriminators (2 for ``d2gan``, else 1).
    public var discriminatorCount: Int { self == .d2gan ? 2 : 1 }

    /// Whether every critic parameter is clipped to [−c, c] after each critic update.
    public var clipsWeights: Bool { self == .wgan }

    /// Whether the WGAN-GP penalty λ·E(‖∇D(x̂)‖ − 1)² is added to the critic loss.
    public var usesGradientPenalty: Bool { self == .wganGP }

    /// Whether σ(ℓ) is D's probability (the cross-entropy objectives, `gan` and `nsgan`).
    public var outputIsProbability: Bool { self == .gan || self == .nsgan }

    /// One row of L_D: its loss term (before the mean) and ∂term/∂ℓ (before the 1/n).
    ///
    /// | type | real row | fake row |
    /// |---|---|---|
    /// | `gan`, `nsgan` | softplus(−ℓ), σ(ℓ) − 1 | softplus(ℓ), σ(ℓ) |
    /// | `wgan`, `wgan-gp` | −ℓ, −1 | ℓ, 1 |
    /// | `lsgan` | ½(ℓ − 1)², ℓ − 1 | ½ℓ², ℓ |
    /// | `hinge` | relu(1 − ℓ), −[1 − ℓ > 0] | relu(1 + ℓ), [1 + ℓ > 0] |
    /// | `d2gan` D1 | −α log softplus(ℓ) | softplus(ℓ) |
    /// | `d2gan` D2 | softplus(ℓ) | −β log softplus(ℓ) |
    @inline(__always)
    public func discriminatorTerm(head: Int, logit l: Float, real: Bool, alpha: Float, beta: Float) -> (Float, Float) {
        switch self {
        case .gan, .nsgan:
            // −log σ(ℓ_r) and −log(1 − σ(ℓ_f)).
            return real ? (softplus(-l), sigmoid(l) - 1) : (softplus(l), sigmoid(l))
        case .wgan, .wganGP:
            return real ? (-l, -1) : (l, 1)
        case .lsgan:
            let e = real ? l - 1 : l
            return (0.5 * e * e, e)
        case .hinge:
            let m = real ? 1 - l : 1 + l
            return (Swift.max(m, 0), m > 0 ? (real ? -1 : 1) : 0)
        case .d2gan:
            if (head == 0) == real {
                // D1 on real rows, D2 on fake rows: −w log softplus(ℓ).
                let w = real ? alpha : beta
                return (-(w * logSoftplus(l)), -w * logSoftplusDerivative(l))
            }
            return (softplus(l), sigmoid(l))
        }
    }

    /// One row of L_G: its loss term and ∂term/∂ℓ (before the 1/n).
    ///
    /// | type | term, ∂ |
    /// |---|---|
    /// | `gan` | −softplus(ℓ), −σ(ℓ) |
    /// | `nsgan` | softplus(−ℓ), σ(ℓ) − 1 |
    /// | `wgan`, `wgan-gp`, `hinge` | −ℓ, −1 |
    /// | `lsgan` | ½(ℓ − 1)², ℓ − 1 |
    /// | `d2gan` | head 0: −softplus(ℓ), −σ(ℓ); head 1: β log softplus(ℓ), β σ(ℓ)/softplus(ℓ) |
    @inline(__always)
    public func generatorTerm(head: Int, logit l: Float, beta: Float) -> (Float, Float) {
        switch self {
        case .gan:
            return (-softplus(l), -sigmoid(l))
        case .nsgan:
            return (softplus(-l), sigmoid(l) - 1)
        case .wgan, .wganGP, .hinge:
            return (-l, -1)
        case .lsgan:
            let e = l - 1
            return (0.5 * e * e, e)
        case .d2gan:
            if head == 0 { return (-softplus(l), -sigmoid(l)) }
            return (beta * logSoftplus(l), beta * logSoftplusDerivative(l))
        }
    }
}

/// softplus(u) = log(1 + eᵘ), computed as max(u, 0) + log1p(e^(−|u|)): exact and finite for all u.
@inline(__always)
public func softplus(_ u: Float) -> Float {
    Swift.max(u, 0) + log1p(exp(-abs(u)))
}

/// σ(u) = 1/(1 + e^(−u)), evaluated on the side that cannot overflow.
@inline(__always)
public func sigmoid(_ u: Float) -> Float {
    if u >= 0 { return 1 / (1 + exp(-u)) }
    let e = exp(u)
    return e / (1 + e)
}

/// log softplus(u), finite for every finite u: for u < −15, softplus(u) = eᵘ(1 − eᵘ/2 + …),
/// so log softplus(u) = u + log1p(−eᵘ/2) to within e^(2u) (below Float resolution), where
/// the direct form would underflow to log 0 = −∞ near u ≈ −104.
@inline(__always)
public func logSoftplus(_ u: Float) -> Float {
    u < -15 ? u + log1p(-0.5 * exp(u)) : log(softplus(u))
}

/// d/du log softplus(u) = σ(u)/softplus(u), → 1 as u → −∞ (where both vanish like eᵘ).
@inline(__always)
public func logSoftplusDerivative(_ u: Float) -> Float {
    u < -15 ? 1 - 0.5 * exp(u) : sigmoid(u) / softplus(u)
}
