import ArgumentParser
import GANRun

/// The live view of a run in progress (docs/live.md); ``RunControl/validate()`` checks the values.
struct LiveOptions: ParsableArguments {
    @Option(name: .customLong("live-freq"), help: "Every this many steps (and at most once a second) write the latest frame R/M/live.png and R/M/live.json and refresh R/index.html, so an open report shows the run as it learns; 0 = off.")
    var liveFreq: Int = RunControl.defaultLiveFrequency

    @Flag(name: .customLong("live-gif"), help: "Keep every live frame (every --live-freq steps, without the once-a-second limit) in R/M/live_frames/ and assemble R/M_live_animation.gif at the end.")
    var liveGIF = false

    func apply(to control: inout RunControl) {
        control.liveFrequency = liveFreq
        control.liveGIF = liveGIF
    }
}
