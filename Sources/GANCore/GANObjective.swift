import Foundation

/// The adversarial objectives, computed from discriminator logits ℓ with D = σ(ℓ).
///
/// Every log-probability is a softplus, never log(sigmoid(·)), so losses stay finite for
/// any logit: −log σ(ℓ) = softplus(−ℓ) and −log(1 − σ(ℓ)) = softplus(ℓ), with
/// softplus(u) = max(u, 0) + log(1 + e^(−|u|)).
///
/// - Discriminator (both): L_D = mean_real softplus(−ℓ) + mean_fake softplus(ℓ)
///   = −mean[log D(x) + log(1 − D(G(z)))].
/// - ``gan`` (See_GANs GAN.py, the minimax game): G minimizes mean log(1 − D(G(z)))
///   = −mean softplus(ℓ_fake).
/// - ``nsgan`` (the blog, non-saturating): G minimizes −mean log D(G(z)) = mean softplus(−ℓ_fake).
public enum GANObjective: String, Sendable, CaseIterable, Codable {
    case gan
    case nsgan

    /// Model name used when none is given: the type in capitals (`GAN`, `NSGAN`).
    public var defaultModelName: String { rawValue.uppercased() }

    /// Discriminator loss over `[real; fake]` logits: `realCount` real logits followed by
    /// `fakeCount` fake ones. Writes ∂L_D/∂ℓ into `grad` (same layout) and returns L_D.
    /// ∂/∂ℓ_real = (σ(ℓ) − 1)/n_real, ∂/∂ℓ_fake = σ(ℓ)/n_fake.
    public func discriminatorLoss(logits: UnsafePointer<Float>, realCount: Int, fakeCount: Int,
                                  grad: UnsafeMutablePointer<Float>) -> Float {
        var realSum = 0.0, fakeSum = 0.0
        let invR = 1 / Float(realCount), invF = 1 / Float(fakeCount)
        for i in 0..<realCount {
            let l = logits[i]
            realSum += Double(softplus(-l))
            grad[i] = (sigmoid(l) - 1) * invR
        }
        for i in realCount..<(realCount + fakeCount) {
            let l = logits[i]
            fakeSum += Double(softplus(l))
            grad[i] = sigmoid(l) * invF
        }
        return Float(realSum / Double(realCount) + fakeSum / Double(fakeCount))
    }

    /// Generator loss over fake logits; writes ∂L_G/∂ℓ into `grad` and returns L_G.
    public func generatorLoss(logits: UnsafePointer<Float>, count: Int,
                              grad: UnsafeMutablePointer<Float>) -> Float {
        var sum = 0.0
        let inv = 1 / Float(count)
        switch self {
        case .gan:
            for i in 0..<count {
                let l = logits[i]
                sum -= Double(softplus(l))
                grad[i] = -sigmoid(l) * inv
            }
        case .nsgan:
            for i in 0..<count {
                let l = logits[i]
                sum += Double(softplus(-l))
                grad[i] = (sigmoid(l) - 1) * inv
            }
        }
        return Float(sum / Double(count))
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
