import Foundation
import Synchronization
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A model trained once per test run (`generate --days 120`, `etl`, `train --trees 20 --model
/// forest`: the level forest, whatever the backtest prefers), copied into each test's directory
/// so tests never share a registry or a log.
enum TrainedModel {
    struct SetupFailure: Error, CustomStringConvertible {
        let description: String
    }

    private static let trained: Result<URL, SetupFailure> = {
        do {
            let directory = try TemporaryDirectory()
            // Shared by every test of the process, so it goes when the process does.
            sharedDirectory.withLock { $0 = directory.url }
            atexit { TrainedModel.removeShared() }
            for arguments in [["generate", "--days", "120"], ["etl"], ["train", "--trees", "20", "--model", "forest"]] {
                let result = try ForecastBinary.run(arguments, in: directory.url)
                guard result.status == 0 else {
                    return .failure(SetupFailure(description: "forecast \(arguments.joined(separator: " ")) failed: \(result.stderr)"))
                }
            }
            return .success(directory.url)
        } catch {
            return .failure(SetupFailure(description: "cannot set up the model: \(error)"))
        }
    }()

    private static let sharedDirectory = Mutex<URL?>(nil)

    private static func removeShared() {
        if let url = sharedDirectory.withLock({ $0 }) { try? FileManager.default.removeItem(at: url) }
    }

    /// A fresh directory holding a copy of the trained registry (`models/`) and of the features
    /// file the server takes its daily history from, no log yet.
    static func directory() throws -> TemporaryDirectory {
        let source = try trained.get()
        let directory = try TemporaryDirectory()
        try FileManager.default.copyItem(at: source.appendingPathComponent("models"), to: directory.url.appendingPathComponent("models"))
        try FileManager.default.createDirectory(at: directory.url.appendingPathComponent("data"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: source.appendingPathComponent("data/processed"), to: directory.url.appendingPathComponent("data/processed")
        )
        return directory
    }

    /// The features file the model was trained on.
    static var featuresPath: URL {
        get throws { try trained.get().appendingPathComponent("data/processed/features_daily.csv") }
    }

    /// The current version in `directory`'s registry.
    static func currentVersion(in directory: TemporaryDirectory) throws -> String {
        String(try directory.read("models/CURRENT").split(separator: "\n")[0])
    }
}

/// Log lines (header excluded), each checked to be whole.
func logEntries(_ directory: TemporaryDirectory) throws -> [[String]] {
    let lines = try directory.read("data/predictions_log.csv").split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines.first == "timestamp,ca_total,nb_commandes,prediction,model_version,date,forecast_date,lower,upper,request_id")
    #expect(lines.last == "", "the log must end with a newline")
    return lines.dropFirst().dropLast().map { $0.split(separator: ",").map(String.init) }
}

extension ServeEndToEndTests {
    @Test func predictMatchesTheCLIAndIsLoggedBeforeTheResponse() throws {
        let directory = try TrainedModel.directory()
        defer { directory.cleanUp() }
        let server = try ServerProcess(in: directory.url, arguments: ["--quiet"])
        defer { server.stop() }
        let response = try RawHTTPClient(port: server.port).exchange("POST", "/predict", json: "{\"ca_total\": 15000.0, \"nb_commandes\": 320}")
        #expect(response.status == 200)
        // The line is on disk as soon as the response arrived: no waiting.
        let entries = try logEntries(directory)
        let body = try response.json()
        let cli = try ForecastBinary.run(["predict", "--ca-total", "15000", "--nb-commandes", "320", "--json"], in: directory.url)
        let expected = try #require(try JSONSerialization.jsonObject(with: Data(cli.stdout.utf8)) as? [String: Any])
        #expect(body["prediction_ca_jour_suivant"] as? Double == expected["prediction_ca_jour_suivant"] as? Double)
        #expect(body["model_version"] as? String == expected["model_version"] as? String)
        let interval = try #require(body["prediction_interval"] as? [String: Any])
        #expect(interval["lower"] as? Double == expected["interval_lower"] as? Double)
        #expect(entries.count == 1)
        #expect(body["date"] as? String == expected["date"] as? String)
        #expect(body["forecast_date"] as? String == expected["forecast_date"] as? String)
        let line = try #require(entries.first)
        #expect(Array(line.prefix(7)) == [body["timestamp"] as? String ?? "?", "15000.0", "320",
                                          String(ExactNumber.member("prediction_ca_jour_suivant", in: response.text) ?? .nan),
                                          body["model_version"] as? String ?? "?",
                                          body["date"] as? String ?? "?", body["forecast_date"] as? String ?? "?"])
        #expect(Double(line[7]) == ExactNumber.member("lower", in: response.text))
        #expect(Double(line[8]) == ExactNumber.member("upper", in: response.text))
        #expect(line[9] == response.header("X-Request-Id"))
    }

    @Test func everyRouteAnswersWithAModel() throws {
        let directory = try TrainedModel.directory()
        defer { directory.cleanUp() }
        let server = try ServerProcess(in: directory.url, arguments: ["--quiet"])
        defer { server.stop() }
        let version = try TrainedModel.currentVersion(in: directory)
        let client = try RawHTTPClient(port: server.port)
        let health = try client.exchange("GET", "/health")
        #expect(health.status == 200)
        #expect(try health.json()["model_version"] as? String == version)
        #expect(try client.exchange("GET", "/model/info").json()["model_version"] as? String == version)
        let index = try client.exchange("GET", "/").json()
        #expect(index["routes"] is [Any])
        let cliVersion = try ForecastBinary.run(["--version"], in: directory.url).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(index["version"] as? String == cliVersion)
        #expect(try client.exchange("GET", "/openapi.json").json()["openapi"] as? String == "3.0.3")
        #expect(try client.exchange("GET", "/docs").text.contains("<form"))
        let alert = try client.exchange("POST", "/predict-with-alert", json: "{\"ca_total\": 1, \"nb_commandes\": 1, \"seuil_alerte\": 1e12}")
        #expect(try alert.json()["alerte"] as? Bool == true)
        let batch = try client.exchange("POST", "/predict/batch", json: "{\"items\": [{\"ca_total\": 1, \"nb_commandes\": 1}, {\"ca_total\": 2, \"nb_commandes\": 2}]}")
        #expect(try batch.json()["count"] as? Int == 2)
        let metrics = try client.exchange("GET", "/metrics").text
        #expect(metrics.contains("forecast_predictions_total{route=\"/predict/batch\"} 2"))
        #expect(try logEntries(directory).map { $0[1] } == ["1.0", "1.0", "2.0"])
    }

    @Test func concurrentClientsAreAllAnsweredAndEveryPredictionLoggedWhole() throws {
        let directory = try TrainedModel.directory()
        defer { directory.cleanUp() }
        let server = try ServerProcess(in: directory.url, arguments: ["--quiet"])
        defer { server.stop() }
        let clients = 8
        let perClient = 50
        let failures = Mutex<[String]>([])
        let port = server.port
        DispatchQueue.concurrentPerform(iterations: clients) { index in
            do {
                let client = try RawHTTPClient(port: port)
                for request in 0..<perClient {
                    let response = try client.exchange("POST", "/predict", json: "{\"ca_total\": \(index * 1000 + request), \"nb_commandes\": \(index)}")
                    if response.status != 200 { failures.withLock { $0.append("status \(response.status)") } }
                }
            } catch {
                failures.withLock { $0.append("\(error)") }
            }
        }
        #expect(failures.withLock { $0 } == [])
        let entries = try logEntries(directory)
        #expect(entries.count == clients * perClient)
        #expect(entries.allSatisfy { $0.count == 10 })
        let revenues = Set(entries.compactMap { Double($0[1]).map(Int.init) })
        #expect(revenues == Set((0..<clients).flatMap { index in (0..<perClient).map { index * 1000 + $0 } }))
    }

    @Test func pipelinedLargeResponsesToASlowReaderArriveWholeAndInOrder() throws {
        let directory = try TrainedModel.directory()
        defer { directory.cleanUp() }
        let server = try ServerProcess(in: directory.url, arguments: ["--quiet"])
        defer { server.stop() }
        let client = try RawHTTPClient(port: server.port)
        let rounds = 30
        for round in 0..<rounds {
            let items = (0..<1000).map { "{\"ca_total\": \(round * 1000 + $0), \"nb_commandes\": 1}" }
            // Megabytes of responses pile up unread: the server must park them and stop reading.
            try client.send(RawHTTPClient.request("POST", "/predict/batch", json: "[" + items.joined(separator: ",") + "]"))
        }
        for round in 0..<rounds {
            let response = try client.readResponse()
            #expect(response.status == 200)
            let predictions = try #require(try response.json()["predictions"] as? [[String: Any]])
            let first = try #require(predictions.first?["inputs"] as? [String: Any])
            #expect(predictions.count == 1000)
            #expect(first["ca_total"] as? Double == Double(round * 1000))
        }
        #expect(try logEntries(directory).count == rounds * 1000)
    }

    @Test func clientThatNeverReadsIsDroppedAfterTheWriteTimeout() throws {
        let directory = try TrainedModel.directory()
        defer { directory.cleanUp() }
        let server = try ServerProcess(in: directory.url, arguments: ["--quiet", "--write-timeout", "0.5"])
        defer { server.stop() }
        let client = try RawHTTPClient(port: server.port)
        let items = "[" + Array(repeating: "{\"ca_total\": 1, \"nb_commandes\": 1}", count: 1000).joined(separator: ",") + "]"
        let request = RawHTTPClient.request("POST", "/predict/batch", json: items)
        for _ in 0..<60 { try client.send(request) }  // ≈ 15 MB of responses, never read
        #expect(ServerProcess.eventually { (try? RawHTTPClient(port: server.port).exchange("GET", "/metrics").text
            .contains("http_connections_timed_out_total 1")) == true })
        // What the kernel had already buffered arrives, then the close.
        let received = try #require(client.drainUntilClosed(timeout: 10))
        #expect(received < 60 * 250_000)
        #expect(try RawHTTPClient(port: server.port).exchange("GET", "/health").status == 200)
    }

    @Test func restartAppendsToTheSameLogWithOneHeader() throws {
        let directory = try TrainedModel.directory()
        defer { directory.cleanUp() }
        for round in 0..<2 {
            let server = try ServerProcess(in: directory.url, arguments: ["--quiet"])
            defer { server.stop() }
            let client = try RawHTTPClient(port: server.port)
            for request in 0..<3 {
                #expect(try client.exchange("POST", "/predict", json: "{\"ca_total\": \(round * 10 + request), \"nb_commandes\": 1}").status == 200)
            }
            server.send(SIGTERM)
            #expect(server.waitForExit() == 0)
        }
        let text = try directory.read("data/predictions_log.csv")
        #expect(text.components(separatedBy: "timestamp,ca_total").count == 2)
        #expect(try logEntries(directory).map { $0[1] } == ["0.0", "1.0", "2.0", "10.0", "11.0", "12.0"])
    }

    @Test func sigkillUnderLoadLosesNoAnsweredPredictionAndTearsNoLine() throws {
        let directory = try TrainedModel.directory()
        defer { directory.cleanUp() }
        let server = try ServerProcess(in: directory.url, arguments: ["--quiet"])
        defer { server.stop() }
        let answered = Mutex<Set<Int>>([])
        let started = Atomic<Int>(0)
        let group = DispatchGroup()
        let port = server.port
        for index in 0..<4 {
            DispatchQueue.global().async(group: group) {
                guard let client = try? RawHTTPClient(port: port, timeout: 5) else { return }
                for request in 0..<100_000 {
                    let revenue = index * 1_000_000 + request
                    guard let response = try? client.exchange("POST", "/predict", json: "{\"ca_total\": \(revenue), \"nb_commandes\": 1}") else { return }
                    if response.status == 200 {
                        answered.withLock { _ = $0.insert(revenue) }
                        started.wrappingAdd(1, ordering: .relaxed)
                    }
                }
            }
        }
        #expect(ServerProcess.eventually { started.load(ordering: .relaxed) >= 200 })
        server.send(SIGKILL)
        group.wait()
        let entries = try logEntries(directory)
        #expect(entries.allSatisfy { $0.count == 10 && $0[0].count == 24 && !$0[9].isEmpty }, "a torn line")
        let logged = Set(entries.compactMap { Double($0[1]).map(Int.init) })
        let received = answered.withLock { $0 }
        #expect(received.count >= 200)
        #expect(received.isSubset(of: logged), "\(received.subtracting(logged).count) answered predictions missing")
    }
}
