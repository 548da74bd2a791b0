import Foundation
import GANCore

/// The accepted values of every setting, the checks between settings, memory against what
/// the machine has, and warnings for settings that are valid but probably not meant.
extension RunConfig {
    /// The hidden activations a user may choose.
    public static let activations: [Activation] = [.relu, .leakyRelu, .tanh]

    /// Checks every setting; throws ``RunError/invalid(field:value:accepted:)`` naming the
    /// first bad one. Nothing is written before this passes.
    public func validate() throws {
        func check(_ ok: Bool, _ key: String, _ value: Any, _ accepted: String) throws {
            if !ok { throw RunError.invalid(field: key, value: "\(value)", accepted: accepted) }
        }
        let steps = 1...100_000_000
        let wholes: [(Int?, String, ClosedRange<Int>)] = [
            (numZ, "num_z", 1...65_536), (hiddenSize, "hidden_size", 1...65_536), (hiddenLayers, "hidden_layers", 0...16),
            (batchSize, "batch_size", 1...1_000_000), (numEpochs, "num_epochs", steps), (dispFreq, "disp_freq", steps),
            (animFreq, "anim_freq", steps), (lossFreq, "loss_freq", steps), (fps, "fps", 1...100),
            (frameSamples, "frame_samples", 1...1_000_000), (evalFreq, "eval_freq", steps),
            (evalSamples, "eval_samples", 1...1_000_000), (pack, "pack", 1...64), (nCritic, "n_critic", 1...100),
            (unrolledSteps, "unrolled_steps", 0...100), (heatmapRes, "heatmap_res", 8...512),
            (gHiddenSize, "g_hidden_size", 1...65_536), (dHiddenSize, "d_hidden_size", 1...65_536),
            (gHiddenLayers, "g_hidden_layers", 0...16), (dHiddenLayers, "d_hidden_layers", 0...16)]
        for (v, key, r) in wholes {
            if let v { try check(r.contains(v), key, v, "a whole number from \(r.lowerBound) to \(r.upperBound)") }
        }
        try check(numEpochs / animFreq <= 5000, "anim_freq", animFreq,
                  "at most 5000 animation frames per run: anim_freq ≥ num_epochs/5000 = \((numEpochs + 4999) / 5000)")
        try check(batchSize % pack == 0, "pack", pack,
                  "a divisor of batch_size (\(batchSize)): the discriminator sees batch_size/pack packed rows")
        try check((1...4).contains(scale), "scale", scale, "1 (standard) to 4; 2 for high-density displays")
        for (v, key) in [(learningRate, "learning_rate"), (dLearningRate, "d_learning_rate"), (gLearningRate, "g_learning_rate")] {
            if let v { try check(v.isFinite && v > 0 && v < 10, key, v, "a finite number > 0 and < 10") }
        }
        for (v, key) in [(beta1, "beta1"), (beta2, "beta2"), (momentum, "momentum")] {
            try check((0..<1).contains(v), key, v, "a number in [0, 1)")
        }
        try check(epsilon > 0 && epsilon < 1, "epsilon", epsilon, "a number in (0, 1)")
        try check(clip.isFinite && clip > 0, "clip", clip, "a finite number > 0 (WGAN weight clipping bound)")
        try check(gpWeight.isFinite && gpWeight >= 0, "gp_weight", gpWeight, "a finite number ≥ 0")
        for (v, key) in [(alpha, "alpha"), (beta, "beta")] {
            try check(v.isFinite && v > 0, key, v, "a finite number > 0")
        }
        for (v, key) in [(r1, "r1"), (r2, "r2")] {
            try check(v.isFinite && v >= 0, key, v, "a finite number ≥ 0 (0 turns the penalty off)")
        }
        for (v, key) in [(activation, "activation"), (gActivation ?? activation, "g_activation"), (dActivation ?? activation, "d_activation")] {
            try check(Self.activations.contains(v), key, v.rawValue, Activation.acceptedList)
        }
        try Self.validateName(modelName)
        try check(!resultDir.isEmpty, "result_dir", "", "a directory path")
        try check(!layers.isEmpty, "layers", "(empty)", "a comma-separated list of: \(FrameLayerName.acceptedList)")
        try check(!layers.contains(.density) || layout == .dashboard, "layers", "density",
                  "density with layout dashboard (it is a panel of its own: --layout dashboard)")
        let target = try target()
        try check(!colorByMode || target.mixture != nil, "color_by_mode", "true with preset \(preset.rawValue)",
                  "a Gaussian-mixture target (seed, ring8, ring8-veegan, grid25 or a custom mixture)")
        try validateMemory()
    }

    /// A model name becomes file names: no path separators, no `..`, not empty.
    public static func validateName(_ name: String) throws {
        let bad = name.isEmpty || name.contains("/") || name.contains("\\") || name.contains("..")
            || name.hasPrefix(".") || name.contains("\0") || name.utf8.count > 128
        if bad {
            throw RunError.invalid(field: "model_name", value: name,
                                   accepted: "1–128 characters without '/', '\\', '..' or a leading '.'")
        }
    }

    /// Bytes the run needs, an upper-side estimate: parameters, gradients, partial gradients
    /// and optimizer state per network, activations and scratch for the largest batch, the
    /// noise buffers, a few doubles per evaluation point and the kept losses.
    public var estimatedBytes: Double {
        let s = trainingSettings
        func mlp(_ sizes: [Int], batch: Int) -> Double {
            var params = 0.0, acts = 0.0
            for l in 0..<(sizes.count - 1) { params += Double(sizes[l] * sizes[l + 1] + sizes[l + 1]) }
            for w in sizes.dropFirst() { acts += Double(w) }
            let widest = Double(sizes.max() ?? 1)
            let optimizerBuffers: Double = optimizer == .adam ? 2 : 1
            let b = Double(batch)
            return params * (2 + Double(MLP.rowBlocks - 1) + optimizerBuffers)
                + b * (acts + 2 * widest + Double(sizes[0]))
        }
        let b = batchSize
        var floats = mlp(s.generatorSizes, batch: b)
        floats += Double(ganType.discriminatorCount) * mlp(s.discriminatorSizes, batch: 2 * b / max(pack, 1))
        floats += Double(numZ) * Double(b + frameSamples + evalSamples + Experiment.finalSampleCount)
        floats += 8 * Double(b + frameSamples + evalSamples) + 2 * Double(numEpochs / max(lossFreq, 1) + 1)
        let pairwise = 64 * Double(evalSamples)
        return 4 * floats + pairwise
    }

    /// Bytes the kernel reports as available (`MemAvailable` of /proc/meminfo), or `nil`
    /// where that file does not exist.
    public static func availableMemoryBytes() -> Double? {
        guard let text = try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8) else { return nil }
        return ProcessMemory.parseStatus(text, key: "MemAvailable").map { $0 * 1024 * 1024 }
    }

    /// Refuses a run whose ``estimatedBytes`` exceed the available memory (or 8 GB where it
    /// is unknown). The message names `batch_size`, the usual culprit, and both figures.
    func validateMemory(available: Double? = RunConfig.availableMemoryBytes()) throws {
        let limit = available ?? 8e9
        let need = estimatedBytes
        guard need <= limit else {
            func gb(_ x: Double) -> String { String(format: "%.2f GB", x / 1e9) }
            throw RunError.invalid(field: "batch_size", value: "\(batchSize) (with num_z \(numZ), hidden_size \(hiddenSize), hidden_layers \(hiddenLayers), eval_samples \(evalSamples))",
                                   accepted: "sizes whose buffers fit in memory: this run needs ≈\(gb(need)), \(available == nil ? "the limit without /proc/meminfo is" : "MemAvailable is") \(gb(limit))")
        }
    }

    /// Settings that are valid but probably not what was meant, one sentence each. The
    /// rule: a frequency larger than `num_epochs` fires at most at step 0, so it is worth
    /// a warning, never an error (short trial runs with the default frequencies are common).
    public var warnings: [String] {
        var w: [String] = []
        if animFreq > numEpochs {
            w.append("anim_freq \(animFreq) > num_epochs \(numEpochs): " + (initialFrame
                ? "the GIF will hold only the frame of step 0" : "no animation frame and no GIF will be written (--initial-frame adds the frame of step 0)"))
        }
        if dispFreq > numEpochs {
            w.append("disp_freq \(dispFreq) > num_epochs \(numEpochs): no snapshot R/M/_<step>.png will be written")
        }
        if lossFreq > numEpochs {
            w.append("loss_freq \(lossFreq) > num_epochs \(numEpochs): losses.csv will hold only step 0")
        }
        return w
    }

    /// Checks that the result directory can be created and written, without writing:
    /// the directory itself if it exists, else its nearest existing ancestor, must be a
    /// directory the process may write into. Throws ``RunError/invalid(field:value:accepted:)``
    /// for `result_dir`.
    public func validateResultDirectory() throws {
        let fm = FileManager.default
        func fail(_ why: String) -> RunError {
            .invalid(field: "result_dir", value: resultDir, accepted: "a directory this user can write into (\(why))")
        }
        var path = URL(fileURLWithPath: resultDir).standardizedFileURL.path
        var isDir: ObjCBool = false
        while !fm.fileExists(atPath: path, isDirectory: &isDir) {
            let parent = (path as NSString).deletingLastPathComponent
            if parent == path || parent.isEmpty { throw fail("no existing ancestor of \(resultDir)") }
            path = parent
        }
        guard isDir.boolValue else { throw fail("\(path) is a file, not a directory") }
        guard access(path, W_OK | X_OK) == 0 else { throw fail("\(path) is not writable") }
        let model = URL(fileURLWithPath: resultDir).appendingPathComponent(modelName).path
        if fm.fileExists(atPath: model, isDirectory: &isDir), !isDir.boolValue {
            throw fail("\(model) is a file, not a directory")
        }
    }
}

extension MixtureError {
    /// The error as a bad value of the config key it is about.
    var invalid: RunError {
        let (key, value): (String, String)
        switch self {
        case .empty: (key, value) = ("mix_coeffs", "[]")
        case let .badWeight(i, v): (key, value) = ("mix_coeffs", "weight \(i) = \(v)")
        case let .weightSum(s): (key, value) = ("mix_coeffs", "sum \(s)")
        case let .countMismatch(f, e, g):
            (key, value) = (f, "\(g) entries, but mix_coeffs has \(e) weights (a preset's lists are replaced only by the ones you give)")
        case let .dimension(f, i, g): (key, value) = (f, "entry \(i) has \(g) numbers")
        case let .notFinite(f, i): (key, value) = (f, "entry \(i)")
        case let .badVariance(i, v): (key, value) = ("cov", "entry \(i) = \(v)")
        }
        let accepted = switch key {
        case "mix_coeffs": "finite weights ≥ 0, one per component, summing to 1 (±\(GaussianMixture.weightSumTolerance)); or pass --normalize to divide them by their sum"
        case "mean": "one finite x,y pair per component, e.g. \"0,0;1,1\""
        default: "one pair of finite variances > 0 per component, e.g. \"0.1,0.1;0.1,0.1\""
        }
        return .invalid(field: key, value: value, accepted: accepted)
    }
}
