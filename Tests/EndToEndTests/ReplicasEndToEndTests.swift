import Foundation
import Synchronization
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Two `forecast serve` replicas on one registry, each with its own log, as scripts/replicas.sh
/// runs them behind nginx; here the clients spread requests themselves, so the test needs no
/// proxy. The retry rule is nginx's `proxy_next_upstream error` without `non_idempotent`: a POST
/// goes to the other replica only when it could not be sent to the first.
@Suite struct ReplicasEndToEndTests {
    @Test func killedAndRestartedReplica_EveryAnsweredPredictionIsInExactlyOneLog() throws {
        let directory = try TrainedModel.directory()
        defer { directory.cleanUp() }
        let logs = ["data/predictions_log-1.csv", "data/predictions_log-2.csv"]
        let first = try ServerProcess(in: directory.url, arguments: ["--quiet", "--log", logs[0]])
        defer { first.stop() }
        let second = try ServerProcess(in: directory.url, arguments: ["--quiet", "--log", logs[1]])
        defer { second.stop() }
        let ports = Mutex<[Int]>([first.port, second.port])
        let answered = Mutex<[Int]>([])
        let stop = Atomic<Bool>(false)
        let group = DispatchGroup()

        for client in 0..<3 {
            DispatchQueue.global().async(group: group) {
                var request = 0
                while !stop.load(ordering: .relaxed) && request < 200_000 {
                    request += 1
                    let revenue = client * 1_000_000 + request
                    let targets = ports.withLock { $0 }
                    // Round robin; on a refused connection (nothing sent) the other replica.
                    let order = [targets[request % 2], targets[(request + 1) % 2]]
                    for port in order {
                        guard let connection = try? RawHTTPClient(port: port, timeout: 5) else { continue }
                        if let response = try? connection.exchange("POST", "/predict", json: "{\"ca_total\": \(revenue), \"nb_commandes\": 1}"),
                           response.status == 200 {
                            answered.withLock { $0.append(revenue) }
                        }
                        break  // sent: never retried, it may have been logged
                    }
                }
            }
        }
        #expect(ServerProcess.eventually { answered.withLock { $0.count } >= 150 })
        first.send(SIGKILL)
        _ = first.waitForExit()
        let countAtKill = answered.withLock { $0.count }
        #expect(ServerProcess.eventually { answered.withLock { $0.count } >= countAtKill + 150 }, "the other replica took over")
        let restarted = try ServerProcess(in: directory.url, arguments: ["--quiet", "--log", logs[0]])
        defer { restarted.stop() }
        ports.withLock { $0[0] = restarted.port }
        let countAtRestart = answered.withLock { $0.count }
        #expect(ServerProcess.eventually { answered.withLock { $0.count } >= countAtRestart + 150 })
        stop.store(true, ordering: .relaxed)
        group.wait()

        var loggedTimes: [Int: Int] = [:]
        for log in logs {
            let lines = try directory.read(log).split(separator: "\n").dropFirst()
            for line in lines {
                let revenue = try #require(Double(line.split(separator: ",")[1]), "\(line)")
                loggedTimes[Int(revenue), default: 0] += 1
            }
        }
        let received = answered.withLock { $0 }
        #expect(Set(received).count == received.count)
        #expect(received.filter { loggedTimes[$0] != 1 }.isEmpty, "answered predictions not logged exactly once")
        #expect(loggedTimes.values.allSatisfy { $0 == 1 }, "a prediction logged twice")
        #expect(try directory.read(logs[0]).components(separatedBy: "timestamp,").count == 2, "one header after the restart")
    }

    @Test func modelsUseOnTheSharedRegistry_ReachesEveryReplica() throws {
        let directory = try TrainedModel.directory()
        defer { directory.cleanUp() }
        let original = try TrainedModel.currentVersion(in: directory)
        for arguments in [["generate", "--days", "60"], ["etl"], ["train", "--trees", "3", "--seed", "7"]] {
            let result = try ForecastBinary.run(arguments, in: directory.url)
            #expect(result.status == 0, "\(result.stderr)")
        }
        let replicas = try (1...2).map { try ServerProcess(in: directory.url, arguments: ["--quiet", "--log", "data/log-\($0).csv"]) }
        defer { replicas.forEach { $0.stop() } }
        let newer = try TrainedModel.currentVersion(in: directory)
        #expect(newer != original)
        for replica in replicas {
            let health = try RawHTTPClient(port: replica.port).exchange("GET", "/health")
            #expect(try health.json()["model_version"] as? String == newer)
        }
        let used = try ForecastBinary.run(["models", "use", original], in: directory.url)
        #expect(used.status == 0, "\(used.stderr)")
        for replica in replicas {
            #expect(try ServerProcess.eventually {
                let health = try RawHTTPClient(port: replica.port).exchange("GET", "/health")
                return try health.json()["model_version"] as? String == original
            }, "replica on port \(replica.port) still serves the newer version")
        }
    }
}
