import Foundation
import GANCore

/// Everything needed to continue a run exactly where it stopped: `R/M/checkpoint.bin`, which
/// is `"GANSCKPT"`, the format version (UInt32, little-endian), this struct as sorted-key JSON
/// (Float and Double arrays bit-exact as base64 of their bytes) and an FNV-1a (UInt64) of every
/// byte before it, so a damaged file is refused. Frame and evaluation noise and real points
/// come from their own streams of the seed and are drawn again on resume.
package struct Checkpoint: Codable, Equatable {
    package static let magic = Array("GANSCKPT".utf8)
    package static let version: UInt32 = 4

    package var settingsHash: UInt64
    package var step: Int
    package var seconds: Double
    /// The trainer's ``RNG`` state.
    package var rng: [UInt64]
    /// Each network's parameters, as the bytes of their Floats.
    package var networks: [Data]
    package var optimizers: [OptimizerState]
    /// The Floats of `losses.csv` so far, and of the last step's D and G loss.
    package var dLosses: Data, gLosses: Data, lastLoss: Data
    package var evalSeconds: Double
    package var history: [Evaluation]

    package struct OptimizerState: Codable, Equatable {
        var t: Int
        var buffers: [Data]
    }

    /// `values`: ``MixtureMetrics/doubleFields`` in metrics.csv order, then the mode histogram.
    package struct Evaluation: Codable, Equatable {
        var step: Int, nSamples: Int, modesCaptured: Int, values: Data, signals: TrainingSignals
    }

    /// The state of `trainer` and of the run around it.
    package init(config: RunConfig, trainer: Trainer, seconds: Double, dLosses: [Float], gLosses: [Float],
                 lastLoss: (d: Float, g: Float), evaluator: TrainingEvaluator) {
        settingsHash = config.settingsHash
        step = trainer.stepsDone
        self.seconds = seconds
        let s = trainer.rng.state
        rng = [s.0, s.1, s.2, s.3]
        networks = trainer.networks.map { Data(raw: $0.parameters.array) }
        optimizers = trainer.optimizers.map { OptimizerState(t: $0.t, buffers: $0.stateBuffers.map { Data(raw: $0.array) }) }
        (self.dLosses, self.gLosses, self.lastLoss) = (Data(raw: dLosses), Data(raw: gLosses), Data(raw: [lastLoss.d, lastLoss.g]))
        evalSeconds = evaluator.seconds
        history = zip(evaluator.history, evaluator.signals).map { h, signals in
            Evaluation(step: h.step, nSamples: h.metrics.nSamples, modesCaptured: h.metrics.modesCaptured,
                       values: Data(raw: h.metrics.values), signals: signals)
        }
    }

    /// Copies the saved state into `trainer` (built from the same settings) and `evaluator`;
    /// returns the losses so far and the last step's. Throws ``RunError/checkpoint(path:reason:)``
    /// when the shapes differ.
    package func restore(into trainer: Trainer, evaluator: TrainingEvaluator,
                         path: String) throws -> (d: [Float], g: [Float], last: (dLoss: Float, gLoss: Float)) {
        func fail(_ why: String) -> RunError { .checkpoint(path: path, reason: why) }
        let nets = trainer.networks, opts = trainer.optimizers
        guard networks.count == nets.count, optimizers.count == opts.count else {
            throw fail("it holds \(networks.count) networks, this run has \(nets.count)")
        }
        func fill(_ b: FloatBuffer, _ bytes: Data, _ what: String) throws {
            let v = bytes.raw(Float.self)
            guard v.count == b.count else { throw fail("\(what) has \(v.count) numbers, this run needs \(b.count)") }
            v.withUnsafeBufferPointer { b.base.update(from: $0.baseAddress!, count: v.count) }
        }
        for (k, net) in nets.enumerated() { try fill(net.parameters, networks[k], "network \(k)") }
        for (k, (o, s)) in zip(opts, optimizers).enumerated() {
            guard s.buffers.count == o.stateBuffers.count else {
                throw fail("optimizer \(k) holds \(s.buffers.count) buffers, this run's \(type(of: o)) has \(o.stateBuffers.count)")
            }
            for (b, bytes) in zip(o.stateBuffers, s.buffers) { try fill(b, bytes, "the state of optimizer \(k)") }
            o.t = s.t
        }
        trainer.restore(stepsDone: step, rng: RNG(state: (rng[0], rng[1], rng[2], rng[3])))
        let metrics = history.map {
            MixtureMetrics(nSamples: $0.nSamples, modesCaptured: $0.modesCaptured, values: $0.values.raw(Double.self))
        }
        evaluator.restore(history: zip(history, metrics).map { ($0.step, $1) }, signals: history.map(\.signals), seconds: evalSeconds)
        let last = lastLoss.raw(Float.self)
        return (dLosses.raw(Float.self), gLosses.raw(Float.self), (last[0], last[1]))
    }

    /// The file's bytes.
    package func encoded() -> [UInt8] {
        let encoder = Experiment.encoder(pretty: false)   // NaN signals: as strings
        guard let json = try? encoder.encode(self) else { preconditionFailure("a checkpoint's seconds are finite") }
        let out = Self.magic + withUnsafeBytes(of: Self.version.littleEndian, Array.init) + json
        return out + withUnsafeBytes(of: fnv1a(out).littleEndian, Array.init)
    }

    /// Parses the file's bytes; every problem is a ``RunError/checkpoint(path:reason:)``.
    package init(bytes: [UInt8], path: String) throws {
        func fail(_ why: String) -> RunError { .checkpoint(path: path, reason: why) }
        func number<T: FixedWidthInteger>(_ b: some BidirectionalCollection<UInt8>) -> T { b.reversed().reduce(0) { $0 << 8 | T($1) } }
        let m = Self.magic.count
        guard bytes.count >= m + 4, bytes.starts(with: Self.magic) else { throw fail("not a GANScope checkpoint (bad magic)") }
        let version: UInt32 = number(bytes[m..<(m + 4)])
        guard version == Self.version else { throw fail("format version \(version); this ganscope reads version \(Self.version)") }
        guard bytes.count >= m + 12, fnv1a(bytes.dropLast(8)) == number(bytes.suffix(8)) else {
            throw fail("checksum mismatch: the file is damaged or truncated")
        }
        guard let c = try? Experiment.decoder().decode(Checkpoint.self, from: Data(bytes[(m + 4)..<(bytes.count - 8)])),
              c.step >= 0, c.rng.count == 4, c.rng != [0, 0, 0, 0] else { throw fail("the state cannot be read") }
        let floats = MemoryLayout<Float>.stride
        guard c.dLosses.count / floats == c.gLosses.count / floats, c.lastLoss.count / floats == 2 else {
            throw fail("the losses cannot be read")
        }
        let fields = MixtureMetrics.doubleFields.count
        if let e = c.history.first(where: { $0.values.count / MemoryLayout<Double>.stride < fields }) {
            throw fail("an evaluation holds \(e.values.count / MemoryLayout<Double>.stride) of at least \(fields) values")
        }
        self = c
    }

    /// Reads and checks `path` against the settings of `config`.
    package static func read(path: String, config: RunConfig) throws -> Checkpoint {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw RunError.checkpoint(path: path, reason: "no checkpoint to resume from (the run had --checkpoint-freq 0, or it finished)")
        }
        let c = try Checkpoint(bytes: [UInt8](data), path: path)
        guard c.settingsHash == config.settingsHash else {
            throw RunError.checkpoint(path: path, reason: "it was written with other settings than this run's config.json (settings hash differs)")
        }
        guard c.step <= config.numEpochs else {
            throw RunError.checkpoint(path: path, reason: "step \(c.step) is beyond num_epochs \(config.numEpochs)")
        }
        return c
    }
}

extension Data {
    /// The bytes of `values`.
    fileprivate init<T: BitwiseCopyable>(raw values: [T]) { self = values.withUnsafeBytes { Data($0) } }

    /// These bytes as values of `T`.
    fileprivate func raw<T: BitwiseCopyable>(_: T.Type) -> [T] {
        [T](unsafeUninitializedCapacity: count / MemoryLayout<T>.stride) { buffer, n in
            n = copyBytes(to: buffer) / MemoryLayout<T>.stride
        }
    }
}
