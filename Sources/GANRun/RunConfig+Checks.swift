import Foundation
import GANCore

/// The checks of issue 7 beyond single values: memory against what the machine has,
/// frequencies that make little sense (warnings), the result directory, and a stable hash
/// of the settings for checkpoints.
extension RunConfig {
    /// Bytes the run needs, roughly: per network its parameters, gradients, one partial
    /// gradient per extra row block and the optimizer state (2 buffers for Adam, 1 for
    /// RMSProp and SGD); activations and backward scratch for the largest batch; the
    /// noise of a step, of a frame, of an evaluation and of the final 10,000 samples; a few
    /// doubles per evaluation point (the pairwise sums are streamed, not stored) and the
    /// losses kept in memory. An upper-side estimate: it ignores code and libraries.
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
        guard let data = FileManager.default.contents(atPath: "/proc/meminfo") else { return nil }
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") where line.hasPrefix("MemAvailable:") {
            let parts = line.split(separator: " ")
            if parts.count >= 2, let kb = Double(parts[1]) { return kb * 1024 }
        }
        return nil
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
            w.append("anim_freq \(animFreq) > num_epochs \(numEpochs): the GIF will hold only the frame of step 0")
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
        var path = URL(fileURLWithPath: resultDir).standardizedFileURL.path
        func fail(_ why: String) -> RunError {
            .invalid(field: "result_dir", value: resultDir, accepted: "a directory this user can write into (\(why))")
        }
        while true {
            var isDir: ObjCBool = false
            if fm.fileExists(atPath: path, isDirectory: &isDir) {
                guard isDir.boolValue else { throw fail("\(path) is a file, not a directory") }
                guard access(path, W_OK | X_OK) == 0 else { throw fail("\(path) is not writable") }
                let model = URL(fileURLWithPath: resultDir).appendingPathComponent(modelName).path
                if fm.fileExists(atPath: model, isDirectory: &isDir), !isDir.boolValue {
                    throw fail("\(model) is a file, not a directory")
                }
                return
            }
            let parent = (path as NSString).deletingLastPathComponent
            if parent == path || parent.isEmpty { throw fail("no existing ancestor of \(resultDir)") }
            path = parent
        }
    }

    /// FNV-1a (64 bit) of the settings that determine the numbers of a run: the config as
    /// written to `config.json`, with `result_dir` and `model_name` blanked (a run directory
    /// may be moved or renamed and still resumed).
    public var settingsHash: UInt64 {
        var c = self
        c.resultDir = ""
        c.modelName = ""
        let text = (try? Experiment.json(c)) ?? ""
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 { h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        return h
    }
}

extension RunConfig {
    /// `--normalize`: divides `mix_coeffs` by their sum, so weights like `1,3` mean
    /// `0.25,0.75`. The weights must be finite and ≥ 0 with a sum > 0 (and at most 1e300,
    /// so the division is exact enough); otherwise ``RunError/invalid(field:value:accepted:)``.
    public mutating func normalizeWeights() throws {
        guard !mixCoeffs.isEmpty else { return }   // a dataset preset: nothing to normalize
        let sum = mixCoeffs.reduce(0, +)
        guard mixCoeffs.allSatisfy({ $0.isFinite && $0 >= 0 }), sum > 0, sum.isFinite else {
            throw RunError.invalid(field: "mix_coeffs", value: mixCoeffs.map { "\($0)" }.joined(separator: ","),
                                   accepted: "with --normalize: finite weights ≥ 0 with a positive, finite sum")
        }
        mixCoeffs = mixCoeffs.map { $0 / sum }
    }
}
