import Foundation
import ForecastData
import ModelRegistry

/// Small features tables and temporary registries for the tests.
enum Fixtures {
    /// `days` consecutive days from 2024-01-01 with a weekly pattern (weekends higher), so the
    /// extended features have something to find.
    static func records(days: Int = 120) -> [DailyRecord] {
        let start = Day(year: 2024, month: 1, day: 1)!
        let revenue = (0...days).map { index -> Double in
            let day = start.adding(days: index)
            let weekend = day.weekday >= 6 ? 4000.0 : 0
            return 10000 + weekend + Double((index * 7919) % 1000)
        }
        return (0..<days).map { index in
            DailyRecord(
                day: start.adding(days: index), revenue: revenue[index], orderCount: Int(revenue[index] / 50),
                label: revenue[index + 1]
            )
        }
    }

    /// A fresh directory under the system temporary folder.
    static func temporaryDirectory() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("registry-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// A trained (unregistered) model with few trees.
    static func trained(_ featureSet: FeatureSet = .basic, trees: Int = 10, days: Int = 120) throws -> TrainingResult {
        // The level forest, whatever the backtest prefers: these tests are about forest files.
        var options = TrainingOptions(featureSet: featureSet, model: .forest)
        options.parameters.treeCount = trees
        options.jobs = 2
        return try Trainer.train(records: records(days: days), featuresPath: "features.csv", featuresSHA256: "00", options: options)
    }
}
