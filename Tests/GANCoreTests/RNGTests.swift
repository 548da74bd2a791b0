import Testing
@testable import GANCore

/// The xoshiro256** generator: reference values, reproducibility, stream independence and
/// the uniform and integer draws. Every tolerance is ≤ 5 standard errors of the statistic
/// (a two-sided 5σ band: probability ≈ 6e-7 under a correct generator), and the seeds are
/// fixed, so none of these can flicker.
@Suite("RNG")
struct RNGTests {
    /// SplitMix64 seeding and xoshiro256** outputs for seeds 0 and 6789, computed by an
    /// independent Python implementation of both published algorithms (SplitMix64(0)'s first
    /// output 0xE220A8397B1DCDAF is the well-known reference value).
    @Test func referenceValues() {
        var zero = RNG(seed: 0)
        #expect(zero.state.0 == 0xE220_A839_7B1D_CDAF)
        #expect(zero.state.3 == 0xF88B_B8A8_724C_81EC)
        #expect([zero.next(), zero.next(), zero.next()]
            == [11_091_344_671_253_066_420, 13_793_997_310_169_335_082, 1_900_383_378_846_508_768])
        var seeded = RNG(seed: 6789)
        #expect([seeded.next(), seeded.next(), seeded.next()]
            == [18_201_586_999_483_767_751, 4_081_608_596_772_990_294, 17_002_201_430_040_526_953])
    }

    @Test func sameSeedSameSequence() {
        var a = RNG(seed: 42), b = RNG(seed: 42)
        for _ in 0..<1000 { #expect(a.next() == b.next()) }
        var na = [Float](repeating: 0, count: 500), nb = na
        a.fillNormal(&na, count: 500)
        b.fillNormal(&nb, count: 500)
        #expect(na == nb)
        #expect(a == b)
        // A saved state continues the same sequence.
        var restored = RNG(state: a.state)
        #expect((0..<100).map { _ in a.next() } == (0..<100).map { _ in restored.next() })
    }

    @Test func differentSeedsAndStreamsDiffer() {
        func head(_ r: RNG) -> [UInt64] { var r = r; return (0..<64).map { _ in r.next() } }
        let base = RNG(seed: 6789)
        let sequences = [head(base), head(RNG(seed: 6790)), head(RNG(seed: 0)),
                         head(base.derived(1)), head(base.derived(2)), head(RNG(seed: 6790).derived(1))]
        for i in sequences.indices {
            for j in sequences.indices where j > i {
                // Independent 64-bit streams share essentially no words.
                #expect(Set(sequences[i]).isDisjoint(with: sequences[j]), "streams \(i) and \(j) overlap")
            }
        }
        // Deriving is a pure function of the state and the stream number, and leaves the parent alone.
        #expect(head(base.derived(1)) == head(RNG(seed: 6789).derived(1)))
        #expect(base == RNG(seed: 6789))
    }

    /// 10⁶ uniforms: mean 1/2 (SE √(1/12)/1000 = 2.9e-4), variance 1/12 (SE of the sample
    /// variance √(1/80 − 1/144)/1000 = 7.5e-5), and ten equal bins (count SE √(n·0.1·0.9) = 300).
    @Test func uniformMoments() {
        var rng = RNG(seed: 1)
        let n = 1_000_000
        var sum = 0.0, sumSq = 0.0, lo = 1.0, hi = 0.0
        var bins = [Int](repeating: 0, count: 10)
        for _ in 0..<n {
            let u = rng.uniform()
            sum += u; sumSq += u * u
            lo = min(lo, u); hi = max(hi, u)
            bins[Int(u * 10)] += 1
        }
        let mean = sum / Double(n), variance = sumSq / Double(n) - mean * mean
        #expect(abs(mean - 0.5) <= 5 * 2.9e-4)
        #expect(abs(variance - 1.0 / 12) <= 5 * 7.5e-5)
        #expect(lo >= 0 && hi < 1 && lo < 1e-5 && hi > 1 - 1e-5)
        for (k, c) in bins.enumerated() { #expect(abs(c - n / 10) <= 5 * 300, "bin \(k): \(c)") }
    }

    @Test("integer(below:) stays in range", arguments: [1, 2, 3, 7, 10, 1000, 1 << 40, Int.max])
    func integerRange(_ n: Int) {
        var rng = RNG(seed: UInt64(truncatingIfNeeded: n))
        var top = 0
        for _ in 0..<20_000 {
            let k = rng.integer(below: n)
            #expect(k >= 0 && k < n)
            top = max(top, k)
        }
        if n == 1 { #expect(top == 0) }
        if n > 1 && n <= 1000 { #expect(top == n - 1) }          // every value is reachable
        if n > 1000 { #expect(top > n / 2) }                        // the range is really used
    }

    /// 7 values × 10⁵ expected draws each: per-value count SE √(7·10⁵·(1/7)(6/7)) = 293; and
    /// Pearson χ² with 6 degrees of freedom below 36 (p ≈ 3e-6).
    @Test func integerUniformity() {
        var rng = RNG(seed: 3)
        let n = 700_000, k = 7
        var counts = [Int](repeating: 0, count: k)
        for _ in 0..<n { counts[rng.integer(below: k)] += 1 }
        let expected = Double(n) / Double(k)
        for c in counts { #expect(abs(Double(c) - expected) <= 5 * 293) }
        let chi2 = counts.reduce(0.0) { $0 + (Double($1) - expected) * (Double($1) - expected) / expected }
        #expect(chi2 < 36)
        // A bound that is not a power of two and close to 2⁶³: Lemire's rejection keeps the
        // top and bottom halves equally likely (SE of the fraction 1/(2√n) = 2.5e-3).
        var big = RNG(seed: 4)
        let bound = Int.max / 3 * 2
        var upper = 0
        for _ in 0..<40_000 {
            if big.integer(below: bound) >= bound / 2 { upper += 1 }
        }
        #expect(abs(Double(upper) / 40_000 - 0.5) <= 5 * 2.5e-3)
    }

    @Test func fillUniformRangeAndNormalScaling() {
        var rng = RNG(seed: 5)
        var u = [Float](repeating: 0, count: 100_000)
        rng.fillUniform(&u, count: u.count, lo: -3, hi: 5)
        #expect(u.allSatisfy { $0 >= -3 && $0 < 5 })
        // mean 1, SE 8/√12/√n = 7.3e-3
        #expect(abs(Double(u.reduce(0, +)) / 1e5 - 1) <= 5 * 7.3e-3)
        var x = [Float](repeating: 0, count: 100_000)
        rng.fillNormal(&x, count: x.count, mean: 2, std: 0.5)
        let mean = x.reduce(0.0) { $0 + Double($1) } / 1e5
        let sd = (x.reduce(0.0) { $0 + (Double($1) - mean) * (Double($1) - mean) } / 1e5).squareRoot()
        #expect(abs(mean - 2) <= 5 * 0.5 / 316.2)        // SE σ/√n
        #expect(abs(sd - 0.5) <= 5 * 0.5 / 447.2)         // SE σ/√(2n)
    }
}
