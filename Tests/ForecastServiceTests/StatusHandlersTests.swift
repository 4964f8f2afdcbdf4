import HTTPCore
import Testing
@testable import ForecastService

/// Health, index, model info and metrics in-process.
struct StatusHandlersTests {
    @Test func healthReportsTheModelOr503() throws {
        let loaded = try ServiceHarness().send("GET", "/health")
        #expect(loaded.status == 200)
        let body = try loaded.json()
        #expect(body["status"] == .string("ok"))
        #expect(body["model_loaded"] == .bool(true))
        #expect(body["model_version"] == .string("v-test"))
        #expect(body["daily_history"]?["first_day"] == .string("2026-01-01"))
        #expect(body["daily_history"]?["last_day"] == .string("2026-01-10"))
        #expect(body["daily_history"]?["next_request_day"] == .string("2026-01-11"))
        #expect(body["daily_history"]?["loaded_at"] == .string("2026-01-11T00:00:00.000Z"))
        #expect(try ServiceHarness(history: nil).send("GET", "/health").json()["daily_history"] == .null)
        let empty = try ServiceHarness(model: nil).send("GET", "/health")
        #expect(empty.status == 503)
        #expect(try empty.json()["status"] == .string("unavailable"))
        #expect(try empty.json()["model_loaded"] == .bool(false))
    }

    @Test func modelInfoIsTheModelsOwnJSONOr503() throws {
        let info = try ServiceHarness().send("GET", "/model/info").json()
        #expect(info["kind"] == .string("fake"))
        #expect(info["daily_history"]?["last_day"] == .string("2026-01-10"))
        #expect(try ServiceHarness(model: nil).send("GET", "/model/info").status == 503)
    }

    @Test func indexListsEveryRouteWithItsMethod() throws {
        let body = try ServiceHarness().send("GET", "/").json()
        guard case let .array(routes)? = body["routes"] else {
            Issue.record("no routes")
            return
        }
        let pairs = routes.compactMap { route -> String? in
            guard case let .string(method)? = route["method"], case let .string(path)? = route["path"] else { return nil }
            return method + " " + path
        }
        #expect(Set(pairs) == ["POST /predict", "POST /predict-with-alert", "POST /predict/batch", "GET /health",
                               "GET /model/info", "GET /metrics", "GET /", "GET /openapi.json", "GET /docs"])
    }

    @Test func metricsCountPredictionsInPrometheusText() throws {
        let harness = try ServiceHarness()
        _ = harness.send("POST", "/predict", json: "{\"ca_total\": 1, \"nb_commandes\": 1}")
        _ = harness.send("POST", "/predict", json: "{\"ca_total\": 1, \"nb_commandes\": 1}")
        let response = harness.send("GET", "/metrics")
        #expect(response.status == 200)
        #expect(response.headers.contains { $0.0 == "Content-Type" && $0.1.hasPrefix("text/plain; version=0.0.4") })
        let text = String(decoding: response.body, as: UTF8.self)
        #expect(text.contains("forecast_predictions_total{route=\"/predict\"} 2\n"))
        #expect(text.contains("forecast_model_loaded{version=\"v-test\"} 1\n"))
        #expect(text.contains("# TYPE http_requests_total counter\n"))
    }
}
