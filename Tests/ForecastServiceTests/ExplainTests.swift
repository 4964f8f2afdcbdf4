import ForecastData
import HTTPCore
import Testing
@testable import ForecastService

/// `"explain": true` on the prediction routes, in-process: the explanation member, validation
/// of the flag, and a model that cannot explain answering 422 without logging.
struct ExplainTests {
    /// The fake's forecast (revenue × 1.1 + orders) split into its two terms, baseline 0.
    struct ExplainingModel: PredictionModel {
        var version: String { "v-explain" }
        var infoJSON: String { "{}" }
        var historyLength: Int { 0 }

        func predict(revenue: Double, orderCount: Int, day: Day, earlier: ArraySlice<Double>) -> PredictionOutcome {
            FakeModel.make().predict(revenue: revenue, orderCount: orderCount, day: day, earlier: earlier)
        }

        func explain(
            revenue: Double, orderCount: Int, day: Day, earlier: ArraySlice<Double>
        ) throws(ExplanationUnavailable) -> PredictionExplanation {
            PredictionExplanation(expectedValue: 0, contributions: [
                .init(feature: "ca_total", value: revenue * 1.1), .init(feature: "nb_commandes", value: Double(orderCount)),
            ])
        }
    }

    @Test func explainTrue_AddsTheExplanation_AndLogsTheForecastAsUsual() throws {
        let harness = try ServiceHarness(model: ExplainingModel())
        var ids: [String] = []
        for path in ["/predict", "/predict-with-alert"] {
            let response = harness.send("POST", path, json: "{\"ca_total\": 1000, \"nb_commandes\": 7, \"explain\": true}")
            #expect(response.status == 200)
            ids.append(harness.lastRequestID)
            let body = try response.json()
            #expect(body["prediction_ca_jour_suivant"] == .number(1107))
            #expect(body["explanation"]?["expected_value"] == .number(0))
            #expect(body["explanation"]?["contributions"]?["ca_total"] == .number(1000 * 1.1))
            #expect(body["explanation"]?["contributions"]?["nb_commandes"] == .number(7))
        }
        #expect(try harness.logLines().count == 3)
        let explained = try harness.explanationLines().dropFirst().map { try ExplanationLogEntry.parse(Substring($0)).get() }
        #expect(explained.map(\.requestID) == [ids[0], ids[0], ids[1], ids[1]])
        #expect(explained.map(\.feature) == ["ca_total", "nb_commandes", "ca_total", "nb_commandes"])
        #expect(explained.map(\.contribution) == [1000 * 1.1, 7, 1000 * 1.1, 7])
        #expect(explained.allSatisfy { $0.modelVersion == "v-explain" && $0.forecastDate == "2026-01-12" })
    }

    @Test func explainAbsentOrFalse_AnswersWithoutExplanation() throws {
        let harness = try ServiceHarness(model: ExplainingModel())
        for body in ["{\"ca_total\": 1000, \"nb_commandes\": 7}", "{\"ca_total\": 1000, \"nb_commandes\": 7, \"explain\": false}",
                     "{\"ca_total\": 1000, \"nb_commandes\": 7, \"explain\": null}"] {
            let response = harness.send("POST", "/predict", json: body)
            #expect(response.status == 200)
            #expect(try response.json()["explanation"] == nil)
        }
        #expect(try harness.explanationLines() == [ExplanationLogEntry.header], "unexplained forecasts leave no line")
    }

    @Test func explainNotABoolean_Is422() throws {
        let harness = try ServiceHarness(model: ExplainingModel())
        let response = harness.send("POST", "/predict", json: "{\"ca_total\": 1000, \"nb_commandes\": 7, \"explain\": \"yes\"}")
        #expect(response.status == 422)
        #expect(String(decoding: response.body, as: UTF8.self).contains("'explain' must be true or false, got a string"))
        #expect(try harness.logLines().count == 1)
    }

    @Test func modelThatCannotExplain_Is422AndNothingIsLogged() throws {
        let harness = try ServiceHarness()
        let response = harness.send("POST", "/predict", json: "{\"ca_total\": 1000, \"nb_commandes\": 7, \"explain\": true}")
        #expect(response.status == 422)
        #expect(String(decoding: response.body, as: UTF8.self).contains("cannot explain"))
        #expect(try harness.logLines().count == 1)
        #expect(try harness.explanationLines().count == 1)
    }
}

extension ExplainTests {
    @Test func openAPIDescribesTheExplainFlag() throws {
        let harness = try ServiceHarness()
        let text = String(decoding: harness.send("GET", "/openapi.json").body, as: UTF8.self)
        #expect(text.contains("\"explain\":{\"type\":\"boolean\""))
    }
}
