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
        let names = (try? FileManager.default.contentsOfDirectory(atPath: resultDir)) ?? []
        return names.compactMap { name -> (Int, String)? in
            guard name.hasPrefix(prefix), name.hasSuffix(suffix) else { return nil }
            let digits = name.dropFirst(prefix.count).dropLast(suffix.count)
            guard digits.count >= 3, digits.allSatisfy(\.isNumber), let i = Int(digits) else { return nil }
            return (i, name)
        }.sorted { $0.0 < $1.0 }
    }

    /// Snapshots present on disk, sorted by step: `(step, path relative to R)`.
    public func existingSnapshots() -> [(step: Int, path: String)] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: modelDir)) ?? []
        return names.compactMap { name -> (Int, String)? in
            guard name.hasPrefix("_"), name.hasSuffix(".png"),
                  let s = Int(name.dropFirst().dropLast(4)) else { return nil }
            return (s, modelName + "/" + name)
        }.sorted { $0.0 < $1.0 }
    }
}
