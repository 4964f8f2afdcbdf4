import Foundation
import Testing
import ForecastData
import Forest
@testable import ModelRegistry

/// A model file of every candidate kind saves, loads and serves what training computed; files
/// written before candidates existed still load.
@Suite struct CandidateModelFileTests {
    static func trained(_ candidate: Candidate) throws -> TrainingResult {
        var options = TrainingOptions(backtestFolds: 3, model: candidate)
        options.parameters.treeCount = 6
        options.jobs = 2
        return try Trainer.train(records: Fixtures.records(days: 100), featuresPath: "f.csv", featuresSHA256: "00", options: options)
    }

    @Test func everyKind_LoadsAndServesTheTrainedForecast_WithTheCalibratedInterval() throws {
        let records = Fixtures.records(days: 100)
        let revenues = records.map(\.revenue)
        let nextDay = records.last!.day.adding(days: 1)
        for candidate in Candidate.allCases {
            let store = ModelStore(directory: try Fixtures.temporaryDirectory())
            let trained = try Self.trained(candidate)
            let file = try store.register(trained.file)
            let model = try store.load(version: file.modelVersion)
            #expect(model.file.modelKind == candidate.rawValue)
            // A request describes the day after the history: its inputs come from the last days.
            let expected = trained.forecaster.forecast(
                revenue: 12000, orderCount: 240, day: nextDay, earlier: revenues.suffix(RecentRevenue.daysNeeded)
            )
            // The history the model says it needs is enough to reproduce the full-window forecast.
            let served = model.predict(revenue: 12000, orderCount: 240, day: nextDay, earlier: revenues.suffix(model.historyLength))
            #expect(abs(served.value - expected) < 1e-9 * max(1, abs(expected)), "\(candidate)")
            let interval = try #require(file.interval)
            #expect(served.lower == interval.bounds(around: served.value).lower)
            #expect(served.upper == interval.bounds(around: served.value).upper)
            let info = try #require(try JSONSerialization.jsonObject(with: Data(model.infoJSON.utf8)) as? [String: Any])
            #expect(info["model_kind"] as? String == candidate.rawValue)
            #expect((info["prediction_interval"] as? [String: Any])?["target_coverage"] as? Double == 0.8)
            #expect((info["rule"] != nil) == (candidate.rule != nil || candidate == .blend))
        }
    }

    @Test func everyKind_ServesEachDayBitForBitAsTrainingForecastIt() throws {
        let records = Fixtures.records(days: 100)
        let revenues = records.map(\.revenue)
        let series = try DailySeries(records: records)
        for candidate in Candidate.allCases {
            let store = ModelStore(directory: try Fixtures.temporaryDirectory())
            let trained = try Self.trained(candidate)
            let model = try store.load(version: try store.register(trained.file).modelVersion)
            let training = series.forecasts(trained.forecaster, range: 0..<records.count, jobs: 1)
            // What a server passes: the model's history length of days before, fewer at the start.
            let served = records.indices.map { index in
                let earlier = revenues[max(0, index - model.historyLength)..<index]
                return model.predict(revenue: revenues[index], orderCount: records[index].orderCount, day: records[index].day,
                                     earlier: earlier).value
            }
            #expect(served == training, "\(candidate)")
        }
    }

    @Test func fileFromBeforeCandidates_StillLoads_AndServesTheTreeSpread() throws {
        let store = ModelStore(directory: try Fixtures.temporaryDirectory())
        var old = try Fixtures.trained(.basic).file
        (old.modelKind, old.rule, old.interval) = (nil, nil, nil)
        (old.metrics.selected, old.metrics.candidates, old.metrics.testCoverage) = (nil, nil, nil)
        let file = try store.register(old)
        let text = try String(contentsOfFile: store.path(of: file.modelVersion), encoding: .utf8)
        #expect(!text.contains("model_kind") && !text.contains("\"interval\""))
        let model = try store.load(version: file.modelVersion)
        let forest = try #require(model.forest)
        let spread = forest.predictWithInterval(row: [15000, 320])
        #expect(model.predict(revenue: 15000, orderCount: 320, day: Day(ordinal: 0), earlier: []) == ModelPrediction(value: spread.value, lower: spread.lower, upper: spread.upper))
    }

    @Test func ruleFile_WithTrees_OrAnUnknownKind_IsRefused() throws {
        let store = ModelStore(directory: try Fixtures.temporaryDirectory())
        var file = try Self.trained(.persistence).file
        file.modelKind = "oracle"
        let registered = try store.register(file)
        #expect(throws: ModelFileError.self) { try store.load(version: registered.modelVersion) }
        var mismatched = try Self.trained(.seasonalNaive).file
        mismatched.rule = RuleModel(.persistence)
        let second = try store.register(mismatched)
        #expect(throws: ModelFileError.self) { try store.load(version: second.modelVersion) }
    }
}
