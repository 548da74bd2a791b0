import GANCore

/// The settings of issue 4 (objectives, penalties, optimizers, architecture, datasets):
/// the target distribution, the accepted values and the validation of those keys.
extension RunConfig {
    /// The target distribution: the preset's dataset, or the (possibly custom) mixture.
    /// A non-mixture preset takes no `mix_coeffs`, `mean` or `cov`.
    public func target() throws -> any TargetDistribution {
        guard let toy = preset.toyDataset else { return try mixture() }
        for (key, empty) in [("mix_coeffs", mixCoeffs.isEmpty), ("mean", mean.isEmpty), ("cov", cov.isEmpty)] where !empty {
            throw RunError.invalid(field: key, value: "given with preset \(preset.rawValue)",
                                   accepted: "no mixture settings for \(preset.rawValue), which is not a Gaussian mixture; custom mixtures start from a mixture preset (seed, ring8, ring8-veegan, grid25)")
        }
        return toy
    }

    /// Accepted values of the keys that take a name, for messages.
    public static func acceptedValues(forKey key: String) -> String? {
        func list<T: RawRepresentable & CaseIterable>(_: T.Type) -> String where T.RawValue == String {
            T.allCases.map(\.rawValue).joined(separator: ", ")
        }
        switch key {
        case "preset": return Preset.acceptedList
        case "gan_type": return list(GANObjective.self)
        case "optimizer": return list(OptimizerKind.self)
        case "activation", "g_activation", "d_activation": return Self.activations.map(\.rawValue).joined(separator: ", ")
        case "latent": return list(LatentDistribution.self)
        case "layers": return list(FrameLayer.self)
        case "layout": return list(FrameLayout.self)
        default: return nil
        }
    }

    /// The hidden activations a user may choose.
    public static let activations: [Activation] = [.relu, .leakyRelu, .tanh]

    /// Checks the keys of issue 4; throws ``RunError/invalid(field:value:accepted:)``.
    func validateVariants() throws {
        func check(_ ok: Bool, _ key: String, _ value: Any, _ accepted: String) throws {
            if !ok { throw RunError.invalid(field: key, value: "\(value)", accepted: accepted) }
        }
        try check(clip.isFinite && clip > 0, "clip", clip, "a finite number > 0 (WGAN weight clipping bound)")
        try check(gpWeight.isFinite && gpWeight >= 0, "gp_weight", gpWeight, "a finite number ≥ 0")
        for (v, key) in [(alpha, "alpha"), (beta, "beta")] {
            try check(v.isFinite && v > 0, key, v, "a finite number > 0")
        }
        for (v, key) in [(r1, "r1"), (r2, "r2")] {
            try check(v.isFinite && v >= 0, key, v, "a finite number ≥ 0 (0 turns the penalty off)")
        }
        try check((1...64).contains(pack), "pack", pack, "a whole number from 1 to 64")
        try check(batchSize % pack == 0, "pack", pack,
                  "a divisor of batch_size (\(batchSize)): the discriminator sees batch_size/pack packed rows")
        try check((1...100).contains(nCritic), "n_critic", nCritic, "a whole number from 1 to 100")
        try check(epsilon.isFinite && epsilon > 0 && epsilon < 1, "epsilon", epsilon, "a number in (0, 1)")
        try check(momentum.isFinite && momentum >= 0 && momentum < 1, "momentum", momentum, "a number in [0, 1)")
        for (v, key) in [(dLearningRate, "d_learning_rate"), (gLearningRate, "g_learning_rate")] {
            if let v { try check(v.isFinite && v > 0 && v < 10, key, v, "a finite number > 0 and < 10") }
        }
        for (v, key) in [(gHiddenSize, "g_hidden_size"), (dHiddenSize, "d_hidden_size")] {
            if let v { try check(v > 0 && v <= 65_536, key, v, "a whole number from 1 to 65536") }
        }
        for (v, key) in [(gHiddenLayers, "g_hidden_layers"), (dHiddenLayers, "d_hidden_layers")] {
            if let v { try check((0...16).contains(v), key, v, "a whole number from 0 to 16") }
        }
        for (v, key) in [(activation, "activation"), (gActivation ?? activation, "g_activation"),
                         (dActivation ?? activation, "d_activation")] {
            try check(Self.activations.contains(v), key, v.rawValue, Self.acceptedValues(forKey: "activation")!)
        }
        _ = try target()
    }

    /// Copies the keys of issue 4 into the numeric core's settings.
    func applyVariants(to s: inout TrainingSettings) {
        s.latent = latent
        s.generatorHiddenSize = gHiddenSize
        s.generatorHiddenLayers = gHiddenLayers
        s.discriminatorHiddenSize = dHiddenSize
        s.discriminatorHiddenLayers = dHiddenLayers
        s.generatorActivation = gActivation ?? activation
        s.discriminatorActivation = dActivation ?? activation
        s.generatorLearningRate = gLearningRate.map(Float.init)
        s.discriminatorLearningRate = dLearningRate.map(Float.init)
        s.optimizer = optimizer
        s.epsilon = Float(epsilon)
        s.momentum = Float(momentum)
        s.clip = Float(clip)
        s.gpWeight = Float(gpWeight)
        s.alpha = Float(alpha)
        s.beta = Float(beta)
        s.r1 = Float(r1)
        s.r2 = Float(r2)
        s.pack = pack
        s.nCritic = nCritic
    }
}

extension RunConfigOverrides {
    /// Copies the given keys of issue 4 over `c`.
    func applyVariants(to c: inout RunConfig) {
        if let v = clip { c.clip = v }
        if let v = gpWeight { c.gpWeight = v }
        if let v = alpha { c.alpha = v }
        if let v = beta { c.beta = v }
        if let v = r1 { c.r1 = v }
        if let v = r2 { c.r2 = v }
        if let v = pack { c.pack = v }
        if let v = nCritic { c.nCritic = v }
        if let v = optimizer { c.optimizer = v }
        if let v = epsilon { c.epsilon = v }
        if let v = momentum { c.momentum = v }
        if let v = dLearningRate { c.dLearningRate = v }
        if let v = gLearningRate { c.gLearningRate = v }
        if let v = gHiddenSize { c.gHiddenSize = v }
        if let v = gHiddenLayers { c.gHiddenLayers = v }
        if let v = dHiddenSize { c.dHiddenSize = v }
        if let v = dHiddenLayers { c.dHiddenLayers = v }
        if let v = activation { c.activation = v }
        if let v = gActivation { c.gActivation = v }
        if let v = dActivation { c.dActivation = v }
        if let v = latent { c.latent = v }
    }
}
