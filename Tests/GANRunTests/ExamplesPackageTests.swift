import Foundation
import Testing
import GANRender
import TestSupport

/// The library as a versioned dependency, and every example, in one build.
///
/// The test clones the repository's committed HEAD into a temporary directory without its
/// tags, tags the clone with the newest version of CHANGELOG.md (``version()``), copies the
/// clone's `Examples` package beside it with its dependency rewritten from
/// `.package(name: "GANScope", path: "..")` to
/// `.package(url: "file://<clone>", from: "<version>")`, and builds it once: SwiftPM
/// resolves GANScope by its tag, as a user's package would. Then it runs each example on a
/// short setting and decodes what it wrote (PNG frames, GIFs, CSV rows). One build serves
/// both checks because a clean debug build of the library takes minutes on 2 cores.
/// Uncommitted changes are not in the clone: commit before running it.
@Suite("Examples package against a tagged clone")
struct ExamplesPackageTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../..").standardized.path

    /// The version the clone is tagged with: the first `## [x.y.z]` of CHANGELOG.md.
    static func version() throws -> String {
        let changelog = try String(contentsOfFile: repository + "/CHANGELOG.md", encoding: .utf8)
        let match = try #require(changelog.firstMatch(of: /\n## \[(\d+\.\d+\.\d+)\]/), "CHANGELOG.md names no version")
        return String(match.1)
    }

    @Test func examplesBuildAgainstATaggedCloneAndWriteTheirOutputs() throws {
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("ganscope-lib-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: tmp) }
        let clone = tmp + "/GANScope", examples = tmp + "/Examples", out = tmp + "/out"
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        // Without the repository's own tags, so `from:` can only resolve to this one.
        let version = try Self.version()
        try Self.shell(["git", "clone", "--quiet", "--no-tags", Self.repository, clone])
        try Self.shell(["git", "-C", clone, "tag", version])
        try FileManager.default.copyItem(atPath: clone + "/Examples", toPath: examples)

        let manifest = examples + "/Package.swift"
        let text = try String(contentsOfFile: manifest, encoding: .utf8)
        let local = #".package(name: "GANScope", path: "..")"#
        try #require(text.contains(local), "Examples/Package.swift must depend on \(local) (committed HEAD of \(Self.repository))")
        try text.replacingOccurrences(of: local, with: #".package(url: "file://\#(clone)", from: "\#(version)")"#)
            .write(toFile: manifest, atomically: true, encoding: .utf8)
        try Self.shell(["swift", "build", "--package-path", examples],
                       hint: "the Examples package did not build against the tagged clone of the committed HEAD "
                           + "(uncommitted changes are not in the clone)")
        let bin = examples + "/.build/debug/"

        // getting-started: ring8 with the heatmap, ten frames and a GIF.
        try Self.shell([bin + "getting-started", out + "/start", "200"])
        let start = try GIFInfo(bytes: Self.bytes(out + "/start/GAN_generate_animation.gif"))
        #expect(start.frameCount == 10 && start.width == 800 && start.height == 600)
        #expect(try Self.rows(out + "/start/GAN/metrics.csv") == 3)        // steps 0, 100, 200

        // custom-distribution: its log density gives a finite mean log-likelihood.
        try Self.shell([bin + "custom-distribution", out + "/ring", "200"])
        #expect(try GIFInfo(bytes: Self.bytes(out + "/ring/ring_generate_animation.gif")).frameCount == 10)
        let metrics = try String(contentsOfFile: out + "/ring/ring/metrics.csv", encoding: .utf8)
        let header = metrics.split(separator: "\n")[0].split(separator: ",")
        let column = try #require(header.firstIndex(of: "mean_log_likelihood"))
        for row in metrics.split(separator: "\n").dropFirst() {
            #expect(Double(row.split(separator: ",")[column])?.isFinite == true, "\(row)")
        }

        // custom-objective: 200 steps recorded, and it trained to the end.
        try Self.shell([bin + "custom-objective", out + "/obj", "200"])
        #expect(try Self.rows(out + "/obj/LSGAN-symmetric/losses.csv") == 200)
        let summary = try String(contentsOfFile: out + "/obj/LSGAN-symmetric/summary.json", encoding: .utf8)
        #expect(summary.contains(#""status" : "finished""#))

        // custom-frame-layer: its magenta marks are on the decoded frames.
        try Self.shell([bin + "custom-frame-layer", out + "/layer", "200"])
        let frame = try Canvas.decodePNG(Self.bytes(out + "/layer/centroids_epoch010.png"))
        #expect(Self.count(frame) { $0.r > 230 && $0.g < 40 && $0.b > 230 } > 100)

        // render-only: a GIF from CSVs another framework wrote, one frame per step file.
        let csvs = tmp + "/csv"
        try FileManager.default.createDirectory(atPath: csvs, withIntermediateDirectories: true)
        try "x,y\n1,0\n0,1\n-1,0\n0,-1\n".write(toFile: csvs + "/real.csv", atomically: true, encoding: .utf8)
        for step in [100, 20, 3] {
            let s = Double(step) / 100
            try "x,y\n\(s),0\n0,\(s)\n".write(toFile: csvs + "/step_\(step).csv", atomically: true, encoding: .utf8)
        }
        try Self.shell([bin + "render-only", csvs, out + "/render.gif", "4"])
        let render = try GIFInfo(bytes: Self.bytes(out + "/render.gif"))
        #expect(render.frameCount == 3 && render.delaysCentiseconds == [25, 25, 25] && render.width == 800)
    }

    /// The getting-started article shows the example's code, which the test above compiles and runs.
    @Test func gettingStartedArticleIsTheExample() throws {
        let article = try String(contentsOfFile: Self.repository + "/Sources/GANScope/GANScope.docc/GettingStarted.md", encoding: .utf8)
        let example = try String(contentsOfFile: Self.repository + "/Examples/Sources/GettingStarted/main.swift", encoding: .utf8)
        let code = try #require(article.components(separatedBy: "```swift\n").dropFirst().first?.components(separatedBy: "```").first)
        #expect(code.split(separator: "\n").count >= 10)
        #expect(example.hasSuffix(code), "GettingStarted.md's code must be the end of Examples/Sources/GettingStarted/main.swift")
    }

    /// Runs a command; throws with its output when it fails.
    static func shell(_ args: [String], hint: String = "") throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = args
        let log = Pipe()
        p.standardOutput = log
        p.standardError = log
        try p.run()
        let output = log.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        if p.terminationStatus != 0 {
            throw Failure(description: "\(args.joined(separator: " ")) exited \(p.terminationStatus). \(hint)\n"
                + String(decoding: output.suffix(4000), as: UTF8.self))
        }
    }

    struct Failure: Error, CustomStringConvertible { let description: String }

    static func bytes(_ path: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    /// Data rows of a CSV: lines after the header, `#` comments left out.
    static func rows(_ path: String) throws -> Int {
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").filter { !$0.hasPrefix("#") }
        return lines.count - 1
    }

    static func count(_ canvas: Canvas, where match: (Color) -> Bool) -> Int {
        var n = 0
        for y in 0..<canvas.height { for x in 0..<canvas.width where match(canvas.pixel(x: x, y: y)) { n += 1 } }
        return n
    }
}
