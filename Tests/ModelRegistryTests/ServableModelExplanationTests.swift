import ForecastData
import Forest
import Testing
@testable import ModelRegistry

/// A loaded model explains its own forecasts: contributions plus the expected value give the
/// prediction, for both feature sets; a model saved without covers says to retrain.
@Suite struct ServableModelExplanationTests {
    private func loaded(_ featureSet: FeatureSet, covers: Bool) throws -> ServableModel {
        let store = ModelStore(directory: try Fixtures.temporaryDirectory())
        let trained = try Fixtures.trained(featureSet)
        var file = trained.file
        if covers { file.nodeCovers = NodeCovers(covers: try #require(trained.forest?.nodeCovers)) }
        return try store.load(version: try store.register(file).modelVersion)
    }

    @Test(arguments: [FeatureSet.basic, FeatureSet.extended])
    func explanation_AddsUpToThePrediction(featureSet: FeatureSet) throws {
        let model = try loaded(featureSet, covers: true)
        let earlier = Fixtures.records(days: 40).map(\.revenue)[...]
        let day = Day(iso: "2024-02-10")!
        for (revenue, orders) in [(9000.0, 150), (15000.0, 320), (0.0, 0)] {
            let explanation = try model.explain(revenue: revenue, orderCount: orders, day: day, earlier: earlier)
            let prediction = model.predict(revenue: revenue, orderCount: orders, day: day, earlier: earlier)
            #expect(explanation.contributions.map(\.name) == model.featureNames)
            let total = explanation.expectedValue + explanation.contributions.reduce(0) { $0 + $1.value }
            #expect(abs(total - prediction.value) < 1e-9)
        }
    }

    @Test func modelWithoutCovers_CannotExplain_AndSaysToRetrain() throws {
        let model = try loaded(.basic, covers: false)
        #expect(throws: ExplanationError.noCovers(version: model.version)) {
            try model.explain(revenue: 1, orderCount: 1, day: Day(iso: "2024-02-10")!, earlier: [])
        }
        #expect(ExplanationError.noCovers(version: "v1").description.contains("retrain"))
    }

    @Test(arguments: [Candidate.forestScaleFree, .seasonalNaive, .movingAverage7d, .persistence, .blend])
    func everyCandidate_ExplainsItsForecast(candidate: Candidate) throws {
        var options = TrainingOptions(featureSet: .extended, model: candidate)
        options.parameters.treeCount = 10
        options.jobs = 2
        let trained = try Trainer.train(
            records: Fixtures.records(days: 120), featuresPath: "features.csv", featuresSHA256: "00", options: options
        )
        var file = trained.file
        file.nodeCovers = trained.forest?.nodeCovers.flatMap { NodeCovers(covers: $0) }
        let store = ModelStore(directory: try Fixtures.temporaryDirectory())
        let model = try store.load(version: try store.register(file).modelVersion)
        let earlier = Fixtures.records(days: 40).map(\.revenue)[...]
        let day = Day(iso: "2024-02-10")!
        let explanation = try model.explain(revenue: 12000, orderCount: 240, day: day, earlier: earlier)
        let prediction = model.predict(revenue: 12000, orderCount: 240, day: day, earlier: earlier)
        let total = explanation.expectedValue + explanation.contributions.reduce(0) { $0 + $1.value }
        #expect(abs(total - prediction.value) < 1e-9)
        let names = explanation.contributions.map(\.name)
        #expect(Set(names).count == names.count)
        if trained.forest == nil {
            // A rule's terms: the days it averages, by date, and no baseline.
            #expect(explanation.expectedValue == 0)
            #expect(names.allSatisfy { $0.hasPrefix("revenue_2024-") })
        }
        if candidate == .persistence { #expect(names == ["revenue_2024-02-10"]) }
        if candidate == .seasonalNaive {
            #expect(names == ["revenue_2024-02-04", "revenue_2024-01-28", "revenue_2024-01-21", "revenue_2024-01-14"])
        }
    }
}
