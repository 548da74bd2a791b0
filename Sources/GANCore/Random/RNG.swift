/// The project's seeded generator: xoshiro256** seeded through SplitMix64. Everything random
/// takes an `RNG` explicitly (`inout`), so a run is a pure function of its `--random-seed`;
/// the four-word ``state`` saves and restores exactly. Normals come from ``BoxMuller``.
public struct RNG: Sendable, Equatable {
    /// The xoshiro256** state.
    public private(set) var state: (UInt64, UInt64, UInt64, UInt64)

    /// Equal states: the same future draws.
    public static func == (l: RNG, r: RNG) -> Bool { l.state == r.state }

    /// Seeds the four words from SplitMix64 of `seed`; distinct seeds give independent streams.
    public init(seed: UInt64) {
        var sm = seed
        func splitmix(_ x: inout UInt64) -> UInt64 {
            x &+= 0x9E37_79B9_7F4A_7C15
            var z = x
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        state = (splitmix(&sm), splitmix(&sm), splitmix(&sm), splitmix(&sm))
    }

    /// Restores a generator from a saved ``state``.
    public init(state: (UInt64, UInt64, UInt64, UInt64)) {
        precondition(state != (0, 0, 0, 0), "xoshiro state must not be all zero")
        self.state = state
    }

    /// A generator for a named sub-stream, independent of this one's future draws.
    public func derived(_ stream: UInt64) -> RNG {
        RNG(seed: state.0 ^ (stream &* 0xD1B5_4A32_D192_ED03) ^ state.2)
    }

    /// The next 64 random bits (xoshiro256**).
    @inline(__always)
    public mutating func next() -> UInt64 {
        let result = rotl(state.1 &* 5, 7) &* 9
        let t = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= t
        state.3 = rotl(state.3, 45)
        return result
    }

    @inline(__always)
    private func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    /// Uniform in [0, 1) with 53 random bits.
    @inline(__always)
    public mutating func uniform() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// Uniform integer in 0 ..< n (Lemire's nearly-divisionless method, unbiased).
    public mutating func integer(below n: Int) -> Int {
        precondition(n > 0)
        let bound = UInt64(n)
        var m = next().multipliedFullWidth(by: bound)
        if m.low < bound {
            let threshold = (0 &- bound) % bound
            while m.low < threshold { m = next().multipliedFullWidth(by: bound) }
        }
        return Int(m.high)
    }

    /// One N(0, 1) deviate: the x of one draw's Box–Muller pair (the y is dropped, so the
    /// state is all there is to save).
    public mutating func normal() -> Float {
        let w = next()
        let (x, _) = BoxMuller.pairs(high: SIMD8(repeating: UInt32(truncatingIfNeeded: w >> 32)),
                                     low: SIMD8(repeating: UInt32(truncatingIfNeeded: w)))
        return x[0]
    }

    /// Normals per independently seeded chunk of ``fillNormal(_:count:mean:std:)``.
    public static let normalChunk = 8192

    /// Fills `count` floats at `p` with N(mean, std²) deviates; past ``normalChunk``, in chunks
    /// each seeded from one draw in chunk order and filled in parallel (worker-count free).
    public mutating func fillNormal(_ p: UnsafeMutablePointer<Float>, count: Int,
                                    mean: Float = 0, std: Float = 1) {
        let chunks = RNG.normalChunks(count)
        if chunks <= 1 {
            BoxMuller.fill(p, count: count, &self)
        } else {
            withUnsafeTemporaryAllocation(of: UInt64.self, capacity: chunks) { seeds in
                let seeds = seeds.baseAddress!
                drawNormalChunkSeeds(seeds, chunks: chunks)
                (ParallelRunner.shared ?? ParallelRunner(workers: 1)).run(blocks: chunks) { c in
                    RNG.fillNormalChunks(p, count: count, seeds: seeds, chunks: c..<(c + 1))
                }
            }
        }
        if mean != 0 || std != 1 {
            for i in 0..<count { p[i] = mean + std * p[i] }
        }
    }

    // MARK: fillNormal in two halves
    // For > 1 chunk, `fillNormal(p, count:)` is `drawNormalChunkSeeds` (serial) then
    // `fillNormalChunks` over every chunk (any order, any threads): the trainer's row blocks
    // fill their own chunks.

    /// Chunks of ``normalChunk`` that a fill of `count` deviates uses (1: no chunking).
    public static func normalChunks(_ count: Int) -> Int {
        Swift.max(1, (count + normalChunk - 1) / normalChunk)
    }

    /// Draws the seeds of `chunks` (> 1) chunks, in chunk order.
    public mutating func drawNormalChunkSeeds(_ seeds: UnsafeMutablePointer<UInt64>, chunks: Int) {
        for c in 0..<chunks { seeds[c] = next() }
    }

    /// Fills the chunks in `range` of a `count`-deviate buffer at `p` from their seeds.
    public static func fillNormalChunks(_ p: UnsafeMutablePointer<Float>, count: Int,
                                        seeds: UnsafePointer<UInt64>, chunks range: Range<Int>) {
        let chunk = normalChunk
        for c in range {
            var r = RNG(seed: seeds[c])
            BoxMuller.fill(p + c * chunk, count: Swift.min(chunk, count - c * chunk), &r)
        }
    }

    /// Fills `count` floats at `p` with uniform deviates in [lo, hi).
    public mutating func fillUniform(_ p: UnsafeMutablePointer<Float>, count: Int,
                                     lo: Float = -1, hi: Float = 1) {
        let scale = (hi - lo) * 0x1.0p-24
        for i in 0..<count { p[i] = lo + Float(next() >> 40) * scale }
    }
}
