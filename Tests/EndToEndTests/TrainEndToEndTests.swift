import Foundation
import Testing

/// `forecast train` through the real binary (few trees to stay fast).
@Suite struct TrainEndToEndTests {
    /// A features file of `days` days with a weekly pattern.
    static func featuresCSV(days: Int = 90) -> String {
        var revenue: [Double] = []
        for index in 0...days {
            let weekend = index % 7 >= 5 ? 3000.0 : 0
            revenue.append(8000 + weekend + Double((index * 7919) % 1500))
        }
        var text = "date,ca_total,nb_commandes,label\n"
        var components = DateComponents(year: 2024, month: 1, day: 1)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let start = calendar.date(from: components)!
        let formatter = DateFormatter()
        formatter.calendar = calendar
        formatter.timeZone = calendar.timeZone
        formatter.dateFormat = "yyyy-MM-dd"
        for index in 0..<days {
            components = DateComponents(day: index)
            let day = calendar.date(byAdding: components, to: start)!
            text += "\(formatter.string(from: day)),\(revenue[index]),\(Int(revenue[index] / 40)),\(revenue[index + 1])\n"
        }
        return text
    }

    static func directoryWithFeatures(days: Int = 90) throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory()
        try directory.write(featuresCSV(days: days), to: "data/processed/features_daily.csv")
        return directory
    }

    @Test func train_PrintsTheTable_AndRegistersACurrentVersion() throws {
        let directory = try Self.directoryWithFeatures()
        defer { directory.cleanUp() }
        let result = try ForecastBinary.run(["train", "--trees", "20"], in: directory.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("Selected "))
        for row in ["forest on revenue levels", "scale-free forest", "seasonal naive", "folds won", "persistence", "training mean", "7-day moving average", "MAE", "RMSE", "R²"] {
            #expect(result.stdout.contains(row), "table lacks \(row)")
        }
        let current = try directory.read("models/CURRENT").split(separator: "\n").first.map(String.init)
        let version = try #require(current)
        #expect(result.stdout.contains("Registered model \(version)"))
        #expect(directory.exists("models/versions/\(version).json"))
    }

    @Test func trainJSON_IsOneObjectWithTheSpecKeys() throws {
        let directory = try Self.directoryWithFeatures()
        defer { directory.cleanUp() }
        let result = try ForecastBinary.run(["train", "--trees", "10", "--json", "--backtest", "2"], in: directory.url)
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["train_rows"] as? Int == 72)
        #expect(object["test_rows"] as? Int == 18)
        let test = try #require(object["test"] as? [String: Double])
        #expect(Set(test.keys) == ["mae", "rmse", "r2", "coverage"])
        let baselines = try #require(object["baselines"] as? [String: [String: Double]])
        #expect(baselines["persistence"] != nil && baselines["train_mean"] != nil)
        let version = try #require(object["model_version"] as? String)
        #expect(try directory.read("models/CURRENT").hasPrefix(version + "\n"))
        let backtest = try #require(object["backtest"] as? [String: Any])
        #expect((backtest["folds"] as? [Any])?.count == 2)
    }

    @Test func sameSeed_GivesTheSameTrees_WhateverTheJobs() throws {
        let directory = try Self.directoryWithFeatures()
        defer { directory.cleanUp() }
        let one = try ForecastBinary.run(["train", "--trees", "16", "--jobs", "1", "--json", "--model", "forest"], in: directory.url)
        let eight = try ForecastBinary.run(["train", "--trees", "16", "--jobs", "8", "--json", "--model", "forest"], in: directory.url)
        #expect(one.status == 0 && eight.status == 0)
        let versions = try FileManager.default.contentsOfDirectory(atPath: directory.url.appendingPathComponent("models/versions").path).sorted()
        #expect(versions.count == 2)
        let trees = try versions.map { name -> String in
            let data = try Data(contentsOf: directory.url.appendingPathComponent("models/versions/\(name)"))
            let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
            return (object?["trees"] as? [String: Any])?["sha256"] as? String ?? ""
        }
        #expect(!trees[0].isEmpty && trees[0] == trees[1])
    }

    @Test func extendedFeatureSet_IsTheDefault_AndBasicIsScoredBesideIt() throws {
        let directory = try Self.directoryWithFeatures()
        defer { directory.cleanUp() }
        let result = try ForecastBinary.run(["train", "--trees", "10", "--model", "forest"], in: directory.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Feature set: extended"))
        #expect(result.stdout.contains("ca_mean_7d"))
        #expect(result.stdout.contains("(basic features, not saved)"))
    }

    @Test func trainJSON_NamesTheSelectedCandidate_ScoresEveryCandidate_AndTheCoverage() throws {
        let directory = try Self.directoryWithFeatures()
        defer { directory.cleanUp() }
        let result = try ForecastBinary.run(["train", "--trees", "10", "--json"], in: directory.url)
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let candidates = try #require(object["candidates"] as? [String: [String: Any]])
        #expect(Set(candidates.keys) == ["forest", "forest_scale_free", "seasonal_naive", "moving_average_7d", "persistence", "blend"])
        let maes = try candidates.mapValues { try #require(($0["backtest"] as? [String: Double])?["mae"]) }
        // auto registers the lowest mean backtest MAE.
        let selected = try #require(object["selected"] as? String)
        #expect(maes[selected] == maes.values.min())
        let won = candidates.values.compactMap { $0["folds_won"] as? Int }
        #expect(won.reduce(0, +) == 5)  // the default backtest: every fold has one winner
        let coverage = try #require((object["test"] as? [String: Double])?["coverage"])
        #expect(coverage >= 0 && coverage <= 1)
        let interval = try #require(object["interval"] as? [String: Any])
        #expect(interval["target_coverage"] as? Double == 0.8)
    }

    @Test func forcedRule_IsRegistered_AndPredictServesIt() throws {
        let directory = try Self.directoryWithFeatures()
        defer { directory.cleanUp() }
        let train = try ForecastBinary.run(["train", "--model", "seasonal_naive", "--json"], in: directory.url)
        #expect(train.status == 0, "\(train.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(train.stdout.utf8)) as? [String: Any])
        #expect(object["selected"] as? String == "seasonal_naive")
        let half = try #require((object["interval"] as? [String: Any])?["relative_half_width"] as? Double)
        let predict = try ForecastBinary.run(["predict", "--ca-total", "9000", "--nb-commandes", "200", "--json"], in: directory.url)
        #expect(predict.status == 0, "\(predict.stderr)")
        let answer = try #require(try JSONSerialization.jsonObject(with: Data(predict.stdout.utf8)) as? [String: Any])
        // The daily history (the features file) ends on day 90, the last row's label; a request
        // describes day 91, so the forecast is for day 92, whose weekday was last seen 7, 14, 21
        // and 28 days before it: the mean of those four revenues.
        let rows = Self.featuresCSV().split(separator: "\n").dropFirst().map { $0.split(separator: ",") }
        let revenue = rows.map { Double($0[1])! }
        let expected = [7, 14, 21, 28].map { revenue[92 - $0] }.reduce(0, +) / 4
        let value = try #require(answer["prediction_ca_jour_suivant"] as? Double)
        #expect(abs(value - expected) < 1e-6)
        #expect(abs((answer["interval_lower"] as? Double ?? 0) - expected * (1 - half)) < 1e-6)
        #expect(abs((answer["interval_upper"] as? Double ?? 0) - expected * (1 + half)) < 1e-6)
        let list = try ForecastBinary.run(["models", "list"], in: directory.url)
        #expect(list.stdout.contains("seasonal_naive"))
    }

    @Test func basicFeatureSet_CanBeChosen() throws {
        let directory = try Self.directoryWithFeatures()
        defer { directory.cleanUp() }
        let result = try ForecastBinary.run(["train", "--trees", "10", "--feature-set", "basic", "--model", "forest", "--json"], in: directory.url)
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["feature_names"] as? [String] == ["ca_total", "nb_commandes"])
        let other = try #require(object["other_feature_set"] as? [String: Any])
        #expect(other["feature_set"] as? String == "extended")
    }

    @Test func badValues_AreUsageErrors() throws {
        let directory = try Self.directoryWithFeatures()
        defer { directory.cleanUp() }
        for arguments in [["--trees", "0"], ["--test-fraction", "1"], ["--feature-set", "extnded"], ["--max-features", "0"], ["--model", "random"]] {
            let result = try ForecastBinary.run(["train"] + arguments, in: directory.url)
            #expect(result.status == 2, "\(arguments)")
            #expect(result.stderr.hasPrefix("error: "))
        }
        #expect(!directory.exists("models/CURRENT"))
    }

    @Test func missingOrBrokenFeatures_FailWithoutRegistering() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let missing = try ForecastBinary.run(["train"], in: directory.url)
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("forecast etl"))
        try directory.write("date,ca_total,nb_commandes,label\n2024-01-01,abc,3,4\n", to: "data/processed/features_daily.csv")
        let broken = try ForecastBinary.run(["train"], in: directory.url)
        #expect(broken.status == 1)
        #expect(broken.stderr.contains("line 2"))
        #expect(!directory.exists("models/CURRENT"))
    }
}
