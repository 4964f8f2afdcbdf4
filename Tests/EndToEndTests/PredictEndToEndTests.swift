import Foundation
import Testing

/// `forecast predict` through the real binary.
@Suite struct PredictEndToEndTests {
    @Test func predict_UsesTheCurrentModel_WithAnInterval() throws {
        let directory = try TrainEndToEndTests.directoryWithFeatures()
        defer { directory.cleanUp() }
        #expect(try ForecastBinary.run(["train", "--trees", "10"], in: directory.url).status == 0)
        let text = try ForecastBinary.run(["predict", "--ca-total", "9000", "--nb-commandes", "220"], in: directory.url)
        #expect(text.status == 0, "\(text.stderr)")
        #expect(Double(text.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) != nil)
        #expect(text.stderr.contains("calibrated for 80 % coverage"))

        let json = try ForecastBinary.run(["predict", "--ca-total", "9000", "--nb-commandes", "220", "--json"], in: directory.url)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let value = try #require(object["prediction_ca_jour_suivant"] as? Double)
        let lower = try #require(object["interval_lower"] as? Double)
        let upper = try #require(object["interval_upper"] as? Double)
        #expect(lower <= upper)
        // Training revenue lies within 8000 … 12500, and so must a forest's forecast.
        #expect(value >= 8000 && value <= 12500)
        let current = try directory.read("models/CURRENT").split(separator: "\n").first.map(String.init)
        #expect(object["model_version"] as? String == current)
        #expect(!directory.exists("data/predictions_log.csv"))
    }

    @Test func predict_WithoutAModel_SaysToTrain() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let result = try ForecastBinary.run(["predict", "--ca-total", "1", "--nb-commandes", "1"], in: directory.url)
        #expect(result.status == 1)
        #expect(result.stderr.contains("forecast train"))
    }

    @Test func predict_RejectsMissingOrBadInputs() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        for arguments in [["--ca-total", "5"], ["--nb-commandes", "5"], ["--ca-total", "-1", "--nb-commandes", "2"],
                          ["--ca-total", "5", "--nb-commandes", "2.5"], ["--ca-total", "nan", "--nb-commandes", "2"]] {
            let result = try ForecastBinary.run(["predict"] + arguments, in: directory.url)
            #expect(result.status == 2, "\(arguments)")
        }
    }

    @Test func predict_RefusesADamagedModel() throws {
        let directory = try TrainEndToEndTests.directoryWithFeatures()
        defer { directory.cleanUp() }
        #expect(try ForecastBinary.run(["train", "--trees", "5"], in: directory.url).status == 0)
        let version = try #require(try directory.read("models/CURRENT").split(separator: "\n").first.map(String.init))
        let path = "models/versions/\(version).json"
        let text = try directory.read(path)
        try directory.write(String(text.prefix(text.count - 10)), to: path)
        let result = try ForecastBinary.run(["predict", "--ca-total", "1", "--nb-commandes", "1"], in: directory.url)
        #expect(result.status == 1)
        #expect(result.stderr.contains("truncated"))
        #expect(result.stderr.split(separator: "\n").count == 1)
    }
}
