import Foundation
import Testing

/// `forecast tune` and `forecast train --params` through the real binary.
@Suite struct TuneEndToEndTests {
    @Test func tune_PrintsTheTrialsBestFirst_AndTrainReadsTheBest() throws {
        let directory = try TrainEndToEndTests.directoryWithFeatures(days: 80)
        defer { directory.cleanUp() }
        let tune = try ForecastBinary.run(["tune", "--trials", "3", "--backtest", "2", "--seed", "5"], in: directory.url)
        #expect(tune.status == 0, "\(tune.stderr)")
        for text in ["rank", "max_depth", "min_leaf", "max_features", "MAE", "Best: trial", "models/tuned_params.json"] {
            #expect(tune.stdout.contains(text), "output lacks \(text)")
        }
        // No progress line when stderr is not a terminal.
        #expect(!tune.stderr.contains("\r"))

        let params = try #require(
            try JSONSerialization.jsonObject(with: Data(directory.read("models/tuned_params.json").utf8)) as? [String: Any]
        )
        let trees = try #require(params["n_estimators"] as? Int)
        let leaf = try #require(params["min_samples_leaf"] as? Int)
        let train = try ForecastBinary.run(["train", "--params", "models/tuned_params.json", "--json"], in: directory.url)
        #expect(train.status == 0, "\(train.stderr)")
        let model = try #require(try JSONSerialization.jsonObject(with: Data(train.stdout.utf8)) as? [String: Any])
        let version = try #require(model["model_version"] as? String)
        let file = try modelFile(version, in: directory)
        let hyperparameters = try #require(file["hyperparameters"] as? [String: Any])
        #expect(hyperparameters["n_estimators"] as? Int == trees)
        #expect(hyperparameters["min_samples_leaf"] as? Int == leaf)

        // A command-line option wins over the file.
        let override = try ForecastBinary.run(
            ["train", "--params", "models/tuned_params.json", "--trees", "7", "--json"], in: directory.url
        )
        #expect(override.status == 0, "\(override.stderr)")
        let overridden = try #require(try JSONSerialization.jsonObject(with: Data(override.stdout.utf8)) as? [String: Any])
        let overriddenFile = try modelFile(overridden["model_version"] as? String ?? "", in: directory)
        #expect((overriddenFile["hyperparameters"] as? [String: Any])?["n_estimators"] as? Int == 7)
        #expect((overriddenFile["hyperparameters"] as? [String: Any])?["min_samples_leaf"] as? Int == leaf)
    }

    @Test func tuneJSON_IsOneObject_TheSameForEveryJobs() throws {
        let directory = try TrainEndToEndTests.directoryWithFeatures(days: 60)
        defer { directory.cleanUp() }
        var tables: [[[String: Any]]] = []
        for jobs in ["1", "2"] {
            let result = try ForecastBinary.run(
                ["tune", "--trials", "3", "--backtest", "2", "--jobs", jobs, "--json", "--output", "p\(jobs).json"],
                in: directory.url
            )
            #expect(result.status == 0, "\(result.stderr)")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            let trials = try #require(object["trials"] as? [[String: Any]])
            #expect(trials.count == 3)
            #expect(object["output"] as? String == "p\(jobs).json")
            #expect(trials.first?["trial"] as? Int == object["best"] as? Int)
            tables.append(trials)
        }
        // Same trials, same order, same scores; only the seconds may differ.
        let strip: ([[String: Any]]) -> [String] = { trials in
            trials.map { trial in
                let backtest = trial["backtest"] as? [String: Double] ?? [:]
                return "\(trial["trial"] ?? "") \(backtest["mae"] ?? 0) \(backtest["rmse"] ?? 0) \(backtest["r2"] ?? 0)"
            }
        }
        #expect(strip(tables[0]) == strip(tables[1]))
        #expect(try directory.read("p1.json") == directory.read("p2.json"))
    }

    @Test func badParamsFile_FailsWithOneLine_AndRegistersNothing() throws {
        let directory = try TrainEndToEndTests.directoryWithFeatures(days: 40)
        defer { directory.cleanUp() }
        try directory.write(#"{"max_deph": 4}"#, to: "params.json")
        let result = try ForecastBinary.run(["train", "--params", "params.json"], in: directory.url)
        #expect(result.status == 1)
        #expect(result.stderr.contains("unknown key 'max_deph'"))
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(!directory.exists("models/CURRENT"))
        let missing = try ForecastBinary.run(["train", "--params", "nope.json"], in: directory.url)
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("forecast tune"))
    }

    @Test func tuneWithBadOptions_IsAUsageError() throws {
        let directory = try TrainEndToEndTests.directoryWithFeatures(days: 40)
        defer { directory.cleanUp() }
        let result = try ForecastBinary.run(["tune", "--trials", "0"], in: directory.url)
        #expect(result.status == 2)
        #expect(result.stderr.contains("--trials"))
        let folds = try ForecastBinary.run(["tune", "--backtest", "20"], in: directory.url)
        #expect(folds.status == 1)
        #expect(folds.stderr.contains("--backtest"))
        #expect(!directory.exists("models/tuned_params.json"))
    }

    /// The JSON part of a registered model file: all of it, or, when the file ends with binary
    /// trees, up to the offset its last 16 bytes give (little-endian 64-bit, then a marker).
    private func modelFile(_ version: String, in directory: TemporaryDirectory) throws -> [String: Any] {
        let data = try Data(contentsOf: directory.url.appendingPathComponent("models/versions/\(version).json"))
        var json = data
        if data.count > 16, data.suffix(8) == Data("\nTREES2\n".utf8) {
            let start = data[(data.count - 16)..<(data.count - 8)].reversed().reduce(0) { $0 << 8 | Int($1) }
            json = data[..<start]
        }
        return try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
    }
}
