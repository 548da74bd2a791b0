import ArgumentParser
import Foundation
import GANRun

/// `ganscope bench`: the project's own benchmark (use a release build).
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure step time (optionally against a peer implementation), RNG, frame, GIF, memory and the --data paths.",
        discussion: """
            Build with `swift build -c release` first; debug figures mean nothing.
            --peer runs a shell command after each round of the seed step and reads \
            milliseconds per step from its last output line, e.g. \
            --peer '/work/jaxenv/bin/python bench/jax_seed_step.py'.
            """)

    @Flag(help: "Print one JSON object instead of a table.")
    var json = false
    @Option(help: "Training steps measured per config.")
    var steps: Int = 1000
    @Option(name: .customLong("memory-steps"), help: "Steps of the child seed run whose peak memory is measured; 0 skips it.")
    var memorySteps: Int = 2000
    @Option(help: "Shell command timing another implementation of the seed step (z 256, hidden 128, batch 512); its last output line is milliseconds per step.")
    var peer: String?

    func validate() throws {
        guard steps > 0 && steps <= 1_000_000 else { throw ValidationError("--steps must be from 1 to 1000000, got \(steps)") }
        guard memorySteps >= 0 else { throw ValidationError("--memory-steps must be ≥ 0, got \(memorySteps)") }
        if let peer, peer.allSatisfy(\.isWhitespace) { throw ValidationError("--peer must be a shell command, got an empty string") }
    }

    func run() throws {
        var report = try Benchmark(steps: steps, peer: peer).run()
        if memorySteps > 0 { report.peakRSSMB = try peakMemoryOfSeedRun() }
        if json {
            let enc = JSONEncoder()
            enc.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try enc.encode(report), as: UTF8.self))
            return
        }
        for name in report.configs.keys.sorted() {
            let f = report.configs[name]!
            print(String(format: "%-6@ train %.3f ms/step  (%.1f M multiply-adds, %d worker(s), %d BLAS thread%@)",
                         name as NSString, f.trainMsPerStep, Double(f.multiplyAddsPerStep) / 1e6, f.workers, f.blasThreads,
                         (f.blasThreads == 1 ? "" : "s") as NSString))
        }
        if let seed = report.configs["seed"] {
            let every = RunConfig().evalFreq
            print(String(format: "signals %.2f ms per evaluation of the seed run: %.2f %% of the %d steps between evaluations",
                         seed.signalsMs, 100 * seed.signalsMs / (Double(every) * seed.trainMsPerStep), every))
        }
        if let peerMs = report.peerMsPerStep, let speedup = report.speedupVsPeer {
            print(String(format: "peer   %.3f ms/step: the seed step is %.2f× as fast", peerMs, speedup))
        }
        print(String(format: "frame  %.2f ms (800×600, 2000 points, PNG %d bytes)", report.frameMs, report.framePNGBytes))
        print(String(format: "gif    %.1f ms (25 frames)", report.gifMs))
        print(String(format: "dashboard %.2f ms drawn (%.2f ms of it D over the 128×128 grid), %.2f ms with PNG (1280×720, all layers, PNG %d bytes); %.2f ms drawn and encoded without D's grid pass",
                     report.dashboardDrawMs, report.dashboardProbeMs, report.dashboardFrameMs, report.dashboardPNGBytes,
                     report.dashboardRenderMs))
        print(String(format: "rng    %.0f M normals/s", report.normalsPerSecond / 1e6))
        let step = (report.configs["seed"]?.trainMsPerStep ?? .nan) * 1000
        print(String(format: "data   %.0f ms to read a CSV of 1000000 points; precision/recall/density/coverage of 10000 vs 10000 points %.0f ms",
                     report.dataCSVReadMs, report.manifoldMetricsMs))
        print(String(format: "batch  512 points drawn in %.1f µs from the file, %.1f µs from a 512×512 picture: %.2f %% and %.2f %% of a seed step",
                     report.pointBatchUs, report.pictureBatchUs, 100 * report.pointBatchUs / step, 100 * report.pictureBatchUs / step))
        if let m = report.peakRSSMB { print(String(format: "memory %.1f MB peak resident (seed run, %d steps)", m, memorySteps)) }
    }

    /// Runs `ganscope train --preset seed` as a child and reads its peak resident set from
    /// the run's `summary.json` (`peak_rss_mb`: the child's own `VmHWM`). `getrusage`'s
    /// `ru_maxrss` for children is only the fallback: Linux carries the resident set this
    /// bench process had when it started the child into that figure.
    func peakMemoryOfSeedRun() throws -> Double {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ganscope-bench-\(getpid())").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL
        if !FileManager.default.isExecutableFile(atPath: p.executableURL!.path),
           let exe = Bundle.main.executableURL { p.executableURL = exe }
        p.arguments = ["train", "--preset", "seed", "--num-epochs", "\(memorySteps)", "--disp-freq", "\(memorySteps)", "--anim-freq", "\(min(1000, memorySteps))", "--quiet", "--result-dir", dir]
        try p.run()
        p.waitUntilExit()
        let summary = RunLayout(resultDir: dir, modelName: RunConfig(preset: .seed).modelName).summaryJSON
        if let peak = RunSummary.read(path: summary)?.peakRSSMB { return peak }
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_CHILDREN.rawValue), &usage)
        return Double(usage.ru_maxrss) / 1024  // ru_maxrss is in KiB on Linux
    }
}
