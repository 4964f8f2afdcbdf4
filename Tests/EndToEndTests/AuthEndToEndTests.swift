import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `serve --token-file` / `FORECAST_API_TOKEN`: the predict routes and `/metrics` need the
/// bearer token, `/health` stays open, the token never shows; exposure without one warns.
@Suite struct AuthEndToEndTests {
    static let token = "s3cr3t-Token_0123456789abcdef"
    static let prediction = "{\"ca_total\": 15000, \"nb_commandes\": 320}"

    @Test func tokenFileProtectsPredictAndMetrics_HealthStaysOpen_TokenNeverShown() throws {
        let directory = try TrainedModel.directory()
        defer { directory.cleanUp() }
        try directory.write(AuthEndToEndTests.token + "\n", to: "token")
        let server = try ServerProcess(in: directory.url, arguments: ["--token-file", "token"])
        defer { server.stop() }
        let port = server.port
        let refusals: [(String, String, String?, String)] = [
            ("POST", "/predict", AuthEndToEndTests.prediction, ""),
            ("POST", "/predict-with-alert", AuthEndToEndTests.prediction, "Authorization: Bearer wrong\r\n"),
            ("POST", "/predict/batch", "[" + AuthEndToEndTests.prediction + "]", "Authorization: Basic " + AuthEndToEndTests.token + "\r\n"),
            ("GET", "/metrics", nil, "Authorization: Bearer " + AuthEndToEndTests.token + "x\r\n"),
            ("POST", "/predict", "{not json", "Authorization: Bearer " + String(AuthEndToEndTests.token.dropLast()) + "\r\n"),
        ]
        for (method, path, body, header) in refusals {
            let response = try RawHTTPClient(port: port).exchange(method, path, json: body, extra: header)
            #expect(response.status == 401, "\(method) \(path) \(header)")
            #expect(response.errorCode == "unauthorized")
            #expect(response.header("WWW-Authenticate")?.hasPrefix("Bearer") == true)
            #expect(!response.text.contains(AuthEndToEndTests.token))
        }
        let authorized = "Authorization: Bearer " + AuthEndToEndTests.token + "\r\n"
        #expect(try RawHTTPClient(port: port).exchange("POST", "/predict", json: AuthEndToEndTests.prediction, extra: authorized).status == 200)
        #expect(try RawHTTPClient(port: port).exchange("POST", "/predict", json: AuthEndToEndTests.prediction,
                                                       extra: "authorization: bearer " + AuthEndToEndTests.token + "\r\n").status == 200)
        let metrics = try RawHTTPClient(port: port).exchange("GET", "/metrics", extra: authorized)
        #expect(metrics.status == 200)
        #expect(metrics.text.contains("http_requests_total{status=\"401\"} 5"))
        #expect(try RawHTTPClient(port: port).exchange("GET", "/health").status == 200)
        // The served OpenAPI document declares exactly the refusals seen above.
        let document = try RawHTTPClient(port: port).exchange("GET", "/openapi.json")
        let openAPI = try #require(try JSONSerialization.jsonObject(with: Data(document.text.utf8)) as? [String: Any])
        let paths = try #require(openAPI["paths"] as? [String: [String: [String: Any]]])
        for (method, path, _, _) in refusals {
            let operation = paths[path]?[method.lowercased()]
            #expect((operation?["responses"] as? [String: Any])?["401"] != nil, "\(method) \(path)")
            #expect(operation?["security"] as? [[String: [String]]] == [["bearerAuth": []]], "\(method) \(path)")
        }
        #expect(paths["/health"]?["get"]?["security"] == nil)
        let log = try String(contentsOf: directory.url.appendingPathComponent("data/predictions_log.csv"), encoding: .utf8)
        #expect(log.split(separator: "\n").count == 3, "only the two authorized predictions are logged")
        #expect(ServerProcess.eventually { server.stderr.contains("POST /predict 401") })
        #expect(!server.stderr.contains(AuthEndToEndTests.token))
        #expect(!log.contains(AuthEndToEndTests.token))
    }

    @Test func environmentTokenWorksLikeTheFile() throws {
        let directory = try TrainedModel.directory()
        defer { directory.cleanUp() }
        let server = try ServerProcess(in: directory.url, arguments: ["--quiet"], environment: ["FORECAST_API_TOKEN": AuthEndToEndTests.token])
        defer { server.stop() }
        #expect(try RawHTTPClient(port: server.port).exchange("POST", "/predict", json: AuthEndToEndTests.prediction).status == 401)
        #expect(try RawHTTPClient(port: server.port).exchange(
            "POST", "/predict", json: AuthEndToEndTests.prediction, extra: "Authorization: Bearer \(AuthEndToEndTests.token)\r\n"
        ).status == 200)
    }

    @Test func nonLoopbackHostWithoutATokenWarns_WithATokenDoesNot() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        // The warning comes before anything is opened; a log that cannot be created then stops
        // the server before it binds, so no test ever listens beyond loopback.
        let unbindable = ["serve", "--port", "0", "--log", "/proc/forecast-no-such-dir/log.csv"]
        let open = try ForecastBinary.run(unbindable + ["--host", "0.0.0.0"], in: directory.url)
        #expect(open.status == 1)
        #expect(open.stderr.contains("warning: listening on 0.0.0.0 without an API token"))
        let guarded = try ForecastBinary.run(
            unbindable + ["--host", "0.0.0.0"], in: directory.url, environment: ["FORECAST_API_TOKEN": AuthEndToEndTests.token]
        )
        #expect(guarded.status == 1)
        #expect(!guarded.stderr.contains("warning: listening"))
        let local = try ForecastBinary.run(unbindable, in: directory.url)
        #expect(!local.stderr.contains("warning: listening"))
    }

    @Test func unreadableOrEmptyTokenFileIsAUsageErrorNamingTheFile() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let missing = try ForecastBinary.run(["serve", "--port", "0", "--token-file", "nope"], in: directory.url)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("cannot read the token file 'nope'"))
        try directory.write("  \n", to: "empty")
        let empty = try ForecastBinary.run(["serve", "--port", "0", "--token-file", "empty"], in: directory.url)
        #expect(empty.status == 2)
        #expect(empty.stderr.contains("the token file 'empty' must hold one token"))
    }
}
