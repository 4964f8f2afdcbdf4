import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `forecast serve` against real sockets: routes, error statuses, HTTP mechanics, signals, log.
@Suite struct ServeEndToEndTests {
    /// A server in a fresh directory without a model (predictions answer 503).
    func withServer(
        arguments: [String] = [], environment: [String: String] = [:],
        _ body: (ServerProcess, TemporaryDirectory) throws -> Void
    ) throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let server = try ServerProcess(in: directory.url, arguments: arguments, environment: environment)
        defer { server.stop() }
        try body(server, directory)
    }

    @Test func withoutAModel_HealthAndPredictAre503_LogHasOnlyTheHeader() throws {
        try withServer { server, directory in
            let client = try RawHTTPClient(port: server.port)
            let health = try client.exchange("GET", "/health")
            #expect(health.status == 503)
            #expect(try health.json()["status"] as? String == "unavailable")
            let predict = try client.exchange("POST", "/predict", json: "{\"ca_total\": 1, \"nb_commandes\": 2}")
            #expect(predict.status == 503)
            #expect(predict.errorCode == "model_unavailable")
            #expect(try directory.read("data/predictions_log.csv") == "timestamp,ca_total,nb_commandes,prediction,model_version,date,forecast_date,lower,upper,request_id\n")
        }
    }

    @Test func errorStatusesCarryTheJSONErrorBody() throws {
        try withServer(arguments: ["--quiet"]) { server, _ in
            let cases: [(String, Int, String)] = [
                (RawHTTPClient.request("GET", "/nope"), 404, "not_found"),
                (RawHTTPClient.request("DELETE", "/health"), 405, "method_not_allowed"),
                (RawHTTPClient.request("POST", "/predict", json: "{\"ca_total\": 1,"), 400, "malformed_json"),
                (RawHTTPClient.request("POST", "/predict", json: "{\"ca_total\": -1, \"nb_commandes\": 2}"), 422, "validation_error"),
                ("POST /predict HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nhi", 415, "unsupported_media_type"),
                ("POST /predict HTTP/1.1\r\nHost: x\r\n\r\n", 411, "length_required"),
                ("POST /predict HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n", 411, "length_required"),
                ("POST /predict HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999\r\n\r\n", 413, "content_too_large"),
                ("GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + String(repeating: "a", count: 10_000) + "\r\n\r\n", 431, "headers_too_large"),
                ("GARBAGE\r\n\r\n", 400, "bad_request"),
                ("GET /health HTTP/1.1\r\n\r\n", 400, "bad_request"),
            ]
            for (request, status, code) in cases {
                let client = try RawHTTPClient(port: server.port)
                try client.send(request)
                let response = try client.readResponse()
                #expect(response.status == status, "\(request.prefix(40))")
                #expect(response.errorCode == code, "\(request.prefix(40))")
                if status == 405 { #expect(response.header("Allow") == "GET, HEAD") }
            }
        }
    }

    @Test func keepAliveServesManyRequestsOnOneConnection() throws {
        try withServer(arguments: ["--quiet"]) { server, _ in
            let client = try RawHTTPClient(port: server.port)
            for _ in 0..<20 {
                let response = try client.exchange("GET", "/")
                #expect(response.status == 200)
                #expect(response.header("Connection") == nil)
            }
        }
    }

    @Test func pipelinedRequestsAreAnsweredInOrder() throws {
        try withServer(arguments: ["--quiet"]) { server, _ in
            let client = try RawHTTPClient(port: server.port)
            try client.send(RawHTTPClient.request("GET", "/") + RawHTTPClient.request("GET", "/nope")
                + RawHTTPClient.request("DELETE", "/") + RawHTTPClient.request("GET", "/openapi.json"))
            #expect(try client.readResponse().status == 200)
            #expect(try client.readResponse().status == 404)
            #expect(try client.readResponse().status == 405)
            #expect(try client.readResponse().status == 200)
        }
    }

    @Test func http10ClosesAfterTheResponseUnlessKeepAliveIsAsked() throws {
        try withServer(arguments: ["--quiet"]) { server, _ in
            let plain = try RawHTTPClient(port: server.port)
            try plain.send("GET / HTTP/1.0\r\n\r\n")
            let response = try plain.readResponse()
            #expect(response.status == 200)
            #expect(response.header("Connection") == "close")
            #expect(plain.isClosedByServer())
            let kept = try RawHTTPClient(port: server.port)
            try kept.send("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
            #expect(try kept.readResponse().header("Connection") == "keep-alive")
            try kept.send("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
            #expect(try kept.readResponse().status == 200)
        }
    }

    @Test func expectContinueGets100BeforeTheBody() throws {
        try withServer(arguments: ["--quiet"]) { server, _ in
            let client = try RawHTTPClient(port: server.port)
            let body = "{\"ca_total\": -5, \"nb_commandes\": 1}"
            try client.send("POST /predict HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nExpect: 100-continue\r\nContent-Length: \(body.utf8.count)\r\n\r\n")
            #expect(try client.readResponse(head: true).status == 100)
            try client.send(body)
            #expect(try client.readResponse().status == 422)
        }
    }

    @Test func headAnswersGetRoutesWithoutABody() throws {
        try withServer(arguments: ["--quiet"]) { server, _ in
            let client = try RawHTTPClient(port: server.port)
            let head = try client.exchange("HEAD", "/openapi.json")
            #expect(head.status == 200)
            #expect(head.body.isEmpty)
            let get = try client.exchange("GET", "/openapi.json")
            #expect(head.header("Content-Length") == String(get.body.count))
        }
    }

    @Test func headerNamesAreCaseInsensitive() throws {
        try withServer(arguments: ["--quiet"]) { server, _ in
            let client = try RawHTTPClient(port: server.port)
            try client.send("POST /predict HTTP/1.1\r\nhOsT: x\r\nCONTENT-TYPE: text/plain\r\ncontent-length: 2\r\n\r\nhi")
            #expect(try client.readResponse().status == 415)
        }
    }

    @Test func accessLogHasOneLinePerRequestWithMethodPathStatusMicrosecondsAndRequestId() throws {
        try withServer { server, _ in
            let client = try RawHTTPClient(port: server.port)
            let missing = try client.exchange("GET", "/nope")
            let health = try client.exchange("GET", "/health", extra: "X-Request-Id: probe-7\r\n")
            let logged = ServerProcess.eventually {
                server.stderr.contains("GET /nope 404 ") && server.stderr.contains("GET /health 503 ")
            }
            #expect(logged, "stderr: \(server.stderr)")
            #expect(health.header("X-Request-Id") == "probe-7")
            let madeID = try #require(missing.header("X-Request-Id"))
            let fields = (server.stderr.split(separator: "\n").first { $0.hasPrefix("GET /nope 404 ") } ?? "").split(separator: " ")
            #expect(fields.count == 5 && fields[3].hasSuffix("us") && fields[4] == madeID)
            #expect(server.stderr.split(separator: "\n").contains { $0.hasPrefix("GET /health 503 ") && $0.hasSuffix(" probe-7") })
        }
    }

    @Test func sigtermStopsAcceptingAndExitsZero() throws {
        try withServer { server, _ in
            _ = try RawHTTPClient(port: server.port).exchange("GET", "/")
            server.send(SIGTERM)
            #expect(server.waitForExit() == 0)
            #expect(throws: RawHTTPClient.Failure.self) { _ = try RawHTTPClient(port: server.port) }
        }
    }

    @Test func sigtermFinishesTheRequestInFlightThenExitsZero() throws {
        try withServer { server, _ in
            let client = try RawHTTPClient(port: server.port)
            let body = "{\"ca_total\": -1, \"nb_commandes\": 1}"
            try client.send("POST /predict HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n")
            #expect(ServerProcess.eventually { server.stderr.contains("no model yet") })
            server.send(SIGTERM)
            #expect(ServerProcess.eventually { server.stderr.contains("shutting down") })
            try client.send(body)
            let response = try client.readResponse()
            #expect(response.status == 422)
            #expect(response.header("Connection") == "close")
            #expect(server.waitForExit() == 0)
        }
    }

    @Test func portComesFromTheEnvironmentWhenNotGiven() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let server = try ServerProcess(in: directory.url, environment: ["PORT": "0"], portArguments: [])
        defer { server.stop() }
        #expect(server.port > 0)
        #expect(try RawHTTPClient(port: server.port).exchange("GET", "/").status == 200)
        let result = try ForecastBinary.run(["serve"], in: directory.url, environment: ["PORT": "notaport"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("PORT='notaport'"))
    }

    @Test func logWithAnotherHeaderIsRefusedAtStartup() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        try directory.write("date,value\n2024-01-01,3\n", to: "data/predictions_log.csv")
        let result = try ForecastBinary.run(["serve", "--port", "0"], in: directory.url)
        #expect(result.status == 1)
        #expect(result.stderr.contains("starts with 'date,value'"))
        #expect(try directory.read("data/predictions_log.csv") == "date,value\n2024-01-01,3\n")
    }
}
