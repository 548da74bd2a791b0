import ArgumentParser
import GANRun

/// What to do with an existing run directory, and checkpoints; ``RunControl/validate()``
/// checks the frequency.
struct RunControlOptions: ParsableArguments {
    @Flag(help: "Replace an existing run R/M (one with a config.json); without it such a run is refused with exit code 2.")
    var overwrite = false

    @Flag(help: "Continue the run R/M from R/M/checkpoint.bin with the settings of R/M/config.json (give only --result-dir and --model-name). The result is bit-identical to a run that was never stopped.")
    var resume = false

    @Option(name: .customLong("checkpoint-freq"), help: "Write R/M/checkpoint.bin every this many steps and when the run is interrupted; 0 = never.")
    var checkpointFreq: Int = RunControl.defaultCheckpointFrequency

    @Option(name: .customLong("stop-on"), help: ArgumentHelp(
        "End the run when one of these conditions begins (docs/diagnosis.md), with every output written and exit code 1.",
        valueName: "kind[,kind...]"))
    var stopOn: String?

    func validate() throws {
        if overwrite && resume { throw ValidationError("--overwrite and --resume exclude each other") }
    }

    /// The control for the run, with `live`'s outputs; the stop request comes from SIGINT/SIGTERM.
    func control(live: LiveOptions) throws -> RunControl {
        var c = RunControl(existing: resume ? .resume : overwrite ? .overwrite : .refuse, checkpointFrequency: checkpointFreq)
        if let stopOn { c.stopOn = Set(try ListParsing.names(stopOn, field: "stop_on")) }
        (c.liveFrequency, c.liveGIF) = (live.liveFreq, live.liveGIF)
        return c
    }
}

/// The live view of a run in progress (docs/live.md); ``RunControl/validate()`` checks the values.
struct LiveOptions: ParsableArguments {
    @Option(name: .customLong("live-freq"), help: "Every this many steps (and at most once a second) write the latest frame R/M/live.png and R/M/live.json and refresh R/index.html, so an open report shows the run as it learns; 0 = off.")
    var liveFreq: Int = RunControl.defaultLiveFrequency

    @Flag(name: .customLong("live-gif"), help: "Keep every live frame (every --live-freq steps, without the once-a-second limit) in R/M/live_frames/ and assemble R/M_live_animation.gif at the end.")
    var liveGIF = false
}
