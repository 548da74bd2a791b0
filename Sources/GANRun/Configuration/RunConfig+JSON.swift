import Foundation

/// Settings as JSON objects keyed by config key: a config file, the flags the user typed,
/// `config.json`. Objects merge in order and decode once into a ``RunConfig``.
extension RunConfig {
    /// The config keys in declaration order: the property names in snake_case.
    public static let keys: [String] = Mirror(reflecting: RunConfig()).children.compactMap { $0.label.map(snakeCase) }

    /// `numEpochs` → `num_epochs`, as `JSONEncoder`'s `.convertToSnakeCase` writes these names.
    static func snakeCase(_ name: String) -> String {
        name.reduce(into: "") { s, c in s += c.isUppercase ? "_" + c.lowercased() : String(c) }
    }

    static func encoder() -> JSONEncoder {
        let enc = JSONEncoder()
        enc.keyEncodingStrategy = .convertToSnakeCase
        enc.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return enc
    }

    static func decode(_ object: [String: Any]) throws -> RunConfig {
        let dec = JSONDecoder()
        dec.keyDecodingStrategy = .convertFromSnakeCase
        return try dec.decode(RunConfig.self, from: JSONSerialization.data(withJSONObject: object))
    }

    /// The text of `config.json`: every setting, keys sorted, so equal configs give equal bytes.
    public func json() throws -> String {
        String(decoding: try Self.encoder().encode(self), as: UTF8.self) + "\n"
    }

    /// The settings `value` holds, by config key: its properties in snake_case, `nil` ones
    /// left out. For a group of flags with optional values: what the user typed.
    public static func settings(of value: some Encodable) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: try encoder().encode(value)) as? [String: Any] ?? [:]
        return object.filter { !($0.value is NSNull) }
    }

    /// The settings of a JSON config file (``settings(checking:path:)``).
    public static func settings(fromFile path: String) throws -> [String: Any] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw RunError.configFile(path: path, reason: "the file cannot be read")
        }
        return resolvingDataPath(try settings(from: data, path: path), relativeTo: path)
    }

    /// `settings` with a relative `data` path taken relative to the folder of the file at
    /// `file` (a config file or a compare manifest), so the file works from any directory.
    public static func resolvingDataPath(_ settings: [String: Any], relativeTo file: String) -> [String: Any] {
        guard let data = settings["data"] as? String, !data.hasPrefix("/") else { return settings }
        let folder = URL(fileURLWithPath: file).deletingLastPathComponent()
        var out = settings
        out["data"] = folder.appendingPathComponent(data).standardizedFileURL.path
        return out
    }

    /// The settings of config-file text; `path` names it in messages.
    public static func settings(from data: Data, path: String) throws -> [String: Any] {
        guard let object = try? JSONSerialization.jsonObject(with: data) else {
            throw RunError.configFile(path: path, reason: "not valid JSON")
        }
        return try settings(checking: object, path: path)
    }

    /// `object` as settings if it is a JSON object whose keys are config keys and whose
    /// values decode; otherwise ``RunError/configFile(path:reason:)`` naming the key, with
    /// "did you mean" for an unknown key and the accepted values for a bad one.
    public static func settings(checking object: Any, path: String) throws -> [String: Any] {
        func fail(_ reason: String) -> RunError { .configFile(path: path, reason: reason) }
        guard let dict = object as? [String: Any] else { throw fail("the top level must be a JSON object {…}") }
        if let key = dict.keys.sorted().first(where: { !keys.contains($0) }) {
            throw fail(Suggestion.unknownKey(key, accepted: keys))
        }
        let base = try settings(of: RunConfig())
        guard (try? decode(base.merging(dict) { $1 })) == nil else { return dict }
        for key in dict.keys.sorted() {   // which key: each value on its own
            do { _ = try decode(base.merging([key: dict[key]!]) { $1 }) } catch {
                let value = (try? JSONSerialization.data(withJSONObject: dict[key]!, options: .fragmentsAllowed))
                    .map { String(decoding: $0, as: UTF8.self) } ?? "\(dict[key]!)"
                throw fail("key '\(key)': \(value.count > 60 ? String(value.prefix(60)) + "…" : value); accepted: \(accepted(key: key, error))")
            }
        }
        return dict
    }

    /// What `key` accepts, from the type of its default: the names of a choice, a number, a list, ….
    static func accepted(key: String, _ error: any Error) -> String {
        guard let value = Mirror(reflecting: RunConfig()).children.first(where: { $0.label.map(snakeCase) == key })?.value
        else { return "\(error)" }
        let t = type(of: value)
        if let choice = t as? any SettingChoice.Type { return choice.acceptedList }
        if t == Int.self || t == Int?.self { return "a whole number" }
        if t == UInt64.self { return "a whole number from 0 to \(UInt64.max)" }
        if t == Double.self || t == Double?.self { return "a number" }
        if t == Bool.self { return "true or false" }
        if t == String.self { return "a string" }
        if t == String?.self { return "a file path" }
        if t == [Double].self { return "a list of numbers, e.g. [0.5, 0.5]" }
        if t == [[Double]].self { return "a list of [x, y] pairs, e.g. [[0, 0], [1, 1]]" }
        if t == AxisLimits.self { return AxisLimits.accepted }
        return "\(error)"
    }

    /// The preset's defaults, then each object of settings in order (a config file, then
    /// the flags), decoded into one config. `model_name` follows the final `gan_type`
    /// unless an object gives it. An unknown key or a value that does not decode is a
    /// ``RunError/configFile(path:reason:)``.
    public static func resolve(_ sources: [String: Any]...) throws -> RunConfig {
        let given = sources.reduce(into: [:]) { $0.merge($1) { $1 } }
        _ = try settings(checking: given, path: "(the settings given)")
        let preset = (given["preset"] as? String).flatMap(Preset.init(rawValue:)) ?? .seed
        let data = given["data"] as? String
        var c = try decode(try settings(of: RunConfig(preset: preset, data: data)).merging(given) { $1 })
        if given["model_name"] == nil { c.modelName = c.ganType.defaultModelName }
        if let data, !data.hasPrefix("/") {   // typed on the command line: relative to the working directory
            c.data = URL(fileURLWithPath: data).standardizedFileURL.path
        }
        return c
    }

    /// The settings as flags with their values, e.g. `--gan-type nsgan`, `--pack 1`; G's and D's
    /// own activations as in effect.
    public var flags: Set<String> {
        var c = self
        (c.gActivation, c.dActivation) = (gActivation ?? activation, dActivation ?? activation)
        let settings = (try? Self.settings(of: c)) ?? [:]
        return Set(settings.map { "--" + $0.key.replacingOccurrences(of: "_", with: "-") + " \($0.value)" })
    }

    /// FNV-1a (64 bit) of the settings that determine the numbers of a run: the config as
    /// written to `config.json`, with `result_dir` and `model_name` blanked (a run directory
    /// may be moved or renamed and still resumed).
    public var settingsHash: UInt64 {
        var c = self
        c.resultDir = ""
        c.modelName = ""
        return fnv1a(((try? c.json()) ?? "").utf8)
    }
}

/// FNV-1a, 64 bit: the settings hash, the checkpoint's checksum and a comparison's shards.
func fnv1a(_ bytes: some Sequence<UInt8>) -> UInt64 {
    bytes.reduce(0xcbf2_9ce4_8422_2325) { ($0 ^ UInt64($1)) &* 0x0000_0100_0000_01b3 }
}

/// "Did you mean" suggestions by edit distance.
public enum Suggestion {
    /// The candidate closest to `word` if it is within a third of the word's length.
    public static func closest(to word: String, in candidates: [String]) -> String? {
        let best = candidates.map { ($0, distance(word, $0)) }.min { $0.1 < $1.1 }
        guard let (c, d) = best, d <= max(2, word.count / 3) else { return nil }
        return c
    }

    /// "unknown key 'x' (did you mean 'y'?); accepted keys: …"
    public static func unknownKey(_ key: String, accepted keys: [String]) -> String {
        let near = closest(to: key, in: keys).map { " (did you mean '\($0)'?)" } ?? ""
        return "unknown key '\(key)'\(near); accepted keys: \(keys.joined(separator: ", "))"
    }

    /// Levenshtein distance.
    public static func distance(_ a: String, _ b: String) -> Int {
        let b = Array(b)
        var prev = Array(0...b.count)   // distances from the first i characters of a to each prefix of b
        for (i, x) in a.enumerated() {
            var cur = [i + 1]
            for (j, y) in b.enumerated() { cur.append(min(prev[j + 1] + 1, cur[j] + 1, prev[j] + (x == y ? 0 : 1))) }
            prev = cur
        }
        return prev[b.count]
    }
}
