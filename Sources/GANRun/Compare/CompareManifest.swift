import Foundation

/// A comparison: named runs × seeds, read from a JSON manifest (docs/compare.md). `defaults` and
/// every run take the `train` config-file keys, a run's over the defaults. A bad manifest is a
/// ``RunError/configFile(path:reason:)`` (exit 2), found before any run starts.
package struct CompareManifest: Sendable {
    /// The manifest's `result_dir` (the `--result-dir` flag overrides it).
    package var resultDir: String?
    /// `nil`: one run per entry with its own `random_seed` (or the default).
    package var seeds: [UInt64]?
    /// Each run's name and settings: preset defaults, then `defaults`, then the run's keys.
    package var runs: [(name: String, config: RunConfig)]

    package static let keys = ["result_dir", "defaults", "seeds", "runs"]

    /// Reads and checks a manifest file.
    package static func load(path: String) throws -> CompareManifest {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw RunError.configFile(path: path, reason: "the file cannot be read")
        }
        return try parse(data, path: path)
    }

    /// Parses and checks manifest JSON; `path` is only used in messages.
    package static func parse(_ data: Data, path: String) throws -> CompareManifest {
        func fail(_ reason: String) -> RunError { RunError.configFile(path: path, reason: reason) }
        guard let object = try? JSONSerialization.jsonObject(with: data) else { throw fail("not valid JSON") }
        guard let top = object as? [String: Any] else { throw fail("the top level must be a JSON object {…}") }
        if let key = top.keys.sorted().first(where: { !keys.contains($0) }) { throw fail(Suggestion.unknownKey(key, accepted: keys)) }
        var m = CompareManifest(resultDir: top["result_dir"].map { $0 as? String ?? "" }, seeds: nil, runs: [])
        if m.resultDir?.isEmpty == true { throw fail("key 'result_dir': expected a non-empty string") }
        if let v = top["seeds"] {
            guard let list = v as? [Any], !list.isEmpty,
                  let seeds = try? JSONDecoder().decode([UInt64].self, from: JSONSerialization.data(withJSONObject: list)) else {
                throw fail("key 'seeds': expected a non-empty list of whole numbers from 0 to \(UInt64.max)")
            }
            var seen: Set<UInt64> = []
            if let dup = seeds.first(where: { !seen.insert($0).inserted }) { throw fail("key 'seeds': seed \(dup) is listed twice") }
            m.seeds = seeds
        }
        var reserved = ["result_dir", "model_name"]
        if m.seeds != nil { reserved.append("random_seed") }
        func settings(_ v: Any, at place: String) throws -> [String: Any] {
            guard var dict = v as? [String: Any] else { throw fail("\(place): expected a JSON object {…}") }
            for key in reserved where dict[key] != nil {
                throw fail("\(place): key '\(key)' is set by compare (\(key == "random_seed" ? "use 'seeds'" : "see docs/compare.md"))")
            }
            dict["name"] = nil
            return RunConfig.resolvingDataPath(try RunConfig.settings(checking: dict, path: "\(path), \(place)"), relativeTo: path)
        }
        let defaults = try top["defaults"].map { try settings($0, at: "defaults") } ?? [:]
        guard let list = top["runs"] as? [Any], !list.isEmpty else {
            throw fail("key 'runs': expected a non-empty list of run objects, each with a unique 'name'")
        }
        var names: Set<String> = []
        for (i, item) in list.enumerated() {
            guard let dict = item as? [String: Any] else { throw fail("runs[\(i)]: expected a JSON object {…}") }
            guard let name = dict["name"] as? String else { throw fail("runs[\(i)]: key 'name' (a string) is required") }
            let alphabet = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "._+-"))
            guard (1...64).contains(name.count), !name.hasPrefix("."),
                  name.unicodeScalars.allSatisfy({ $0.isASCII && alphabet.contains($0) }) else {
                // Run names become directory and file names, so they are kept to a portable alphabet.
                throw fail("runs[\(i)]: name '\(name)': use 1–64 letters, digits, '.', '_', '+' or '-', not starting with '.'")
            }
            guard names.insert(name).inserted else { throw fail("runs[\(i)]: duplicate name '\(name)'") }
            let run = try settings(dict, at: "runs[\(i)] '\(name)'")
            m.runs.append((name, try RunConfig.resolve(defaults, run)))
        }
        return m
    }

    /// Every run × seed, runs outer, with the entry's configuration, the seed, the result
    /// directory `DIR/<name>/seed-<seed>` and the model name `<name>`.
    package func expand(resultDir dir: String) -> [CompareRun] {
        runs.flatMap { entry -> [CompareRun] in
            var base = entry.config
            base.modelName = entry.name
            return (seeds ?? [base.randomSeed]).map { seed in
                var c = base
                c.randomSeed = seed
                c.resultDir = dir + "/" + entry.name + "/seed-\(seed)"
                return CompareRun(name: entry.name, seed: seed, config: c)
            }
        }
    }
}

/// One run of a comparison: a manifest entry with one seed.
package struct CompareRun: Sendable, Equatable {
    package var name: String
    package var seed: UInt64
    package var config: RunConfig

    /// `name/seed-<seed>`: the run's directory under the comparison directory.
    package var id: String { name + "/seed-\(seed)" }
    package var layout: RunLayout { RunLayout(resultDir: config.resultDir, modelName: name) }
    /// Written when the run fails before it can write `summary.json` (the error message).
    package var errorFile: String { config.resultDir + "/error.txt" }

    /// The shard (0..<n) of this run: FNV-1a of ``id`` modulo n, so reordering or adding runs
    /// never moves a run to another shard.
    package func shard(of n: Int) -> Int {
        precondition(n > 0)
        return Int(fnv1a(id.utf8) % UInt64(n))
    }
}

/// `--shard i/N`: this process runs the runs with ``CompareRun/shard(of:)`` = i, i in 0..<N
/// (0-based, like a Slurm array `--array=0-(N-1)`).
package struct CompareShard: Sendable, Equatable {
    package var index: Int
    package var count: Int

    /// Parses and checks `i/N`.
    package static func parse(_ s: String) throws -> CompareShard {
        let parts = s.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]) else {
            throw RunError.invalid(field: "--shard", value: s, accepted: "i/N, e.g. 0/4 (i from 0 to N-1)")
        }
        guard n >= 1, n <= 100_000, (0..<n).contains(i) else {
            throw RunError.invalid(field: "--shard", value: s, accepted: "i/N with N from 1 to 100000 and i from 0 to N-1")
        }
        return CompareShard(index: i, count: n)
    }

    /// The runs of this shard, in their order.
    package func select(_ runs: [CompareRun]) -> [CompareRun] { runs.filter { $0.shard(of: count) == index } }
}
