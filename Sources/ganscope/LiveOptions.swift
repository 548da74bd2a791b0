import ArgumentParser
import GANRun

/// The live view of a run in progress (docs/live.md).
struct LiveOptions: ParsableArguments {
    @Option(name: .customLong("live-freq"), help: "Every this many steps (and at most once a second) write the latest frame R/M/live.png and R/M/live.json and refresh R/index.html, so an open report shows the run as it learns; 0 = off.")
    var liveFreq: Int = RunControl.defaultLiveFrequency

    @Flag(name: .customLong("live-gif"), help: "Keep every live frame (every --live-freq steps, without the once-a-second limit) in R/M/live_frames/ and assemble R/M_live_animation.gif at the end.")
    var liveGIF = false

    func validate() throws {
        guard (0...100_000_000).contains(liveFreq) else {
            throw ValidationError("--live-freq must be a whole number from 0 (off) to 100000000, got \(liveFreq)")
        }
        if liveGIF && liveFreq == 0 { throw ValidationError("--live-gif needs a --live-freq from 1 to 100000000, got 0") }
    }

    func apply(to control: inout RunControl) {
        control.liveFrequency = liveFreq
        control.liveGIF = liveGIF
    }
}
