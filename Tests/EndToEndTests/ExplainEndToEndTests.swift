import Foundation
import Testing

/// Explanations through the real server and the real `forecast predict`: exact TreeSHAP of the
/// served forest, adding up to the forecast, the same from both.
@Suite struct ExplainEndToEndTests {
    static let features = ["ca_total", "nb_commandes", "next_weekday", "ca_mean_7d", "ca_mean_28d", "ca_week_before", "ca_ratio_7d"]

    /// The expected value and each contribution, read exactly from a JSON answer.
    private func explanation(in text: String) -> (expected: Double, contributions: [String: Double])? {
        guard let expected = ExactNumber.member("expected_value", in: text) else { return nil }
        var contributions: [String: Double] = [:]
        for name in Self.features {
            guard let value = ExactNumber.member(name, in: String(text[text.range(of: "\"contributions\"")!.upperBound...]))
            else { return nil }
            contributions[name] = value
        }
        return (expected, contributions)
    }

    @Test func explainedPrediction_AddsUp_MatchesTheCLI_AndIsLoggedOnce() throws {
        let directory = try TrainedModel.directory()
        defer { directory.cleanUp() }
        let server = try ServerProcess(in: directory.url, arguments: ["--quiet"])
        defer { server.stop() }
        let client = try RawHTTPClient(port: server.port)
        let plain = try client.exchange("POST", "/predict", json: "{\"ca_total\": 15000.0, \"nb_commandes\": 320}")
        #expect(plain.status == 200)
        #expect(!plain.text.contains("explanation"))

        let explained = try client.exchange(
            "POST", "/predict", json: "{\"ca_total\": 15000.0, \"nb_commandes\": 320, \"explain\": true}"
        )
        #expect(explained.status == 200, "\(explained.text)")
        let prediction = try #require(ExactNumber.member("prediction_ca_jour_suivant", in: explained.text))
        #expect(prediction == ExactNumber.member("prediction_ca_jour_suivant", in: plain.text))
        let parts = try #require(explanation(in: explained.text))
        #expect(Set(parts.contributions.keys) == Set(Self.features))
        let total = parts.expected + Self.features.reduce(0) { $0 + parts.contributions[$1]! }
        #expect(abs(total - prediction) < 1e-9)
        #expect(try logEntries(directory).count == 2)

        let cli = try ForecastBinary.run(
            ["predict", "--ca-total", "15000", "--nb-commandes", "320", "--explain", "--json"], in: directory.url
        )
        #expect(cli.status == 0, "\(cli.stderr)")
        let offline = try #require(explanation(in: cli.stdout))
        #expect(offline.expected == parts.expected)
        #expect(offline.contributions == parts.contributions)
    }

    @Test func badExplainFlag_Is422_AndNotLogged() throws {
        let directory = try TrainedModel.directory()
        defer { directory.cleanUp() }
        let server = try ServerProcess(in: directory.url, arguments: ["--quiet"])
        defer { server.stop() }
        let response = try RawHTTPClient(port: server.port).exchange(
            "POST", "/predict", json: "{\"ca_total\": 15000.0, \"nb_commandes\": 320, \"explain\": 1}"
        )
        #expect(response.status == 422)
        #expect(response.text.contains("'explain' must be true or false"))
        #expect(try logEntries(directory).isEmpty)
    }

    @Test func predictExplain_PrintsEveryFeatureLargestFirst() throws {
        let directory = try TrainedModel.directory()
        defer { directory.cleanUp() }
        let result = try ForecastBinary.run(["predict", "--ca-total", "15000", "--nb-commandes", "320", "--explain"], in: directory.url)
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 2 + Self.features.count)
        #expect(lines[1].hasPrefix("expected value "))
        let magnitudes = lines.dropFirst(2).compactMap { Double($0.split(separator: " ").last ?? "") }.map(abs)
        #expect(magnitudes.count == Self.features.count)
        #expect(magnitudes == magnitudes.sorted(by: >))
        for name in Self.features { #expect(result.stdout.contains(name)) }
    }
}
