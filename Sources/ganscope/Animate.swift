import ArgumentParser
import GANRun

/// `ganscope animate`: rebuild the GIF of a run from its frames on disk.
struct Animate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Rebuild R/M_generate_animation.gif from the frames R/M_epoch%03d.png.")

    @Argument(help: "The result directory R.")
    var resultDir: String
    @Option(name: .customLong("model-name"), help: "The model name M.")
    var modelName: String
    @Option(help: "Frames per second.")
    var fps: Int = RunConfig().fps

    func validate() throws {
        guard fps > 0 && fps <= 100 else { throw ValidationError("--fps must be a whole number from 1 to 100, got \(fps)") }
        try RunConfig.validateName(modelName)
    }

    func run() throws {
        let n = try Animator.write(RunLayout(resultDir: resultDir, modelName: modelName), fps: fps)
        print("wrote \(resultDir)/\(modelName)_generate_animation.gif (\(n) frames)")
    }
}
