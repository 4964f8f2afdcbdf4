import Foundation
import Testing

/// A rule registered by `forecast train --model` is served like a forest: `/predict` answers
/// the CLI's forecast with the calibrated interval and logs it; `/model/info` explains the rule.
@Suite struct ServeRuleEndToEndTests {
    @Test func servedRule_AnswersLikePredict_AndModelInfoNamesIt() throws {
        let directory = try TrainEndToEndTests.directoryWithFeatures()
        defer { directory.cleanUp() }
        let train = try ForecastBinary.run(["train", "--model", "seasonal_naive"], in: directory.url)
        try #require(train.status == 0, "\(train.stderr)")
        let cli = try ForecastBinary.run(["predict", "--ca-total", "15000", "--nb-commandes", "320", "--json"], in: directory.url)
        let expected = try #require(try JSONSerialization.jsonObject(with: Data(cli.stdout.utf8)) as? [String: Any])

        let server = try ServerProcess(in: directory.url, arguments: ["--quiet"])
        defer { server.stop() }
        let client = try RawHTTPClient(port: server.port)
        let answer = try client.exchange("POST", "/predict", json: "{\"ca_total\": 15000.0, \"nb_commandes\": 320}").json()
        #expect(answer["prediction_ca_jour_suivant"] as? Double == expected["prediction_ca_jour_suivant"] as? Double)
        let interval = try #require(answer["prediction_interval"] as? [String: Any])
        #expect(interval["lower"] as? Double == expected["interval_lower"] as? Double)
        #expect(interval["upper"] as? Double == expected["interval_upper"] as? Double)

        let info = try client.exchange("GET", "/model/info").json()
        #expect(info["model_kind"] as? String == "seasonal_naive")
        #expect((info["rule"] as? [String: Any])?["formula"] as? String != nil)
        #expect((info["metrics"] as? [String: Any])?["test_coverage"] is Double)
        let log = try directory.read("data/predictions_log.csv").split(separator: "\n")
        #expect(log.count == 2 && log[1].contains(expected["model_version"] as? String ?? "?"))
    }
}
