import Foundation
import Testing
@testable import GANRender
@testable import GANRun
import TestSupport

/// `ganscope train` as a user runs it: every config key is a flag with the declared default
/// in --help, a written config.json repeats the run, and bad settings exit 2 writing nothing.
@Suite("Train: the ganscope binary", .serialized)
struct TrainCommandTests {
    static let binary = CompareBinaryTests.binary
    static let tiny = ["--num-z", "4", "--hidden-size", "16", "--batch-size", "32", "--num-epochs", "200",
                       "--anim-freq", "100", "--disp-freq", "200", "--frame-samples", "100", "--eval-freq", "100",
                       "--eval-samples", "50", "--quiet"]

    static func run(_ args: [String]) throws -> (code: Int32, out: String, err: String) { try CompareBinaryTests.run(args) }

    static func tempDir() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("ganscope-train-\(UUID().uuidString)").path
    }

    /// How --help states a default of each JSON type.
    static func stated(_ value: Any?) -> String {
        switch value {
        case let b as Bool: return b ? "on" : "off"
        case let s as String: return s
        case let list as [Any]: return list.map { stated($0) }.joined(separator: ",")
        default: return "\(value ?? "")"
        }
    }

    @Test(.enabled(if: binary != nil, "build ganscope first (swift build)"))
    func helpHasAFlagForEveryKeyWithItsDefault() throws {
        let help = try Self.run(["train", "--help"])
        #expect(help.code == 0)
        // One line per option: argument-parser continues a help text on lines indented by 26.
        let lines = help.out.replacingOccurrences(of: "\n" + String(repeating: " ", count: 26), with: " ").split(separator: "\n")
        let defaults = try RunConfig.settings(of: RunConfig())
        for key in RunConfig.keys {
            let flag = "  --" + key.replacingOccurrences(of: "_", with: "-")
            let line = try #require(lines.first { $0.hasPrefix(flag + " ") || $0.hasPrefix(flag + "/") }, "no flag for \(key)")
            guard let start = line.range(of: "(default: ") else { continue }
            let text = line[start.upperBound...].prefix { $0 != ")" }.components(separatedBy: ", ")[0]
            if text.hasPrefix("the ") || text.hasPrefix("--") { continue }   // follows the preset or another setting
            if let number = Double(text) {
                #expect((defaults[key] as? NSNumber)?.doubleValue == number, "\(key): help says \(text)")
            } else {
                #expect(Self.stated(defaults[key]) == text, "\(key): help says \(text)")
            }
        }
    }

    @Test(.enabled(if: binary != nil, "build ganscope first (swift build)"))
    func writtenConfigRepeatsTheRun() throws {
        let a = Self.tempDir(), b = Self.tempDir()
        defer { for d in [a, b] { try? FileManager.default.removeItem(atPath: d) } }
        let first = try Self.run(["train"] + Self.tiny + ["--result-dir", a, "--model-name", "M", "--gan-type", "wgan-gp",
                                  "--xlim", "auto", "--layers", "samples,contour", "--initial-frame",
                                  "--random-seed", "18446744073709551615"])
        #expect(first.code == 0, "\(first.err)")
        let la = RunLayout(resultDir: a, modelName: "M"), lb = RunLayout(resultDir: b, modelName: "M")
        let second = try Self.run(["train", "--config", la.configJSON, "--result-dir", b, "--quiet"])
        #expect(second.code == 0, "\(second.err)")
        for (x, y) in [(la.gif, lb.gif), (la.samplesCSV, lb.samplesCSV), (la.lossesCSV, lb.lossesCSV)] {
            #expect(try RunFailureTests.bytes(x) == RunFailureTests.bytes(y), "\(x) differs")
        }
        var config = try RunConfig.resolve(RunConfig.settings(fromFile: lb.configJSON))
        #expect(config.randomSeed == .max && config.initialFrame && config.layers == [.samples, .contour])
        config.resultDir = a
        #expect(try RunConfig.resolve(RunConfig.settings(fromFile: la.configJSON)) == config)
        #expect(try GIFInfo(bytes: RunFailureTests.bytes(la.gif)).frameCount == 3)   // 000, 001, 002
    }

    @Test(.enabled(if: binary != nil, "build ganscope first (swift build)"))
    func badSettingsExitTwoAndWriteNothing() throws {
        let dir = Self.tempDir(), file = Self.tempDir() + ".json"
        defer { try? FileManager.default.removeItem(atPath: file) }
        try Data(#"{"anim_freq": "often"}"#.utf8).write(to: URL(fileURLWithPath: file))
        let badFile = try Self.run(["train", "--config", file, "--result-dir", dir])
        #expect(badFile.code == 2 && badFile.err.contains(file) && badFile.err.contains("anim_freq")
                && badFile.err.contains("a whole number"), "\(badFile.err)")
        let outOfRange = try Self.run(["train", "--fps", "0", "--result-dir", dir])
        #expect(outOfRange.code == 2 && outOfRange.err.contains("fps") && outOfRange.err.contains("1 to 100"), "\(outOfRange.err)")
        let badChoice = try Self.run(["train", "--optimizer", "adagrad", "--result-dir", dir])
        #expect(badChoice.code == 2 && badChoice.err.contains("'adam', 'rmsprop' or 'sgd'"), "\(badChoice.err)")
        #expect(!FileManager.default.fileExists(atPath: dir), "\(dir) was created")
    }
}
