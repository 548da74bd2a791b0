import Foundation
import GANCore

/// Settings given by a config file or by flags; `nil` means "not given".
///
/// Resolution order: the preset's defaults, then the config file, then the flags
/// (``RunConfig/resolve(file:flags:)``). Unknown keys in a file are an error with a
/// "did you mean" suggestion.
public struct RunConfigOverrides: Codable, Equatable, Sendable {
    public var preset: Preset?
    public var ganType: GANObjective?
    public var numZ: Int?
    public var hiddenSize: Int?
    public var hiddenLayers: Int?
    public var batchSize: Int?
    public var learningRate: Double?
    public var beta1: Double?
    public var beta2: Double?
    public var numEpochs: Int?
    public var dispFreq: Int?
    public var animFreq: Int?
    public var lossFreq: Int?
    public var fps: Int?
    public var frameSamples: Int?
    public var evalFreq: Int?
    public var evalSamples: Int?
    public var resultDir: String?
    public var modelName: String?
    public var randomSeed: UInt64?
    public var mixCoeffs: [Double]?
    public var mean: [[Double]]?
    public var cov: [[Double]]?
    public var xlim: AxisLimits?
    public var ylim: AxisLimits?
    public var clip: Double?
    public var gpWeight: Double?
    public var alpha: Double?
    public var beta: Double?
    public var r1: Double?
    public var r2: Double?
    public var pack: Int?
    public var nCritic: Int?
    public var optimizer: OptimizerKind?
    public var epsilon: Double?
    public var momentum: Double?
    public var dLearningRate: Double?
    public var gLearningRate: Double?
    public var gHiddenSize: Int?
    public var gHiddenLayers: Int?
    public var dHiddenSize: Int?
    public var dHiddenLayers: Int?
    public var activation: Activation?
    public var gActivation: Activation?
    public var dActivation: Activation?
    public var latent: LatentDistribution?
    public var layers: [FrameLayer]?
    public var heatmapRes: Int?
    public var scale: Int?
    public var colorByMode: Bool?
    public var layout: FrameLayout?

    public init() {}

    typealias CodingKeys = RunConfig.CodingKeys

    /// Reads a JSON config file, rejecting unknown keys and values of the wrong type.
    public static func load(path: String) throws -> RunConfigOverrides {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw RunError.configFile(path: path, reason: "the file cannot be read")
        }
        return try parse(data, path: path)
    }

    /// Parses JSON config text; `path` is only used in messages.
    public static func parse(_ data: Data, path: String) throws -> RunConfigOverrides {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw RunError.configFile(path: path, reason: "not valid JSON")
        }
        guard let dict = object as? [String: Any] else {
            throw RunError.configFile(path: path, reason: "the top level must be a JSON object {…}")
        }
        let known = RunConfig.keys
        for key in dict.keys.sorted() where !known.contains(key) {
            var reason = "unknown key '\(key)'"
            if let near = Suggestion.closest(to: key, in: known) { reason += " (did you mean '\(near)'?)" }
            reason += "; accepted keys: \(known.joined(separator: ", "))"
            throw RunError.configFile(path: path, reason: reason)
        }
        do {
            return try JSONDecoder().decode(RunConfigOverrides.self, from: data)
        } catch let DecodingError.typeMismatch(_, ctx), let DecodingError.valueNotFound(_, ctx) {
            throw RunError.configFile(path: path, reason: "key '\(ctx.codingPath.first?.stringValue ?? "?")': wrong type (\(ctx.debugDescription))")
        } catch let DecodingError.dataCorrupted(ctx) {
            if ctx.codingPath.isEmpty, let (key, value) = diagnoseBadKey(in: dict) {
                throw RunError.configFile(path: path, reason: "key '\(key)': the value \(value) has the wrong type or is out of range (whole numbers for counts, sizes and frequencies)")
            }
            let key = ctx.codingPath.first?.stringValue ?? "?"
            var reason = "key '\(key)': \(ctx.debugDescription)"
            if key == "preset" { reason = "key 'preset': accepted values: \(Preset.acceptedList)" }
            if key == "gan_type" { reason = "key 'gan_type': accepted values: \(GANObjective.allCases.map(\.rawValue).joined(separator: ", "))" }
            if let list = RunConfig.acceptedValues(forKey: key) { reason = "key '\(key)': accepted values: \(list)" }
            throw RunError.configFile(path: path, reason: reason)
        } catch {
            throw RunError.configFile(path: path, reason: "\(error)")
        }
    }

    /// Copies every given setting over `config`.
    public func apply(to c: inout RunConfig) {
        if let v = ganType { c.ganType = v; c.modelName = v.defaultModelName }
        if let v = numZ { c.numZ = v }
        if let v = hiddenSize { c.hiddenSize = v }
        if let v = hiddenLayers { c.hiddenLayers = v }
        if let v = batchSize { c.batchSize = v }
        if let v = learningRate { c.learningRate = v }
        if let v = beta1 { c.beta1 = v }
        if let v = beta2 { c.beta2 = v }
        if let v = numEpochs { c.numEpochs = v }
        if let v = dispFreq { c.dispFreq = v }
        if let v = animFreq { c.animFreq = v }
        if let v = lossFreq { c.lossFreq = v }
        if let v = fps { c.fps = v }
        if let v = frameSamples { c.frameSamples = v }
        if let v = evalFreq { c.evalFreq = v }
        if let v = evalSamples { c.evalSamples = v }
        if let v = resultDir { c.resultDir = v }
        if let v = randomSeed { c.randomSeed = v }
        if let v = mixCoeffs { c.mixCoeffs = v }
        if let v = mean { c.mean = v }
        if let v = cov { c.cov = v }
        if let v = xlim { c.xlim = v }
        if let v = ylim { c.ylim = v }
        applyVariants(to: &c)
        applyLayers(to: &c)
    }
}

extension RunConfig {
    /// Preset defaults, then the file, then the flags. The model name follows the final
    /// gan type unless one of the sources names it.
    public static func resolve(file: RunConfigOverrides?, flags: RunConfigOverrides) -> RunConfig {
        var c = RunConfig(preset: flags.preset ?? file?.preset ?? .seed)
        file?.apply(to: &c)
        flags.apply(to: &c)
        c.modelName = flags.modelName ?? file?.modelName ?? c.ganType.defaultModelName
        return c
    }
}

/// "Did you mean" suggestions by edit distance.
public enum Suggestion {
    /// The candidate closest to `word` if it is within a third of the word's length.
    public static func closest(to word: String, in candidates: [String]) -> String? {
        let best = candidates.map { ($0, distance(word, $0)) }.min { $0.1 < $1.1 }
        guard let (c, d) = best, d <= max(2, word.count / 3) else { return nil }
        return c
    }

    /// Levenshtein distance.
    public static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        var prev = Array(0...b.count), cur = prev
        for i in 1...a.count {
            cur[0] = i
            for j in 1...max(b.count, 1) where !b.isEmpty {
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&prev, &cur)
        }
        return prev[b.count]
    }
}
