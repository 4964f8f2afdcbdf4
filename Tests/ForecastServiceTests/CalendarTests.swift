import ForecastData
import HTTPCore
import Testing
@testable import ForecastService

/// The request's day: defaulted from the served history, named by `date`, supported by the
/// server's or the request's own history, refused with the missing days otherwise.
struct CalendarTests {
    /// A model that looks at the 3 days before the request's day (value adds their revenue).
    private func harness(history: DailyHistory? = ServiceHarness.tenDays) throws -> ServiceHarness {
        try ServiceHarness(model: FakeModel.make(historyLength: 3), history: history)
    }

    /// The fake model's forecast.
    private func expected(_ revenue: Double, _ orders: Int, _ earlier: [Double]) -> Double {
        FakeModel.make(historyLength: 3).predict(revenue: revenue, orderCount: orders, day: Day(ordinal: 0), earlier: earlier[...]).value
    }

    private func message(_ response: HTTPResponse) throws -> String {
        guard case let .string(text)? = try response.json()["error"]?["message"] else { return "" }
        return text
    }

    @Test func withoutADateTheRequestIsTheDayAfterTheHistory() throws {
        let body = try harness().send("POST", "/predict", json: "{\"ca_total\": 100, \"nb_commandes\": 1}").json()
        #expect(body["date"] == .string("2026-01-11"))
        #expect(body["forecast_date"] == .string("2026-01-12"))
        // The 3 days before 2026-01-11: 800 + 900 + 1000.
        #expect(body["prediction_ca_jour_suivant"] == .number(expected(100, 1, [800, 900, 1000])))
    }

    @Test func aDateInsideTheHistoryUsesTheDaysBeforeIt() throws {
        let body = try harness().send("POST", "/predict", json: "{\"ca_total\": 100, \"nb_commandes\": 1, \"date\": \"2026-01-05\"}").json()
        #expect(body["forecast_date"] == .string("2026-01-06"))
        #expect(body["prediction_ca_jour_suivant"] == .number(expected(100, 1, [200, 300, 400])))
    }

    @Test func theFirstDaysOfTheHistoryUseTheDaysThereAre() throws {
        let body = try harness().send("POST", "/predict", json: "{\"ca_total\": 100, \"nb_commandes\": 1, \"date\": \"2026-01-02\"}").json()
        #expect(body["prediction_ca_jour_suivant"] == .number(expected(100, 1, [100])))
    }

    @Test func aGapAfterTheHistoryIs422NamingTheMissingDaysAndNothingIsLogged() throws {
        let harness = try harness()
        let response = harness.send("POST", "/predict", json: "{\"ca_total\": 100, \"nb_commandes\": 1, \"date\": \"2026-01-14\"}")
        #expect(response.status == 422)
        let text = try message(response)
        #expect(text.contains("2026-01-11 to 2026-01-13 (3 days) are missing"))
        #expect(text.contains("the daily history ends on 2026-01-10"))
        #expect(text.contains("forecast etl"))
        #expect(try harness.logLines() == [PredictionLogEntry.header])
    }

    @Test func aDateBeforeTheHistoryIs422() throws {
        let response = try harness().send("POST", "/predict", json: "{\"ca_total\": 1, \"nb_commandes\": 1, \"date\": \"2025-12-31\"}")
        #expect(response.status == 422)
        #expect(try message(response).contains("before the first day of the daily history (2026-01-01)"))
    }

    @Test func theRequestsOwnHistoryGivesTheSameAnswerAsTheServersForTheSameDays() throws {
        let harness = try harness()
        let served = try harness.send("POST", "/predict", json: "{\"ca_total\": 5, \"nb_commandes\": 2, \"date\": \"2026-01-08\"}").json()
        let own = try harness.send("POST", "/predict", json: """
            {"ca_total": 5, "nb_commandes": 2, "date": "2026-01-08", "history": [
              {"date": "2026-01-05", "ca_total": 500}, {"date": "2026-01-06", "ca_total": 600}, {"date": "2026-01-07", "ca_total": 700}]}
            """).json()
        #expect(own["prediction_ca_jour_suivant"] == served["prediction_ca_jour_suivant"])
        // Without a date, the request's history decides the day too.
        let undated = try harness.send("POST", "/predict", json: """
            {"ca_total": 5, "nb_commandes": 2, "history": [{"date": "2030-03-01", "ca_total": 1}, {"date": "2030-03-02", "ca_total": 2}]}
            """).json()
        #expect(undated["date"] == .string("2030-03-03"))
        #expect(undated["prediction_ca_jour_suivant"] == .number(expected(5, 2, [1, 2])))
    }

    @Test func aRequestHistoryThatStopsShortIs422() throws {
        let response = try harness().send("POST", "/predict", json: """
            {"ca_total": 5, "nb_commandes": 2, "date": "2030-03-05", "history": [{"date": "2030-03-01", "ca_total": 1}]}
            """)
        #expect(response.status == 422)
        #expect(try message(response).contains("2030-03-02 to 2030-03-04 (3 days) are missing; add those days to 'history'"))
    }

    @Test func withoutAnyHistoryADateIsRequired() throws {
        let harness = try harness(history: nil)
        let response = harness.send("POST", "/predict", json: "{\"ca_total\": 5, \"nb_commandes\": 2, \"date\": \"2026-01-05\"}")
        #expect(response.status == 422)
        #expect(try message(response).contains("no daily history is loaded"))
        // A model that needs no history only needs the date.
        let basic = try ServiceHarness(model: FakeModel.make(), history: nil)
        #expect(basic.send("POST", "/predict", json: "{\"ca_total\": 5, \"nb_commandes\": 2, \"date\": \"2026-01-05\"}").status == 200)
        #expect(basic.send("POST", "/predict", json: "{\"ca_total\": 5, \"nb_commandes\": 2}").status == 422)
    }

    @Test func batchItemsEachNameTheirDayAndOneBadDayLogsNothing() throws {
        let harness = try harness()
        let good = try harness.send("POST", "/predict/batch", json: """
            {"items": [{"ca_total": 1, "nb_commandes": 1, "date": "2026-01-04"}, {"ca_total": 1, "nb_commandes": 1}]}
            """).json()
        guard case let .array(items)? = good["predictions"] else {
            Issue.record("no predictions")
            return
        }
        #expect(items.map { $0["forecast_date"] } == [.string("2026-01-05"), .string("2026-01-12")])
        let bad = harness.send("POST", "/predict/batch", json: """
            {"items": [{"ca_total": 1, "nb_commandes": 1}, {"ca_total": 1, "nb_commandes": 1, "date": "2026-02-01"}]}
            """)
        #expect(bad.status == 422)
        #expect(try message(bad).contains("'items[1].date' 2026-02-01"))
        #expect(try harness.logLines().count == 3)
    }

    @Test func theLoggedRequestIdIsTheRequestsAndARefusalLogsNothing() throws {
        let harness = try harness()
        _ = harness.send("POST", "/predict", json: "{\"ca_total\": 1, \"nb_commandes\": 1}", headers: [("X-Request-Id", "abc-123.X:9_z")])
        _ = harness.send("POST", "/predict", json: "{\"ca_total\": 1, \"nb_commandes\": 1}")
        let made = harness.lastRequestID
        let refused = harness.send("POST", "/predict", json: "{\"ca_total\": -1, \"nb_commandes\": 1}", headers: [("X-Request-Id", "bad-1")])
        #expect(refused.status == 422)
        let lines = try harness.logLines()
        #expect(lines.count == 3)
        #expect(PredictionLogEntry.parse(Substring(lines[1]))?.calendar?.requestID == "abc-123.X:9_z")
        #expect(PredictionLogEntry.parse(Substring(lines[2]))?.calendar?.requestID == made)
    }
}
