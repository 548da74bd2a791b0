import Foundation

/// Where the files of model M in result directory R go, named exactly as the seed names them.
public struct RunLayout: Sendable, Equatable {
    /// R, the result directory.
    public let resultDir: String
    /// M, the model name.
    public let modelName: String

    /// The layout of model M in R.
    public init(resultDir: String, modelName: String) {
        self.resultDir = resultDir
        self.modelName = modelName
    }

    /// `R/M`.
    public var modelDir: String { resultDir + "/" + modelName }
    /// `R/M/_<step>.png`, the snapshot every `disp_freq` steps.
    public func snapshot(step: Int) -> String { modelDir + "/_\(step).png" }
    /// `M_epoch<index>.png`, three digits: index = step / `anim_freq`, from 001 as the seed
    /// (000, the untrained generator, with `initial_frame`).
    public func animationFrameName(index: Int) -> String { modelName + "_epoch" + String(format: "%03d", index) + ".png" }
    /// `R/M_epoch<index>.png`.
    public func animationFrame(index: Int) -> String { resultDir + "/" + animationFrameName(index: index) }
    /// `M_generate_animation.gif`.
    public var gifName: String { modelName + "_generate_animation.gif" }
    /// `R/M_generate_animation.gif`.
    public var gif: String { resultDir + "/" + gifName }
    /// `R/M/losses.csv`.
    public var lossesCSV: String { modelDir + "/losses.csv" }
    /// `R/M/losses.png`.
    public var lossChart: String { modelDir + "/losses.png" }
    /// `R/M/samples.csv`.
    public var samplesCSV: String { modelDir + "/samples.csv" }
    /// `R/M/config.json`.
    public var configJSON: String { modelDir + "/config.json" }
    /// `R/M/summary.json`.
    public var summaryJSON: String { modelDir + "/summary.json" }
    /// `R/M/metrics.csv`, one row per evaluation.
    public var metricsCSV: String { modelDir + "/metrics.csv" }
    /// `R/M/metrics_<name>.png`, e.g. `metrics_modes.png`.
    public func metricChart(_ name: String) -> String { modelDir + "/metrics_" + name + ".png" }
    /// `R/M/mode_histogram.png`.
    public var modeHistogramChart: String { modelDir + "/mode_histogram.png" }
    /// `R/index.html`, the report of every model in R.
    public var index: String { resultDir + "/index.html" }
    /// `R/M/checkpoint.bin`, see `Checkpoint`.
    public var checkpoint: String { modelDir + "/checkpoint.bin" }

    /// Animation frames present on disk, sorted by index: `(index, file name)`.
    public func existingAnimationFrames() -> [(index: Int, name: String)] {
        let prefix = modelName + "_epoch", suffix = ".png"
        return Self.numberedFiles(in: resultDir) { name in
            guard name.hasPrefix(prefix), name.hasSuffix(suffix) else { return nil }
            let digits = name.dropFirst(prefix.count).dropLast(suffix.count)
            return digits.count >= 3 && digits.allSatisfy(\.isNumber) ? Int(digits) : nil
        }
    }

    /// Snapshots present on disk, sorted by step: `(step, path relative to R)`.
    public func existingSnapshots() -> [(step: Int, path: String)] {
        Self.numberedFiles(in: modelDir) { name in
            name.hasPrefix("_") && name.hasSuffix(".png") ? Int(name.dropFirst().dropLast(4)) : nil
        }.map { ($0.0, modelName + "/" + $0.1) }
    }

    /// The files in `dir` that `number` gives a number, sorted by it: `(number, file name)`.
    static func numberedFiles(in dir: String, _ number: (String) -> Int?) -> [(Int, String)] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
        return names.compactMap { name in number(name).map { ($0, name) } }.sorted { $0.0 < $1.0 }
    }
}
