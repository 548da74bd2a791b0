import Foundation
import Testing
@testable import GANCore

/// Precision, recall, density and coverage from k-d trees, against an all-pairs
/// implementation written here from the papers' definitions, and against hand-computed sets.
@Suite("Precision, recall, density, coverage")
struct ManifoldMetricsTests {
    // MARK: the independent reference: every pair

    static func d2(_ p: [Float], _ i: Int, _ q: [Float], _ j: Int) -> Double {
        let dx = Double(p[2 * i]) - Double(q[2 * j]), dy = Double(p[2 * i + 1]) - Double(q[2 * j + 1])
        return dx * dx + dy * dy
    }

    /// Squared distance of each point to its k-th nearest neighbour in its own set, itself excluded.
    static func bruteRadii(_ p: [Float], k: Int) -> [Double] {
        let n = p.count / 2
        return (0..<n).map { i in
            var d = (0..<n).filter { $0 != i }.map { d2(p, i, p, $0) }
            d.sort()
            return d[k - 1]
        }
    }

    static func brute(real x: [Float], generated y: [Float]) -> ManifoldMetrics {
        let n = x.count / 2, m = y.count / 2
        let r3 = bruteRadii(x, k: 3), r5 = bruteRadii(x, k: 5), g3 = bruteRadii(y, k: 3)
        let precision = (0..<m).filter { j in (0..<n).contains { d2(y, j, x, $0) <= r3[$0] } }.count
        let recall = (0..<n).filter { i in (0..<m).contains { d2(x, i, y, $0) <= g3[$0] } }.count
        var inside = 0
        for j in 0..<m { for i in 0..<n where d2(y, j, x, i) <= r5[i] { inside += 1 } }
        let coverage = (0..<n).filter { i in (0..<m).contains { d2(x, i, y, $0) <= r5[i] } }.count
        return ManifoldMetrics(precision: Double(precision) / Double(m), recall: Double(recall) / Double(n),
                               density: Double(inside) / Double(5 * m), coverage: Double(coverage) / Double(n))
    }

    /// Clusters, a line, exact duplicates and a coarse lattice (many equal distances).
    static func points(_ count: Int, kind: Int, rng: inout RNG) -> [Float] {
        (0..<count).flatMap { i -> [Float] in
            switch kind {
            case 0: return [Float(rng.integer(below: 3)) * 2 + 0.3 * rng.normal(), 0.3 * rng.normal()]
            case 1: return [Float(rng.uniform()) * 4 - 2, 0.5]
            case 2: return i % 4 == 0 ? [1, 1] : [rng.normal(), rng.normal()]
            default: return [Float(rng.integer(below: 6)), Float(rng.integer(below: 6))]
            }
        }
    }

    @Test(arguments: [(0, 0), (0, 2), (1, 3), (2, 2), (3, 3), (3, 0), (1, 1)])
    func treesAgreeWithAllPairs(kinds: (Int, Int)) {
        var rng = RNG(seed: UInt64(10 * kinds.0 + kinds.1))
        for (n, m) in [(6, 6), (37, 120), (400, 250)] {
            let x = Self.points(n, kind: kinds.0, rng: &rng), y = Self.points(m, kind: kinds.1, rng: &rng)
            #expect(ManifoldMetrics.evaluate(real: x, generated: y) == Self.brute(real: x, generated: y), "n \(n), m \(m)")
        }
    }

    @Test func kthNeighbourRadiiAgreeWithAllPairs() {
        var rng = RNG(seed: 3)
        let p = Self.points(500, kind: 2, rng: &rng)
        let tree = _KDTree(interleaved: p)
        let radii = ManifoldMetrics.kthNeighbourDistance2(tree, ks: [1, 3, 5])
        #expect(radii[0] == Self.bruteRadii(p, k: 1))
        #expect(radii[1] == Self.bruteRadii(p, k: 3))
        #expect(radii[2] == Self.bruteRadii(p, k: 5))
    }

    @Test("hand-computed: six real points on a line")
    func handComputed() {
        // Real x = 0…5 on the x axis: 3rd-neighbour radii 3,2,2,2,2,3; 5th 5,4,3,3,4,5.
        // Generated 2.5, 7, 8.5, 20, 21, 22.
        let x: [Float] = [0, 0, 1, 0, 2, 0, 3, 0, 4, 0, 5, 0]
        let y: [Float] = [2.5, 0, 7, 0, 8.5, 0, 20, 0, 21, 0, 22, 0]
        let m = ManifoldMetrics.evaluate(real: x, generated: y)
        // 2.5 is in the ball of 2 (radius 2); 7 in the ball of 5 (distance 2 ≤ 3); 8.5 in none.
        #expect(m.precision == 2.0 / 6)
        // The ball of 2.5 (its 3rd neighbour, 20, is 17.5 away) holds every real point.
        #expect(m.recall == 1)
        // 5th-neighbour balls: 2.5 is in all six, 7 in those of 4 and 5, 8.5 in that of 5: 9 / (5·6).
        #expect(m.density == 9.0 / 30)
        // Every real point has a generated point within its 5th-neighbour radius.
        #expect(m.coverage == 1)
    }

    @Test("identical sets: precision, recall and coverage 1, density 1 for distinct points")
    func identicalSets() {
        var rng = RNG(seed: 4)
        let x = Self.points(300, kind: 1, rng: &rng)
        let m = ManifoldMetrics.evaluate(real: x, generated: x)
        #expect(m.precision == 1 && m.recall == 1 && m.coverage == 1)
        // Each point lies in its own ball and in the balls of the points it is a 5-NN of:
        // on average 5 others plus itself, so density = (N + 5N) / (5N) = 1.2 when no distances tie.
        #expect(abs(m.density - 1.2) < 0.05, "\(m.density)")
    }

    @Test func farApartSetsScoreZero() {
        var rng = RNG(seed: 5)
        let x = Self.points(200, kind: 0, rng: &rng)
        let y = x.enumerated().map { $0.offset % 2 == 0 ? $0.element + 100 : $0.element }
        let m = ManifoldMetrics.evaluate(real: x, generated: y)
        #expect(m.precision == 0 && m.recall == 0 && m.density == 0 && m.coverage == 0)
    }

    @Test func tooFewOrNonFinitePointsAreNaN() {
        let five: [Float] = [0, 0, 1, 0, 2, 0, 3, 0, 4, 0]
        let six = five + [5, 0]
        #expect(ManifoldMetrics.evaluate(real: five, generated: six).precision.isNaN)
        #expect(ManifoldMetrics.evaluate(real: six, generated: five).recall.isNaN)
        #expect(ManifoldMetrics.evaluate(real: six, generated: six.map { $0 == 5 ? .nan : $0 }).coverage.isNaN)
        #expect(ManifoldMetrics.evaluate(real: six, generated: six).precision == 1)
    }
}
