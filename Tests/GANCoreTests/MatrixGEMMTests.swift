import Testing
@testable import GANCore

/// `Matrix.gemm` (cblas_sgemm) against a naive triple loop in Double.
///
/// Tolerance: every product sums k ≤ 13 terms of size ≤ ~4 in Float; the accumulated
/// round-off is below k·ε·Σ|terms| ≈ 13 · 6e-8 · 50 ≈ 4e-5, so 1e-4 absolute is a tight bound
/// that still catches any wrong index, transpose or stride (those give O(1) errors).
@Suite("BLAS gemm against a naive loop")
struct MatrixGEMMTests {
    /// C ← alpha·op(A)·op(B) + beta·C in Double, straight from the definition.
    static func naive(_ a: [Float], aRows: Int, aCols: Int, _ b: [Float], bRows: Int, bCols: Int,
                      _ c: [Float], transposeA: Bool, transposeB: Bool,
                      alpha: Double, beta: Double) -> [Double] {
        let m = transposeA ? aCols : aRows, k = transposeA ? aRows : aCols
        let n = transposeB ? bRows : bCols
        func opA(_ i: Int, _ p: Int) -> Double { Double(transposeA ? a[p * aCols + i] : a[i * aCols + p]) }
        func opB(_ p: Int, _ j: Int) -> Double { Double(transposeB ? b[j * bCols + p] : b[p * bCols + j]) }
        var out = [Double](repeating: 0, count: m * n)
        for i in 0..<m {
            for j in 0..<n {
                var s = 0.0
                for p in 0..<k { s += opA(i, p) * opB(p, j) }
                out[i * n + j] = alpha * s + beta * Double(c[i * n + j])
            }
        }
        return out
    }

    static func values(_ count: Int, seed: UInt64) -> [Float] {
        var rng = RNG(seed: seed)
        return (0..<count).map { _ in rng.normal() }
    }

    struct Case: CustomTestStringConvertible, Sendable {
        var m: Int, n: Int, k: Int
        var transposeA: Bool, transposeB: Bool
        var alpha: Float, beta: Float
        var testDescription: String {
            "m\(m) n\(n) k\(k) \(transposeA ? "Aᵀ" : "A")·\(transposeB ? "Bᵀ" : "B") α\(alpha) β\(beta)"
        }
    }

    /// All four transpose combinations, each on non-square shapes, with plain and general α, β.
    static let cases: [Case] = {
        var cases: [Case] = []
        for (tA, tB) in [(false, false), (true, false), (false, true), (true, true)] {
            cases.append(Case(m: 5, n: 3, k: 7, transposeA: tA, transposeB: tB, alpha: 1, beta: 0))
            cases.append(Case(m: 2, n: 9, k: 13, transposeA: tA, transposeB: tB, alpha: -0.75, beta: 0.5))
            cases.append(Case(m: 11, n: 1, k: 4, transposeA: tA, transposeB: tB, alpha: 2, beta: 1))
            cases.append(Case(m: 1, n: 6, k: 1, transposeA: tA, transposeB: tB, alpha: 1.5, beta: -2))
        }
        return cases
    }()

    @Test("op(A)·op(B) matches the triple loop", arguments: cases)
    func matchesNaive(_ c: Case) {
        let (aRows, aCols) = c.transposeA ? (c.k, c.m) : (c.m, c.k)
        let (bRows, bCols) = c.transposeB ? (c.n, c.k) : (c.k, c.n)
        let a = FloatBuffer(Self.values(aRows * aCols, seed: 1))
        let b = FloatBuffer(Self.values(bRows * bCols, seed: 2))
        let cInit = Self.values(c.m * c.n, seed: 3)
        let out = FloatBuffer(cInit)
        Matrix.gemm(a.matrix(rows: aRows, cols: aCols), b.matrix(rows: bRows, cols: bCols),
                    into: out.matrix(rows: c.m, cols: c.n),
                    transposeA: c.transposeA, transposeB: c.transposeB, alpha: c.alpha, beta: c.beta)
        let expected = Self.naive(a.array, aRows: aRows, aCols: aCols, b.array, bRows: bRows, bCols: bCols,
                                  cInit, transposeA: c.transposeA, transposeB: c.transposeB,
                                  alpha: Double(c.alpha), beta: Double(c.beta))
        for (i, (got, want)) in zip(out.array, expected).enumerated() {
            #expect(abs(Double(got) - want) <= 1e-4, "C[\(i / c.n), \(i % c.n)]: \(got) vs \(want)")
        }
    }

    /// A small product worked by hand: [[1,2,3],[4,5,6]]·[[7,8],[9,10],[11,12]] = [[58,64],[139,154]].
    @Test func handWorkedProduct() {
        let a = FloatBuffer([1, 2, 3, 4, 5, 6]), b = FloatBuffer([7, 8, 9, 10, 11, 12])
        let c = FloatBuffer(count: 4)
        Matrix.gemm(a.matrix(rows: 2, cols: 3), b.matrix(rows: 3, cols: 2), into: c.matrix(rows: 2, cols: 2))
        #expect(c.array == [58, 64, 139, 154])
        // β = 1 accumulates: C ← A·B + C doubles it.
        Matrix.gemm(a.matrix(rows: 2, cols: 3), b.matrix(rows: 3, cols: 2), into: c.matrix(rows: 2, cols: 2),
                    beta: 1)
        #expect(c.array == [116, 128, 278, 308])
    }

    /// Row views (`rows(from:count:)`) as A, as B and as C: only the viewed rows are read
    /// or written, and rows outside the output view keep their values.
    @Test("row sub-views as operands and destination", arguments: [false, true])
    func rowSubViews(transposeA: Bool) {
        // A lives in rows 2..<6 of an 8×3 buffer; B in rows 1..<4 of a 5×4 buffer.
        let bigA = FloatBuffer(Self.values(8 * 3, seed: 4))
        let bigB = FloatBuffer(Self.values(5 * 4, seed: 5))
        let aView = bigA.matrix(rows: 8, cols: 3).rows(from: 2, count: 4)        // [4, 3]
        let bView = bigB.matrix(rows: 5, cols: 4).rows(from: 1, count: 3)        // [3, 4]
        // op(A) must be [m, 3]: A is [4,3]; untransposed m = 4, transposed needs A [3, m].
        let a = transposeA ? bigA.matrix(rows: 8, cols: 3).rows(from: 5, count: 3) : aView
        let m = transposeA ? 3 : 4
        let k = 3
        let aArr = (0..<(a.count)).map { a.data[$0] }
        let bArr = (0..<(bView.count)).map { bView.data[$0] }
        // C is rows 3..<3+m of a 9×4 buffer filled with a sentinel.
        let bigC = FloatBuffer(count: 9 * 4)
        bigC.fill(-7)
        let cView = bigC.matrix(rows: 9, cols: 4).rows(from: 3, count: m)
        Matrix.gemm(a, bView, into: cView, transposeA: transposeA, alpha: 1, beta: 0)
        let expected = Self.naive(aArr, aRows: transposeA ? k : m, aCols: transposeA ? m : k,
                                  bArr, bRows: 3, bCols: 4, [Float](repeating: 0, count: m * 4),
                                  transposeA: transposeA, transposeB: false, alpha: 1, beta: 0)
        let all = bigC.array
        for r in 0..<9 {
            for j in 0..<4 {
                let got = all[r * 4 + j]
                if r >= 3 && r < 3 + m {
                    let want = expected[(r - 3) * 4 + j]
                    #expect(abs(Double(got) - want) <= 1e-4, "C[\(r), \(j)]: \(got) vs \(want)")
                } else {
                    #expect(got == -7, "row \(r) outside the view was written")
                }
            }
        }
        // The view addresses the right memory.
        #expect(aView.data == bigA.base + 2 * 3)
        #expect(aView[1, 2] == bigA[(2 + 1) * 3 + 2])
    }

    /// `rows(from: 0, count:)` is the first rows of the same storage; a product on it equals the
    /// product on the full matrix restricted to those rows.
    @Test func prefixViewProduct() {
        let x = FloatBuffer(Self.values(6 * 4, seed: 6)), w = FloatBuffer(Self.values(4 * 3, seed: 7))
        let full = FloatBuffer(count: 6 * 3), part = FloatBuffer(count: 6 * 3)
        Matrix.gemm(x.matrix(rows: 6, cols: 4), w.matrix(rows: 4, cols: 3), into: full.matrix(rows: 6, cols: 3))
        Matrix.gemm(x.matrix(rows: 6, cols: 4).rows(from: 0, count: 2), w.matrix(rows: 4, cols: 3),
                    into: part.matrix(rows: 6, cols: 3).rows(from: 0, count: 2))
        for i in 0..<6 { #expect(abs(part[i] - full[i]) <= 1e-5, "element \(i)") }
        #expect(part.array[6...].allSatisfy { $0 == 0 })
    }
}
