import ForecastData
import Forest
import Foundation
import ModelRegistry
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The server forecasts from the live daily history: each request's day, what training computed
/// for that day, and a nightly ETL moving the server forward without a restart.
@Suite(.serialized) struct CalendarEndToEndTests {
    /// Rows of the features file the model was trained on, and the training code's forecasts.
    private struct TrainingView {
        let records: [DailyRecord]
        let predictions: [Double]

        init(directory: TemporaryDirectory) throws {
            records = try FeaturesFile.read(from: directory.url.appendingPathComponent("data/processed/features_daily.csv").path)
            let store = ModelStore(directory: directory.url.appendingPathComponent("models").path)
            let model = try #require(try store.loadCurrent())
            let kind = try #require(FeatureSet(rawValue: model.featureSet))
            let matrix = try kind.matrix(for: records)
            let forest = try #require(model.forest)
            predictions = (0..<records.count).map { forest.predict(row: matrix.row($0)) }
        }
    }

    /// The server's answer for `record`'s day and figures, with the forecast read exactly.
    private func predict(_ client: RawHTTPClient, _ record: DailyRecord, extra: String = "") throws -> (body: [String: Any], value: Double?) {
        let body = "{\"ca_total\": \(record.revenue), \"nb_commandes\": \(record.orderCount), \"date\": \"\(record.day.iso)\"\(extra)}"
        let response = try client.exchange("POST", "/predict", json: body)
        #expect(response.status == 200, "\(record.day): \(response.text)")
        return (try response.json(), ExactNumber.member("prediction_ca_jour_suivant", in: response.text))
    }

    private func lastHistoryDay(_ client: RawHTTPClient) throws -> String? {
        (try client.exchange("GET", "/health").json()["daily_history"] as? [String: Any])?["last_day"] as? String
    }

    @Test func eachOfTheLast60DaysIsForecastBitForBitAsTrainingDidAcrossAHistoryReload() throws {
        let directory = try TrainedModel.directory()
        defer { directory.cleanUp() }
        let training = try TrainingView(directory: directory)
        let records = training.records
        let featuresPath = directory.url.appendingPathComponent("data/processed/features_daily.csv")
        let full = try String(contentsOf: featuresPath, encoding: .utf8)
        // Start from a file 30 days short; the last 30 days come with a "nightly" new file.
        let short = Array(records.dropLast(30))
        try FeaturesFile.write(short, to: featuresPath.path)
        let server = try ServerProcess(in: directory.url, arguments: ["--quiet"])
        defer { server.stop() }
        let client = try RawHTTPClient(port: server.port)
        #expect(try lastHistoryDay(client) == short.last!.day.adding(days: 1).iso)
        let first = records.count - 60
        for index in first..<(records.count - 30) {
            let answer = try predict(client, records[index])
            #expect(answer.value == training.predictions[index], "\(records[index].day)")
            #expect(answer.body["forecast_date"] as? String == records[index].day.adding(days: 1).iso)
        }
        // A day past the short history's last day is refused, naming the missing days.
        let late = try client.exchange("POST", "/predict", json: "{\"ca_total\": 1, \"nb_commandes\": 1, \"date\": \"\(records.last!.day.iso)\"}")
        #expect(late.status == 422)
        #expect(String(decoding: late.body, as: UTF8.self).contains("are missing"))
        // The new file replaces the old one the way 'forecast etl' does (a rename); the poll sees it.
        let staging = featuresPath.path + ".new"
        try full.write(toFile: staging, atomically: false, encoding: .utf8)
        #expect(rename(staging, featuresPath.path) == 0)
        #expect(ServerProcess.eventually { (try? lastHistoryDay(client)) == records.last!.day.adding(days: 1).iso })
        for index in (records.count - 30)..<records.count {
            #expect(try predict(client, records[index]).value == training.predictions[index], "\(records[index].day)")
        }
        // The log holds the 60 forecasts with their days.
        let entries = try logEntries(directory)
        #expect(entries.map { $0[5] } == records[first...].map(\.day.iso))
        #expect(entries.map { $0[6] } == records[first...].map { $0.day.adding(days: 1).iso })
    }

    @Test func aRequestCarryingItsOwnHistoryGetsTheSameAnswer() throws {
        let directory = try TrainedModel.directory()
        defer { directory.cleanUp() }
        let training = try TrainingView(directory: directory)
        let server = try ServerProcess(in: directory.url, arguments: ["--quiet"])
        defer { server.stop() }
        let client = try RawHTTPClient(port: server.port)
        let records = training.records
        for index in [records.count - 1, records.count - 10, 40] {
            let earlier = records[(index - FeatureSet.historyLength)..<index]
            let history = earlier.map { "{\"date\": \"\($0.day.iso)\", \"ca_total\": \($0.revenue)}" }.joined(separator: ",")
            let with = try predict(client, records[index], extra: ", \"history\": [\(history)]")
            let without = try predict(client, records[index])
            #expect(with.value == without.value)
            #expect(with.value == training.predictions[index])
        }
    }

    @Test func predictOnTheCommandLineFollowsTheSameRules() throws {
        let directory = try TrainedModel.directory()
        defer { directory.cleanUp() }
        let training = try TrainingView(directory: directory)
        let record = training.records[training.records.count - 5]
        let result = try ForecastBinary.run([
            "predict", "--ca-total", "\(record.revenue)", "--nb-commandes", "\(record.orderCount)", "--date", record.day.iso, "--json",
        ], in: directory.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(ExactNumber.member("prediction_ca_jour_suivant", in: result.stdout) == training.predictions[training.records.count - 5])
        let gap = record.day.adding(days: 40).iso
        let refused = try ForecastBinary.run(["predict", "--ca-total", "1", "--nb-commandes", "1", "--date", gap], in: directory.url)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("are missing") && refused.stderr.contains("forecast etl"))
        #expect(refused.stderr.split(separator: "\n").count == 1)
    }

    @Test func aBrokenNewFeaturesFileIsReportedOnceAndTheOldHistoryKeepsServing() throws {
        let directory = try TrainedModel.directory()
        defer { directory.cleanUp() }
        let server = try ServerProcess(in: directory.url, arguments: ["--quiet"])
        defer { server.stop() }
        let client = try RawHTTPClient(port: server.port)
        let before = try lastHistoryDay(client)
        _ = try directory.write("date,ca_total,nb_commandes,label\n2024-01-01,abc,1,2\n", to: "data/processed/features_daily.csv")
        #expect(ServerProcess.eventually { (try? client.exchange("GET", "/health").json()["daily_history_error"]) != nil })
        #expect(try lastHistoryDay(client) == before)
        #expect(try client.exchange("POST", "/predict", json: "{\"ca_total\": 1, \"nb_commandes\": 1}").status == 200)
    }

    @Test func anOldFiveColumnLogIsAppendedToInItsOwnShape() throws {
        let directory = try TrainedModel.directory()
        defer { directory.cleanUp() }
        let old = "timestamp,ca_total,nb_commandes,prediction,model_version\n2026-11-22T10:15:30.123Z,1.0,1,2.0,v0001\n"
        _ = try directory.write(old, to: "data/predictions_log.csv")
        let server = try ServerProcess(in: directory.url, arguments: ["--quiet"])
        defer { server.stop() }
        let response = try RawHTTPClient(port: server.port).exchange("POST", "/predict", json: "{\"ca_total\": 5, \"nb_commandes\": 1}")
        #expect(response.status == 200)
        #expect(try response.json()["forecast_date"] != nil)
        let lines = try directory.read("data/predictions_log.csv").split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines.allSatisfy { $0.split(separator: ",").count == 5 })
    }
}
