import Testing
@testable import GANCore

/// `GaussianMixture.init` rejects bad specifications with the matching `MixtureError`,
/// whose description names the offending field (the seed's names: mix_coeffs, mean, cov).
@Suite("Gaussian mixture validation")
struct MixtureValidationTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var weights: [Double], means: [[Double]], variances: [[Double]]
        var error: MixtureError
        var field: String
        var testDescription: String { name }
    }

    static let ok: [[Double]] = [[0, 0], [1, 1]]
    static let okVar: [[Double]] = [[0.1, 0.1], [0.1, 0.1]]

    static let cases: [Case] = [
        Case(name: "negative weight", weights: [1.1, -0.1], means: ok, variances: okVar,
             error: .badWeight(index: 1, value: -0.1), field: "mix_coeffs[1]"),
        Case(name: "NaN weight", weights: [.nan, 1], means: ok, variances: okVar,
             error: .badWeight(index: 0, value: .nan), field: "mix_coeffs[0]"),
        Case(name: "weights sum to 0.9", weights: [0.5, 0.4], means: ok, variances: okVar,
             error: .weightSum(0.9), field: "mix_coeffs"),
        Case(name: "weights sum to 1.5", weights: [0.75, 0.75], means: ok, variances: okVar,
             error: .weightSum(1.5), field: "mix_coeffs"),
        Case(name: "3-D mean", weights: [0.5, 0.5], means: [[0, 0], [1, 1, 1]], variances: okVar,
             error: .dimension(field: "mean", index: 1, got: 3), field: "mean[1]"),
        Case(name: "1-D variance", weights: [0.5, 0.5], means: ok, variances: [[0.1], [0.1, 0.1]],
             error: .dimension(field: "cov", index: 0, got: 1), field: "cov[0]"),
        Case(name: "zero variance", weights: [0.5, 0.5], means: ok, variances: [[0.1, 0.1], [0.1, 0]],
             error: .badVariance(index: 1, values: [0.1, 0]), field: "cov[1]"),
        Case(name: "negative variance", weights: [0.5, 0.5], means: ok, variances: [[-0.1, 0.1], [0.1, 0.1]],
             error: .badVariance(index: 0, values: [-0.1, 0.1]), field: "cov[0]"),
        Case(name: "infinite mean", weights: [0.5, 0.5], means: [[0, .infinity], [1, 1]], variances: okVar,
             error: .notFinite(field: "mean", index: 0), field: "mean[0]"),
        Case(name: "too few means", weights: [0.5, 0.5], means: [[0, 0]], variances: okVar,
             error: .countMismatch(field: "mean", expected: 2, got: 1), field: "mean"),
        Case(name: "too many variances", weights: [0.5, 0.5], means: ok, variances: okVar + [[1, 1]],
             error: .countMismatch(field: "cov", expected: 2, got: 3), field: "cov"),
        Case(name: "no components", weights: [], means: [], variances: [],
             error: .empty, field: "mix_coeffs"),
    ]

    @Test("rejects with the right error", arguments: cases)
    func rejects(_ c: Case) throws {
        let error = try #require(#expect(throws: MixtureError.self) {
            try GaussianMixture(weights: c.weights, means: c.means, variances: c.variances)
        })
        switch (error, c.error) {
        case let (.badWeight(i, v), .badWeight(ei, ev)):
            // NaN ≠ NaN, so compare the NaN case by kind.
            #expect(i == ei && (v == ev || (v.isNaN && ev.isNaN)))
        case let (.weightSum(s), .weightSum(es)):
            #expect(abs(s - es) <= 1e-12)
        default:
            #expect(error == c.error)
        }
        #expect(error.description.hasPrefix(c.field + ":"), "\(error.description)")
    }

    @Test func descriptionsSayWhatIsWrong() {
        #expect(MixtureError.weightSum(0.9).description.contains("sum to 1"))
        #expect(MixtureError.badVariance(index: 1, values: [0.1, 0]).description.contains("> 0"))
        #expect(MixtureError.countMismatch(field: "cov", expected: 2, got: 3).description.contains("expected 2"))
        #expect(MixtureError.dimension(field: "mean", index: 1, got: 3).description.contains("got 3"))
    }

    /// The boundary of the accepted region: sums within 1e-6 of 1, zero weights, tiny variances.
    @Test func acceptsValidEdgeCases() throws {
        let third = 1.0 / 3
        let m = try GaussianMixture(weights: [third, third, third], means: [[0, 0], [1, 0], [0, 1]],
                                    variances: [[1e-9, 1e-9], [1, 1], [3, 0.5]])
        #expect(m.componentCount == 3)
        _ = try GaussianMixture(weights: [1 - 5e-7, 0], means: Self.ok, variances: Self.okVar)
        #expect(throws: MixtureError.self) {
            try GaussianMixture(weights: [1 - 5e-6, 0], means: Self.ok, variances: Self.okVar)
        }
    }
}
