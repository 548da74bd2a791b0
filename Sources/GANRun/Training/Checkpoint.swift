import Foundation
import GANCore

/// Everything needed to continue a run exactly where it stopped: `R/M/checkpoint.bin`.
///
/// Format (version 1, little-endian, written atomically by ``write(to:)``):
///
///     "GANSCKPT"                      8 bytes, magic
///     version        UInt32           1
///     settings hash  UInt64           RunConfig.settingsHash of the run
///     step           UInt64           steps done
///     seconds        Float64          training seconds so far
///     rng            4 × UInt64       the trainer's xoshiro256** state
///     networks       UInt32 count, then per network UInt64 n and n Float32 parameters
///     optimizers     UInt32 count, then per optimizer UInt8 kind (0 adam, 1 rmsprop,
///                    2 sgd), UInt64 t (Adam's step count, else 0), UInt32 buffer count,
///                    then per buffer UInt64 n and n Float32 (Adam m, v; RMSProp v; SGD b)
///     losses         UInt64 n, n Float32 d_loss, n Float32 g_loss, last d_loss, last g_loss
///     evaluations    UInt32 count, Float64 seconds, then per evaluation Int64 step,
///                    Int64 n_samples, Int64 modes_captured, 7 Float64 (the metrics in
///                    metrics.csv order), UInt32 K and K Float64 (mode histogram)
///     checksum       UInt64           FNV-1a of every byte before it
///
/// The frame and evaluation noise and the real points are not stored: they come from
/// their own streams of the seed (``Experiment``) and are drawn again on resume.
public struct Checkpoint: Equatable {
    public static let magic = Array("GANSCKPT".utf8)
    public static let version: UInt32 = 1

    public var settingsHash: UInt64
    public var step: Int
    public var seconds: Double
    public var rng: RNG
    public var networks: [[Float]]
    public var optimizers: [OptimizerState]
    public var dLosses: [Float]
    public var gLosses: [Float]
    public var lastLoss: (d: Float, g: Float)
    public var evalSeconds: Double
    public var history: [Evaluation]

    public struct Evaluation: Equatable {
        public var step: Int
        public var metrics: MixtureMetrics
    }

    public struct OptimizerState: Equatable {
        public var kind: UInt8
        public var t: Int
        public var buffers: [[Float]]
    }

    public static func == (l: Checkpoint, r: Checkpoint) -> Bool {
        l.settingsHash == r.settingsHash && l.step == r.step && l.seconds == r.seconds && l.rng == r.rng
            && l.networks == r.networks && l.optimizers == r.optimizers && l.dLosses == r.dLosses
            && l.gLosses == r.gLosses && l.lastLoss.d.bitPattern == r.lastLoss.d.bitPattern
            && l.lastLoss.g.bitPattern == r.lastLoss.g.bitPattern && l.evalSeconds == r.evalSeconds
            && l.history == r.history
    }

    // MARK: capture and restore

    /// The state of `trainer` and of the run around it.
    public init(config: RunConfig, trainer: Trainer, seconds: Double, dLosses: [Float], gLosses: [Float],
                lastLoss: (d: Float, g: Float), evaluator: TrainingEvaluator) {
        settingsHash = config.settingsHash
        step = trainer.stepsDone
        self.seconds = seconds
        rng = trainer.rng
        networks = trainer.networks.map(\.parameters.array)
        optimizers = trainer.optimizers.map(Self.state(of:))
        self.dLosses = dLosses
        self.gLosses = gLosses
        self.lastLoss = lastLoss
        evalSeconds = evaluator.seconds
        history = evaluator.history.map { Evaluation(step: $0.step, metrics: $0.metrics) }
    }

    static func state(of o: any Optimizer) -> OptimizerState {
        switch o {
        case let a as Adam: return OptimizerState(kind: 0, t: a.t, buffers: [a.m.array, a.v.array])
        case let r as RMSProp: return OptimizerState(kind: 1, t: 0, buffers: [r.v.array])
        case let s as MomentumSGD: return OptimizerState(kind: 2, t: 0, buffers: [s.velocity.array])
        default: preconditionFailure("unknown optimizer \(type(of: o))")
        }
    }

    /// Copies the saved state into `trainer` (built from the same settings) and
    /// `evaluator`. Throws ``RunError/checkpoint(path:reason:)`` when the shapes differ.
    public func restore(into trainer: Trainer, evaluator: TrainingEvaluator, path: String) throws {
        func fail(_ why: String) -> RunError { .checkpoint(path: path, reason: why) }
        let nets = trainer.networks, opts = trainer.optimizers
        guard networks.count == nets.count, optimizers.count == opts.count else {
            throw fail("it holds \(networks.count) networks, this run has \(nets.count)")
        }
        func fill(_ b: FloatBuffer, _ v: [Float], _ what: String) throws {
            guard v.count == b.count else { throw fail("\(what) has \(v.count) numbers, this run needs \(b.count)") }
            v.withUnsafeBufferPointer { b.base.update(from: $0.baseAddress!, count: v.count) }
        }
        for (k, net) in nets.enumerated() { try fill(net.parameters, networks[k], "network \(k)") }
        for (k, o) in opts.enumerated() {
            let s = optimizers[k]
            switch o {
            case let a as Adam where s.kind == 0 && s.buffers.count == 2:
                try fill(a.m, s.buffers[0], "Adam m of network \(k)"); try fill(a.v, s.buffers[1], "Adam v of network \(k)")
                a.restore(t: s.t)
            case let r as RMSProp where s.kind == 1 && s.buffers.count == 1:
                try fill(r.v, s.buffers[0], "RMSProp v of network \(k)")
            case let m as MomentumSGD where s.kind == 2 && s.buffers.count == 1:
                try fill(m.velocity, s.buffers[0], "SGD velocity of network \(k)")
            default:
                throw fail("optimizer \(k) of kind \(s.kind) does not match this run's \(type(of: o))")
            }
        }
        trainer.restore(stepsDone: step, rng: rng)
        evaluator.restore(history: history.map { ($0.step, $0.metrics) }, seconds: evalSeconds)
    }

    // MARK: bytes

    /// The file's bytes.
    public func encoded() -> [UInt8] {
        var w = ByteWriter()
        w.bytes(Self.magic)
        w.u32(Self.version)
        w.u64(settingsHash)
        w.u64(UInt64(step))
        w.f64(seconds)
        let s = rng.state
        for x in [s.0, s.1, s.2, s.3] { w.u64(x) }
        w.u32(UInt32(networks.count))
        for n in networks { w.floats(n) }
        w.u32(UInt32(optimizers.count))
        for o in optimizers {
            w.bytes([o.kind]); w.u64(UInt64(o.t)); w.u32(UInt32(o.buffers.count))
            for b in o.buffers { w.floats(b) }
        }
        w.u64(UInt64(dLosses.count))
        for x in dLosses { w.u32(x.bitPattern) }
        for x in gLosses { w.u32(x.bitPattern) }
        w.u32(lastLoss.d.bitPattern); w.u32(lastLoss.g.bitPattern)
        w.u32(UInt32(history.count))
        w.f64(evalSeconds)
        for e in history {
            let m = e.metrics
            w.u64(UInt64(bitPattern: Int64(e.step))); w.u64(UInt64(bitPattern: Int64(m.nSamples)))
            w.u64(UInt64(bitPattern: Int64(m.modesCaptured)))
            for v in [m.highQualityFraction, m.reverseKL, m.inceptionScore, m.meanLogLikelihood,
                      m.energyDistance, m.slicedWasserstein, m.mmdRBF] { w.f64(v) }
            w.u32(UInt32(m.modeHistogram.count))
            for v in m.modeHistogram { w.f64(v) }
        }
        w.u64(fnv1a(w.out))
        return w.out
    }

    /// Parses the file's bytes; every problem is a ``RunError/checkpoint(path:reason:)``.
    public init(bytes: [UInt8], path: String) throws {
        func fail(_ why: String) -> RunError { .checkpoint(path: path, reason: why) }
        guard bytes.count >= Self.magic.count + 4, Array(bytes.prefix(Self.magic.count)) == Self.magic else {
            throw fail("not a GANScope checkpoint (bad magic)")
        }
        var r = ByteReader(bytes: bytes, position: Self.magic.count)
        let version = try r.u32(path)
        guard version == Self.version else {
            throw fail("format version \(version); this ganscope reads version \(Self.version)")
        }
        guard bytes.count >= Self.magic.count + 12 else { throw fail("truncated") }
        let body = bytes.prefix(bytes.count - 8)
        let stored = bytes.suffix(8).reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        guard fnv1a(body) == stored else {
            throw fail("checksum mismatch: the file is damaged or truncated")
        }
        settingsHash = try r.u64(path)
        step = Int(try r.count(path, max: 1 << 40))
        seconds = try r.f64(path)
        let st = (try r.u64(path), try r.u64(path), try r.u64(path), try r.u64(path))
        guard st != (0, 0, 0, 0) else { throw fail("invalid generator state") }
        rng = RNG(state: st)
        networks = try (0..<(try r.count32(path))).map { _ in try r.floats(path) }
        optimizers = try (0..<(try r.count32(path))).map { _ in
            let kind = try r.byte(path)
            let t = Int(try r.count(path, max: 1 << 40))
            let buffers = try (0..<(try r.count32(path))).map { _ in try r.floats(path) }
            return OptimizerState(kind: kind, t: t, buffers: buffers)
        }
        let n = Int(try r.count(path, max: UInt64(bytes.count / 8)))
        dLosses = try (0..<n).map { _ in Float(bitPattern: try r.u32(path)) }
        gLosses = try (0..<n).map { _ in Float(bitPattern: try r.u32(path)) }
        lastLoss = (Float(bitPattern: try r.u32(path)), Float(bitPattern: try r.u32(path)))
        let evaluations = try r.count32(path)
        evalSeconds = try r.f64(path)
        history = try (0..<evaluations).map { _ in
            let step = Int(Int64(bitPattern: try r.u64(path)))
            let nSamples = Int(Int64(bitPattern: try r.u64(path)))
            let modes = Int(Int64(bitPattern: try r.u64(path)))
            var v: [Double] = []
            for _ in 0..<7 { v.append(try r.f64(path)) }
            let hist = try (0..<(try r.count32(path))).map { _ in try r.f64(path) }
            return Evaluation(step: step, metrics: MixtureMetrics(
                nSamples: nSamples, modesCaptured: modes, highQualityFraction: v[0], reverseKL: v[1],
                inceptionScore: v[2], meanLogLikelihood: v[3], energyDistance: v[4], slicedWasserstein: v[5],
                mmdRBF: v[6], modeHistogram: hist))
        }
        guard r.position == bytes.count - 8 else { throw fail("\(bytes.count - 8 - r.position) unexpected bytes before the checksum") }
    }

    /// Writes the checkpoint atomically.
    public func write(to path: String) throws { try AtomicFile.write(encoded(), to: path) }

    /// Reads and checks `path` against the settings of `config`.
    public static func read(path: String, config: RunConfig) throws -> Checkpoint {
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

/// Little-endian appends.
private struct ByteWriter {
    var out: [UInt8] = []
    mutating func bytes(_ b: [UInt8]) { out += b }
    mutating func u32(_ x: UInt32) { withUnsafeBytes(of: x.littleEndian) { out += $0 } }
    mutating func u64(_ x: UInt64) { withUnsafeBytes(of: x.littleEndian) { out += $0 } }
    mutating func f64(_ x: Double) { u64(x.bitPattern) }
    mutating func floats(_ v: [Float]) {
        u64(UInt64(v.count))
        out.reserveCapacity(out.count + 4 * v.count)
        for x in v { u32(x.bitPattern) }
    }
}

/// Bounds-checked little-endian reads: a damaged file throws, never traps.
private struct ByteReader {
    let bytes: [UInt8]
    var position: Int

    mutating func take(_ n: Int, _ path: String) throws -> ArraySlice<UInt8> {
        guard n >= 0, bytes.count - 8 - position >= n else {
            throw RunError.checkpoint(path: path, reason: "truncated (needed \(n) more bytes at offset \(position))")
        }
        defer { position += n }
        return bytes[position..<(position + n)]
    }
    mutating func byte(_ path: String) throws -> UInt8 { try take(1, path).first! }
    mutating func u32(_ path: String) throws -> UInt32 {
        try take(4, path).reversed().reduce(0) { $0 << 8 | UInt32($1) }
    }
    mutating func u64(_ path: String) throws -> UInt64 {
        try take(8, path).reversed().reduce(0) { $0 << 8 | UInt64($1) }
    }
    mutating func f64(_ path: String) throws -> Double { Double(bitPattern: try u64(path)) }
    mutating func count(_ path: String, max: UInt64) throws -> UInt64 {
        let n = try u64(path)
        guard n <= max else { throw RunError.checkpoint(path: path, reason: "implausible count \(n) at offset \(position - 8)") }
        return n
    }
    mutating func count32(_ path: String) throws -> Int {
        let n = Int(try u32(path))
        guard n <= (bytes.count - position) else { throw RunError.checkpoint(path: path, reason: "implausible count \(n) at offset \(position - 4)") }
        return n
    }
    mutating func floats(_ path: String) throws -> [Float] {
        let n = try count(path, max: UInt64(max(0, bytes.count - position) / 4))
        let raw = try take(4 * Int(n), path)
        var out = [Float](repeating: 0, count: Int(n))
        var i = raw.startIndex
        for k in 0..<Int(n) {
            out[k] = Float(bitPattern: UInt32(raw[i]) | UInt32(raw[i + 1]) << 8 | UInt32(raw[i + 2]) << 16 | UInt32(raw[i + 3]) << 24)
            i += 4
        }
        return out
    }
}
