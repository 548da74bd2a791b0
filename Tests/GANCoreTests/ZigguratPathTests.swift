import Testing
@testable import GANCore

/// The AVX-512 rounds of the bulk ziggurat against the portable loop: for every count
/// (whole rounds, partial rounds, the 32-round blocks of the kernel and their remainders)
/// and several seeds, the same floats bit for bit and the generator in the same state.
/// Only runs where the processor has AVX-512 F; the portable path itself is what the
/// distribution tests check on every machine.
@Suite("Ziggurat fill paths")
struct ZigguratPathTests {
    static let counts = [0, 1, 15, 16, 17, 31, 32, 100, 511, 512, 513, 528, 1000, 8192, 20_011]

    @Test(.enabled(if: Ziggurat.Path.avx512Supported), arguments: counts)
    func avx512MatchesPortable(count: Int) {
        for seed: UInt64 in [1, 2, 0xDEAD_BEEF, 77_777] {
            var a = RNG(seed: seed), b = RNG(seed: seed)
            var x = [Float](repeating: .nan, count: count), y = x
            x.withUnsafeMutableBufferPointer { Ziggurat.fill($0.baseAddress!, count: count, &a, path: .portable) }
            y.withUnsafeMutableBufferPointer { Ziggurat.fill($0.baseAddress!, count: count, &b, path: .avx512) }
            let differing = zip(x, y).filter { $0.bitPattern != $1.bitPattern }.count
            #expect(differing == 0, "seed \(seed): \(differing) of \(count) deviates differ")
            #expect(a == b, "seed \(seed): the generators end in different states")
        }
    }

    /// The rejected lanes the kernel hands back are really finished: in 200 011 deviates
    /// (≈ 3000 wedge or tail cases) none is NaN, and about the expected number lie beyond
    /// the base strip r, which only the tail step produces (a rejected lane left as the
    /// kernel wrote it never lies there).
    @Test(.enabled(if: Ziggurat.Path.avx512Supported))
    func avx512FinishesTheRejectedLanes() {
        var rng = RNG(seed: 5)
        var x = [Float](repeating: .nan, count: 200_011)
        x.withUnsafeMutableBufferPointer { Ziggurat.fill($0.baseAddress!, count: $0.count, &rng, path: .avx512) }
        #expect(x.allSatisfy { $0.isFinite })
        let beyond = x.filter { abs(Double($0)) > Ziggurat.r }.count
        // Expected 2.58e-4 × 200 011 ≈ 52; Poisson bounds at ±5 standard deviations.
        #expect((16...88).contains(beyond), "\(beyond) deviates beyond r")
    }

    /// The path only changes instructions: `best` is one of the two, and `portable` is
    /// always available.
    @Test func bestIsSupported() {
        #expect(Ziggurat.Path.best == .portable || Ziggurat.Path.avx512Supported)
    }
}
