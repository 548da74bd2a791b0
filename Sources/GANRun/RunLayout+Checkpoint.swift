/// The checkpoint of a run (issue 7): `R/M/checkpoint.bin`, see ``Checkpoint``.
extension RunLayout {
    public var checkpoint: String { modelDir + "/checkpoint.bin" }
}
