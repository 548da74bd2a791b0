/// The checkpoint of a run: `R/M/checkpoint.bin`, see ``Checkpoint``.
extension RunLayout {
    public var checkpoint: String { modelDir + "/checkpoint.bin" }
}
