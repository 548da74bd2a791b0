import Foundation
import Testing
@testable import GANCore
@testable import GANRun

/// Issue 7: no input may crash the program. Thousands of seeded random and mutated strings
/// go through every parser of user text; each either parses or throws a ``RunError``.
@Suite("Parser fuzz: parse or RunError, never a crash")
struct ParserFuzzTests {
    static let alphabet = Array("0123456789.,;:-+eE xyaunif\"'[]{}#\n\r\t\\/\0é∞")
    static let tokens = ["nan", "inf", "-inf", "1e308", "1e999", "auto", "x,y", "null", "true", "0x1p3",
                         "\"num_z\"", "\"mix_coeffs\"", "\"xlim\"", "\"gan_type\"", "9223372036854775808", "-0"]

    static func randomText(_ rng: inout RNG, maxLength: Int = 40) -> String {
        var s = ""
        for _ in 0..<rng.integer(below: maxLength + 1) {
            if rng.integer(below: 5) == 0 { s += tokens[rng.integer(below: tokens.count)] }
            else { s.append(alphabet[rng.integer(below: alphabet.count)]) }
        }
        return s
    }

    /// `text` with a few random characters replaced, inserted or deleted.
    static func mutate(_ text: String, _ rng: inout RNG) -> String {
        var chars = Array(text)
        for _ in 0..<(1 + rng.integer(below: 4)) {
            let i = chars.isEmpty ? 0 : rng.integer(below: chars.count)
            switch rng.integer(below: 3) {
            case 0 where !chars.isEmpty: chars[i] = alphabet[rng.integer(below: alphabet.count)]
            case 1: chars.insert(contentsOf: Array(tokens[rng.integer(below: tokens.count)]), at: i)
            default: if !chars.isEmpty { chars.remove(at: i) }
            }
        }
        return String(chars)
    }

    static func onlyRunErrors(_ body: () throws -> Void) -> Bool {
        do { try body(); return true } catch is RunError { return true } catch { return false }
    }

    @Test func listAndAxisParsers() {
        var rng = RNG(seed: 7)
        for _ in 0..<4000 {
            let t = Self.randomText(&rng)
            #expect(Self.onlyRunErrors { _ = try ListParsing.numbers(t, field: "f") }, "\(t.debugDescription)")
            #expect(Self.onlyRunErrors { _ = try ListParsing.pairs(t, field: "f") }, "\(t.debugDescription)")
            #expect(Self.onlyRunErrors { _ = try ListParsing.range(t, field: "f") }, "\(t.debugDescription)")
            #expect(Self.onlyRunErrors { _ = try AxisLimits.parse(t, field: "f") }, "\(t.debugDescription)")
        }
    }

    @Test func pointsCSV() {
        var rng = RNG(seed: 8)
        let valid = "x,y\n0.5,1\n-2,3e-3\n# c\n\n4,5\r\n"
        for k in 0..<3000 {
            let t = k % 2 == 0 ? Self.mutate(valid, &rng) : "x,y\n" + Self.randomText(&rng, maxLength: 60)
            var wellFormed = true
            #expect(Self.onlyRunErrors {
                let p = try PointsCSV.parse(bytes: Array(t.utf8), path: "p.csv")
                wellFormed = p.count % 2 == 0 && p.allSatisfy(\.isFinite)
            }, "\(t.debugDescription)")
            #expect(wellFormed, "\(t.debugDescription)")
        }
    }

    /// Mutated copies of a real config and random text: the JSON parser, then (when it
    /// parses) resolution and validation, as `ganscope train --config` does.
    @Test func configJSON() throws {
        var rng = RNG(seed: 9)
        var base = RunConfig(preset: .seed)
        base.numEpochs = 100
        let valid = try base.json()
        var parsed = 0
        for k in 0..<3000 {
            let t = k % 3 == 0 ? "{" + Self.randomText(&rng, maxLength: 60) + "}" : Self.mutate(valid, &rng)
            #expect(Self.onlyRunErrors {
                let o = try RunConfig.settings(from: Data(t.utf8), path: "c.json")
                var c = try RunConfig.resolve(o)
                try c.validate()
                _ = c.warnings
                try c.normalizeWeights()
                parsed += 1
            }, "\(t.debugDescription)")
        }
        #expect(parsed > 100, "too few mutants parsed (\(parsed)): the fuzz would not reach validation")
    }

    /// Damaged checkpoints: bit flips, truncations and random bytes are errors, not traps.
    @Test func checkpointBytes() throws {
        let trainer = Trainer(settings: BadInputTests.tiny("").trainingSettings, data: GaussianMixture.seed)
        trainer.step()
        let reference = SampleEvaluation.referenceSamples(target: GaussianMixture.seed, seed: 1)
        let evaluator = TrainingEvaluator(config: BadInputTests.tiny(""), target: GaussianMixture.seed,
                                          reference: reference)
        let good = Checkpoint(config: BadInputTests.tiny(""), trainer: trainer, seconds: 1, dLosses: [1], gLosses: [2],
                              lastLoss: (1, 2), evaluator: evaluator).encoded()
        #expect(try Checkpoint(bytes: good, path: "c").encoded() == good)
        var rng = RNG(seed: 10)
        for k in 0..<1500 {
            var b = good
            switch k % 3 {
            case 0: b[rng.integer(below: b.count)] ^= UInt8(1 << rng.integer(below: 8))
            case 1: b = Array(b.prefix(rng.integer(below: b.count)))
            default: b = Checkpoint.magic + (0..<rng.integer(below: 200)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            }
            #expect(throws: RunError.self) { _ = try Checkpoint(bytes: b, path: "c") }
        }
    }
}
