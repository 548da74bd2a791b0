import Foundation

/// An adversarial objective: the losses of D and G and their gradients from D's raw outputs ℓ.
/// Every loss is a mean of per-row terms, so an objective gives one row's term and ∂term/∂ℓ;
/// the batch functions below sum the terms in a fixed order (the same loss whichever threads
/// computed them) and scale the derivatives by 1/n. The built-ins are ``GANObjective``'s
/// cases; a custom one implements the two row functions (the rest have defaults).
public protocol AdversarialObjective: Sendable {
    /// One row of L_D through discriminator `head`: the term before the mean over its half of
    /// the batch, and ∂term/∂ℓ; `alpha`, `beta` are the run's α, β (ignored if unused).
    func discriminatorTerm(head: Int, logit: Float, real: Bool, alpha: Float, beta: Float) -> (Float, Float)
    /// One row of L_G through discriminator `head`: the term before the mean, and ∂term/∂ℓ.
    func generatorTerm(head: Int, logit: Float, beta: Float) -> (Float, Float)
    /// Number of discriminators, each its own network (default 1).
    var discriminatorCount: Int { get }
    /// Whether every critic parameter is clipped to [−c, c] after each critic update (default `false`).
    var clipsWeights: Bool { get }
    /// Whether the WGAN-GP penalty λ·E(‖∇D(x̂)‖ − 1)² is added to the critic loss (default `false`).
    var usesGradientPenalty: Bool { get }
    /// Whether σ(ℓ) is D's probability of real: frames then show σ(ℓ) and the D = 0.5 contour,
    /// else the raw value about its median (default `false`).
    var outputIsProbability: Bool { get }
}

extension AdversarialObjective {
    /// One discriminator.
    public var discriminatorCount: Int { 1 }
    /// No weight clipping.
    public var clipsWeights: Bool { false }
    /// No gradient penalty.
    public var usesGradientPenalty: Bool { false }
    /// D's output is a critic value.
    public var outputIsProbability: Bool { false }

    /// L_D of head `head` over `[real; fake]` outputs (`realCount` then `fakeCount`); writes
    /// ∂L_D/∂ℓ into `grad` (same layout).
    public func discriminatorLoss(head: Int = 0, logits: UnsafePointer<Float>, realCount: Int, fakeCount: Int,
                                  grad: UnsafeMutablePointer<Float>, alpha: Float = 1, beta: Float = 1) -> Float {
        var realSum = 0.0, fakeSum = 0.0
        let invR = 1 / Float(realCount), invF = 1 / Float(fakeCount)
        for i in 0..<(realCount + fakeCount) {
            let real = i < realCount
            let (t, g) = discriminatorTerm(head: head, logit: logits[i], real: real, alpha: alpha, beta: beta)
            if real { realSum += Double(t) } else { fakeSum += Double(t) }
            grad[i] = g * (real ? invR : invF)
        }
        return Float(realSum / Double(realCount) + fakeSum / Double(fakeCount))
    }

    /// ∂L_D/∂ℓ into `grad` and each row's term into `terms` for `rows` only of a batch arranged
    /// as `layout` says, so a row block forms its gradient right after its forward pass;
    /// ``discriminatorLoss(terms:layout:)`` then sums the terms in the whole-batch order.
    public func discriminatorGradient(head: Int = 0, logits: UnsafePointer<Float>, rows: Range<Int>,
                                      layout: DiscriminatorBatchLayout, grad: UnsafeMutablePointer<Float>,
                                      terms: UnsafeMutablePointer<Float>, alpha: Float = 1, beta: Float = 1) {
        let inv = 1 / Float(layout.count)
        layout.forEachRun(in: rows) { run, real, _ in
            for i in run {
                let (t, g) = discriminatorTerm(head: head, logit: logits[i], real: real, alpha: alpha, beta: beta)
                terms[i] = t; grad[i] = g * inv
            }
        }
    }

    /// L_D from the per-row terms of ``discriminatorGradient(head:logits:rows:layout:grad:terms:alpha:beta:)``.
    public func discriminatorLoss(terms: UnsafePointer<Float>, layout: DiscriminatorBatchLayout) -> Float {
        var realSum = 0.0, fakeSum = 0.0
        for k in 0..<layout.blocks {   // each half in sample order, as the whole-batch sums
            for i in layout.realRows(k) { realSum += Double(terms[i]) }
            for i in layout.fakeRows(k) { fakeSum += Double(terms[i]) }
        }
        let n = Double(layout.count)
        return Float(realSum / n + fakeSum / n)
    }

    /// L_G's share through head `head` (two heads: L_G is their sum); writes ∂L_G/∂ℓ into `grad`.
    public func generatorLoss(head: Int = 0, logits: UnsafePointer<Float>, count: Int,
                              grad: UnsafeMutablePointer<Float>, beta: Float = 1) -> Float {
        withUnsafeTemporaryAllocation(of: Float.self, capacity: Swift.max(count, 1)) { terms in
            generatorGradient(head: head, logits: logits, rows: 0..<count, count: count, grad: grad,
                              terms: terms.baseAddress!, beta: beta)
            return generatorLoss(terms: terms.baseAddress!, count: count)
        }
    }

    /// ∂L_G/∂ℓ and each row's term for `rows` only; ``generatorLoss(terms:count:)`` sums them.
    public func generatorGradient(head: Int = 0, logits: UnsafePointer<Float>, rows: Range<Int>, count: Int,
                                  grad: UnsafeMutablePointer<Float>, terms: UnsafeMutablePointer<Float>, beta: Float = 1) {
        let inv = 1 / Float(count)
        for i in rows {
            let (t, g) = generatorTerm(head: head, logit: logits[i], beta: beta)
            terms[i] = t; grad[i] = g * inv
        }
    }

    /// L_G from the per-row terms of ``generatorGradient(head:logits:rows:count:grad:terms:beta:)``.
    public func generatorLoss(terms: UnsafePointer<Float>, count: Int) -> Float {
        var sum = 0.0
        for i in 0..<count { sum += Double(terms[i]) }
        return Float(sum / Double(count))
    }
}
