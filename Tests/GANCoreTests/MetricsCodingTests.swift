import Foundation
import Testing
@testable import GANCore

@Suite("Metrics JSON")
struct MetricsCodingTests {
    static let keys = ["n_samples", "modes_captured", "high_quality_fraction", "reverse_kl", "inception_score",
                       "mean_log_likelihood", "energy_distance", "sliced_wasserstein", "mmd_rbf", "precision", "recall",
                       "density", "coverage", "mode_histogram"]

    static let example: MixtureMetrics = {
        var m = MixtureMetrics()
        (m.nSamples, m.modesCaptured, m.highQualityFraction, m.reverseKL) = (3, 1, 2.0 / 3, .infinity)
        (m.inceptionScore, m.meanLogLikelihood, m.energyDistance, m.slicedWasserstein) = (1.5, -5.25, .nan, 0.25)
        (m.mmdRBF, m.modeHistogram) = (0, [2.0 / 3, .nan, 1.0 / 3])
        m.manifold = ManifoldMetrics(precision: 0.5, recall: .nan, density: 1.25, coverage: 0.75)
        return m
    }()

    @Test("exactly the issue's keys; non-finite numbers as null")
    func keys() throws {
        let data = try JSONEncoder().encode(Self.example)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(object.keys) == Set(Self.keys))
        #expect(MixtureMetrics.CodingKeys.allCases.map(\.rawValue) == Self.keys)
        #expect(object["reverse_kl"] is NSNull)
        #expect(object["energy_distance"] is NSNull)
        #expect((object["n_samples"] as? Int) == 3)
        #expect((object["sliced_wasserstein"] as? Double) == 0.25)
        #expect((object["density"] as? Double) == 1.25 && object["recall"] is NSNull)
        let histogram = try #require(object["mode_histogram"] as? [Any])
        #expect(histogram.count == 3 && histogram[1] is NSNull)
    }

    @Test("round trip: null reads back as NaN")
    func roundTrip() throws {
        var finite = Self.example
        finite.reverseKL = 0.125
        let back = try JSONDecoder().decode(MixtureMetrics.self, from: JSONEncoder().encode(finite))
        #expect(back == finite)
        #expect(back.energyDistance.isNaN && back.modeHistogram[1].isNaN && back.manifold.recall.isNaN)
        #expect(back.manifold.precision == 0.5 && back.manifold.coverage == 0.75)
    }

    @Test("options: the protocol's defaults")
    func options() {
        let d = MetricsOptions()
        #expect(d.minCountPerMode == 1 && d.highQualityThreshold == 3 && d.slicedProjections == 64
                && d.mmdBandwidth == .medianHeuristic && d.mmdMaxPoints == 1_000)
    }
}
