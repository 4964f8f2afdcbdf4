import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Reloads, signals and the limits that keep slow or idle clients from holding the server.
extension ServeEndToEndTests {
    private func health(_ port: Int) throws -> String? {
        try RawHTTPClient(port: port).exchange("GET", "/health").json()["model_version"] as? String
    }

    @Test func freshCloneWithOnlyTheRawSampleTrainsFirstThenServes() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        // A small stand-in for the shipped sample at its SPEC.md path; no features, no model.
        let generated = try ForecastBinary.run(["generate", "--days", "60"], in: directory.url)
        #expect(generated.status == 0)
        #expect(directory.exists("data/raw/ventes_ecommerce.csv"))
        let server = try ServerProcess(in: directory.url)
        defer { server.stop() }
        #expect(server.stderr.contains("no model yet: running the ETL on data/raw/ventes_ecommerce.csv"))
        #expect(server.stderr.contains("no model yet: training on data/processed/features_daily.csv"))
        let version = try TrainedModel.currentVersion(in: directory)
        #expect(try health(server.port) == version)
        let response = try RawHTTPClient(port: server.port).exchange("POST", "/predict", json: "{\"ca_total\": 15000, \"nb_commandes\": 320}")
        #expect(response.status == 200)
    }

    @Test func newCurrentVersionInTheRegistryIsServedWithoutRestart() throws {
        let directory = try TrainedModel.directory()
        defer { directory.cleanUp() }
        let server = try ServerProcess(in: directory.url)
        defer { server.stop() }
        let first = try TrainedModel.currentVersion(in: directory)
        #expect(try health(server.port) == first)
        // `train` needs the features file the fixture did not copy.
        try FileManager.default.createDirectory(at: directory.url.appendingPathComponent("data/processed"), withIntermediateDirectories: true)
        _ = try ForecastBinary.run(["generate", "--days", "60"], in: directory.url)
        _ = try ForecastBinary.run(["etl"], in: directory.url)
        let trained = try ForecastBinary.run(["train", "--trees", "3", "--seed", "7"], in: directory.url)
        #expect(trained.status == 0, "\(trained.stderr)")
        let second = try TrainedModel.currentVersion(in: directory)
        #expect(second != first)
        #expect(try ServerProcess.eventually { try health(server.port) == second })
        #expect(server.stderr.contains("model reloaded: now serving \(second) (was \(first))"))
        let response = try RawHTTPClient(port: server.port).exchange("POST", "/predict", json: "{\"ca_total\": 5, \"nb_commandes\": 1}")
        #expect(try response.json()["model_version"] as? String == second)
    }

    @Test func brokenNewModelIsReportedAndTheOldOneKeepsServing() throws {
        let directory = try TrainedModel.directory()
        defer { directory.cleanUp() }
        let server = try ServerProcess(in: directory.url)
        defer { server.stop() }
        let first = try TrainedModel.currentVersion(in: directory)
        let broken = "v9999-20300101T000000Z"
        try directory.write("{\"not\": \"a model\"}", to: "models/versions/\(broken).json")
        try Data((broken + "\n" + directory.read("models/CURRENT")).utf8)
            .write(to: directory.url.appendingPathComponent("models/CURRENT"), options: .atomic)
        #expect(ServerProcess.eventually { server.stderr.contains("model reload failed, still serving \(first)") }, "\(server.stderr)")
        #expect(try health(server.port) == first)
        #expect(try RawHTTPClient(port: server.port).exchange("POST", "/predict", json: "{\"ca_total\": 5, \"nb_commandes\": 1}").status == 200)
    }

    @Test func sighupReloadsTheCurrentModel() throws {
        let directory = try TrainedModel.directory()
        defer { directory.cleanUp() }
        let server = try ServerProcess(in: directory.url)
        defer { server.stop() }
        let version = try TrainedModel.currentVersion(in: directory)
        server.send(SIGHUP)
        #expect(ServerProcess.eventually { server.stderr.contains("model reloaded: now serving \(version) (was \(version))") }, "\(server.stderr)")
        #expect(try health(server.port) == version)
    }

    @Test func clientTooSlowToSendItsRequestGets408AndIsClosed() throws {
        try withServer(arguments: ["--request-timeout", "0.3", "--quiet"]) { server, _ in
            let slow = try RawHTTPClient(port: server.port)
            try slow.send("GET / HTTP/1.1\r\nHost: x\r\n")  // never finishes the head
            let response = try slow.readResponse()
            #expect(response.status == 408)
            #expect(slow.isClosedByServer())
        }
    }

    @Test func slowlorisConnectionsAtTheCapCannotLockOutARealClient() throws {
        try withServer(arguments: ["--max-connections", "6", "--request-timeout", "60", "--threads", "1", "--quiet"]) { server, _ in
            var holders: [RawHTTPClient] = []
            for _ in 0..<6 {
                let holder = try RawHTTPClient(port: server.port)
                try holder.send("GET / HTTP/1.1\r\nHo")
                holders.append(holder)
            }
            for _ in 0..<3 {
                #expect(try RawHTTPClient(port: server.port).exchange("GET", "/").status == 200)
            }
            // The slow clients that waited longest made room.
            #expect(holders[0].isClosedByServer())
        }
    }

    @Test func idleKeepAliveConnectionIsClosedAfterTheIdleTimeout() throws {
        try withServer(arguments: ["--idle-timeout", "0.3", "--quiet"]) { server, _ in
            let client = try RawHTTPClient(port: server.port)
            #expect(try client.exchange("GET", "/").status == 200)
            #expect(client.isClosedByServer())
        }
    }
}
