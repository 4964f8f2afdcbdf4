import ForecastData
import HTTPCore
import Testing
@testable import ForecastService

/// The prediction routes in-process with a fake model: answers, validation, and the log.
struct PredictHandlersTests {
    @Test func predictAnswersTheModelsForecastAndLogsOneLine() throws {
        let harness = try ServiceHarness()
        let response = harness.send("POST", "/predict", json: "{\"ca_total\": 15000.0, \"nb_commandes\": 320}")
        #expect(response.status == 200)
        let body = try response.json()
        #expect(body["prediction_ca_jour_suivant"] == .number(15000.0 * 1.1 + 320))
        #expect(body["inputs"]?["ca_total"] == .number(15000))
        #expect(body["inputs"]?["nb_commandes"] == .number(320))
        #expect(body["model_version"] == .string("v-test"))
        #expect(body["prediction_interval"]?["lower"] == .number((15000.0 * 1.1 + 320) * 0.95))
        guard case let .string(timestamp)? = body["timestamp"] else {
            Issue.record("no timestamp")
            return
        }
        let lines = try harness.logLines()
        #expect(lines.count == 2)
        #expect(lines[0] == PredictionLogEntry.header)
        let entry = try #require(PredictionLogEntry.parse(Substring(lines[1])))
        let value = 15000.0 * 1.1 + 320
        let requestID = harness.lastRequestID
        // No date: the day after the history's last day (2026-01-10).
        #expect(body["date"] == .string("2026-01-11"))
        #expect(body["forecast_date"] == .string("2026-01-12"))
        #expect(entry == PredictionLogEntry(
            timestamp: timestamp, revenue: 15000, orderCount: 320, prediction: value, modelVersion: "v-test",
            calendar: ForecastCalendarFields(
                date: "2026-01-11", forecastDate: "2026-01-12", lower: value * 0.95, upper: value * 1.05, requestID: requestID
            )
        ))
    }

    @Test(arguments: [
        ("{\"ca_total\": 1, \"nb_commandes\": 3, \"date\": \"2026-02-30\"}", "'date' must be a real date written YYYY-MM-DD"),
        ("{\"ca_total\": 1, \"nb_commandes\": 3, \"date\": 20260101}", "'date' must be a date string YYYY-MM-DD, got a number"),
        ("{\"ca_total\": 1, \"nb_commandes\": 3, \"history\": []}", "'history' is empty"),
        ("{\"ca_total\": 1, \"nb_commandes\": 3, \"history\": [{\"date\": \"2026-01-01\", \"ca_total\": 1}, {\"date\": \"2026-01-03\", \"ca_total\": 1}]}",
         "'history[1].date' is 2026-01-03 but must be 2026-01-02"),
        ("{\"ca_total\": 1, \"nb_commandes\": 3, \"history\": [{\"date\": \"2026-01-01\", \"ca_total\": -1}]}",
         "'history[0].ca_total' must be ≥ 0"),
        ("{\"nb_commandes\": 3}", "missing field 'ca_total'"),
        ("{\"ca_total\": 1}", "missing field 'nb_commandes'"),
        ("{\"ca_total\": \"12\", \"nb_commandes\": 3}", "'ca_total' must be a number, got a string"),
        ("{\"ca_total\": true, \"nb_commandes\": 3}", "'ca_total' must be a number, got a boolean"),
        ("{\"ca_total\": -1, \"nb_commandes\": 3}", "'ca_total' must be ≥ 0"),
        ("{\"ca_total\": 1e999, \"nb_commandes\": 3}", "'ca_total' must be finite"),
        ("{\"ca_total\": 1, \"nb_commandes\": 2.5}", "'nb_commandes' must be a whole number"),
        ("{\"ca_total\": 1, \"nb_commandes\": -2}", "'nb_commandes' must be ≥ 0"),
        ("[1, 2]", "the body must be a JSON object"),
    ])
    func invalidInputIs422NamingTheFieldAndNothingIsLogged(body: String, message: String) throws {
        let harness = try ServiceHarness()
        let response = harness.send("POST", "/predict", json: body)
        #expect(response.status == 422)
        #expect(response.errorCode == "validation_error")
        guard case let .string(text)? = try response.json()["error"]?["message"] else {
            Issue.record("no message")
            return
        }
        #expect(text.hasPrefix(message))
        #expect(try harness.logLines() == [PredictionLogEntry.header])
    }

    @Test func wholeNumberWrittenWithAFractionIsAnOrderCount() throws {
        let harness = try ServiceHarness()
        #expect(harness.send("POST", "/predict", json: "{\"ca_total\": 1, \"nb_commandes\": 4.0}").status == 200)
    }

    @Test func malformedJSONIs400AndNonJSONContentTypeIs415() throws {
        let harness = try ServiceHarness()
        let malformed = harness.send("POST", "/predict", json: "{\"ca_total\": 1,}")
        #expect(malformed.status == 400)
        #expect(malformed.errorCode == "malformed_json")
        let form = harness.send("POST", "/predict", json: "ca_total=1", contentType: "application/x-www-form-urlencoded")
        #expect(form.status == 415)
        #expect(harness.send("POST", "/predict", json: "{\"ca_total\": 1, \"nb_commandes\": 1}", contentType: "application/json; charset=utf-8").status == 200)
        #expect(try harness.logLines().count == 2)
    }

    @Test func withoutAModelPredictionsAre503AndNotLogged() throws {
        let harness = try ServiceHarness(model: nil)
        let response = harness.send("POST", "/predict", json: "{\"ca_total\": 1, \"nb_commandes\": 1}")
        #expect(response.status == 503)
        #expect(response.errorCode == "model_unavailable")
        #expect(try harness.logLines() == [PredictionLogEntry.header])
    }

    @Test func alertIsRaisedBelowTheThresholdWithDefault10000() throws {
        let harness = try ServiceHarness()
        let low = try harness.send("POST", "/predict-with-alert", json: "{\"ca_total\": 100, \"nb_commandes\": 1}").json()
        #expect(low["alerte"] == .bool(true))
        #expect(low["seuil_alerte"] == .number(10000))
        let high = try harness.send("POST", "/predict-with-alert", json: "{\"ca_total\": 100, \"nb_commandes\": 1, \"seuil_alerte\": 50}").json()
        #expect(high["alerte"] == .bool(false))
        #expect(high["seuil_alerte"] == .number(50))
        #expect(harness.send("POST", "/predict-with-alert", json: "{\"ca_total\": 1, \"nb_commandes\": 1, \"seuil_alerte\": \"x\"}").status == 422)
        #expect(try harness.logLines().count == 3)
    }

    @Test func batchPredictsEveryItemInOrderAndLogsEachOne() throws {
        let harness = try ServiceHarness()
        let response = harness.send("POST", "/predict/batch", json: "{\"items\": [{\"ca_total\": 10, \"nb_commandes\": 1}, {\"ca_total\": 20, \"nb_commandes\": 2}]}")
        #expect(response.status == 200)
        let body = try response.json()
        #expect(body["count"] == .number(2))
        guard case let .array(predictions)? = body["predictions"] else {
            Issue.record("no predictions array")
            return
        }
        let values: [JSONValue?] = predictions.map { $0["prediction_ca_jour_suivant"] }
        let expected: [JSONValue?] = [JSONValue.number(10.0 * 1.1 + 1.0), JSONValue.number(20.0 * 1.1 + 2.0)]
        #expect(values == expected)
        let lines = try harness.logLines()
        #expect(lines.count == 3)
        #expect(PredictionLogEntry.parse(Substring(lines[2]))?.orderCount == 2)
        #expect(harness.send("POST", "/predict/batch", json: "[{\"ca_total\": 1, \"nb_commandes\": 1}]").status == 200)
    }

    @Test func batchWithOneBadItemIs422NamingItAndLogsNothing() throws {
        let harness = try ServiceHarness()
        let response = harness.send("POST", "/predict/batch", json: "{\"items\": [{\"ca_total\": 10, \"nb_commandes\": 1}, {\"ca_total\": -1, \"nb_commandes\": 2}]}")
        #expect(response.status == 422)
        guard case let .string(message)? = try response.json()["error"]?["message"] else {
            Issue.record("no message")
            return
        }
        #expect(message.contains("items[1].ca_total"))
        #expect(try harness.logLines().count == 1)
    }

    @Test func batchOverTheItemLimitOrEmptyIs422() throws {
        let harness = try ServiceHarness()
        let item = "{\"ca_total\": 1, \"nb_commandes\": 1}"
        let tooMany = "[" + Array(repeating: item, count: PredictHandlers.maxBatchItems + 1).joined(separator: ",") + "]"
        #expect(harness.send("POST", "/predict/batch", json: tooMany).status == 422)
        #expect(harness.send("POST", "/predict/batch", json: "{\"items\": []}").status == 422)
        let limit = "[" + Array(repeating: item, count: PredictHandlers.maxBatchItems).joined(separator: ",") + "]"
        #expect(harness.send("POST", "/predict/batch", json: limit).status == 200)
        #expect(try harness.logLines().count == 1 + PredictHandlers.maxBatchItems)
    }
}
