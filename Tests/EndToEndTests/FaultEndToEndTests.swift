import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Faults injected into a running `forecast serve`: a stderr nobody reads, a full disk, a log
/// rotated or deleted under it, a model file corrupted under it.
@Suite struct FaultEndToEndTests {
    /// The value of one `/metrics` sample (`name` with its labels, as printed).
    static func metric(_ name: String, port: Int) throws -> Int? {
        let text = try RawHTTPClient(port: port).exchange("GET", "/metrics").text
        let line = text.split(separator: "\n").first { $0.hasPrefix(name + " ") }
        return line.flatMap { Int($0.split(separator: " ").last ?? "") }
    }

    @Test func unreadStderrPipeNeverStallsServing_DroppedLinesAreCounted() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let server = try ServerProcess(in: directory.url, unreadStderr: true)
        defer { server.stop() }
        let client = try RawHTTPClient(port: server.port, timeout: 5)
        // 20,000 requests, 100 pipelined at a time: the unread pipe fills after about 2,000
        // access lines; before the fix every loop then blocked in `write`.
        // HEAD of a long path: lines long enough (~28 bytes) to overflow the pipe and the queue.
        let batch = String(repeating: RawHTTPClient.request("HEAD", "/openapi.json"), count: 100)
        var answered = 0
        for _ in 0..<200 {
            try client.send(batch)
            for _ in 0..<100 where try client.readResponse(head: true).status == 200 { answered += 1 }
        }
        #expect(answered == 20_000)
        var dropped = 0
        #expect(try ServerProcess.eventually(timeout: 3) {
            dropped = try FaultEndToEndTests.metric("http_access_log_dropped_lines_total", port: server.port) ?? 0
            return dropped > 0
        })
        #expect(dropped < 20_000, "lines that fit in the pipe and the queue are kept")
    }
}

/// A prediction log file read back: its header and data lines, every line checked to be whole
/// (as many fields as the header, newline-terminated).
struct LogFileContents {
    let header: String
    let lines: [String]

    init(_ url: URL) throws {
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(text.hasSuffix("\n"), "\(url.lastPathComponent) must end with a newline (no torn line)")
        var all = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if all.last == "" { all.removeLast() }
        header = all.first ?? ""
        lines = Array(all.dropFirst())
        let fields = header.split(separator: ",").count
        #expect(fields >= 5)
        for line in lines {
            #expect(line.split(separator: ",", omittingEmptySubsequences: false).count == fields, "torn line: \(line)")
        }
    }
}

extension FaultEndToEndTests {
    static let prediction = "{\"ca_total\": 15000, \"nb_commandes\": 320}"

    @Test func fullDiskAnswers503WithoutATornLine_ServingResumesWhenThereIsRoomAgain() throws {
        let directory = try TrainedModel.directory()
        defer { directory.cleanUp() }
        // A file size limit stands in for a full disk: writes past it fail with EFBIG.
        let server = try ServerProcess(in: directory.url, arguments: ["--quiet"], shellSetup: "ulimit -f 16")
        defer { server.stop() }
        let client = try RawHTTPClient(port: server.port)
        var answered200 = 0
        var refusal: RawHTTPClient.Response?
        for _ in 0..<2000 {
            let response = try client.exchange("POST", "/predict", json: FaultEndToEndTests.prediction)
            if response.status == 200 {
                answered200 += 1
            } else {
                refusal = response
                break
            }
        }
        let refused = try #require(refusal, "the log never filled")
        #expect(refused.status == 503)
        #expect(refused.errorCode == "log_unavailable")
        #expect(refused.text.contains("free space for it"))
        #expect(answered200 > 10)
        for _ in 0..<5 {
            #expect(try client.exchange("POST", "/predict", json: FaultEndToEndTests.prediction).status == 503)
        }
        let logURL = directory.url.appendingPathComponent("data/predictions_log.csv")
        let full = try LogFileContents(logURL)
        #expect(full.lines.count == answered200, "every 200 has its line, no line without a 200")

        // Room again: the full file is rotated away; the server opens a new one by itself.
        let rotatedURL = directory.url.appendingPathComponent("data/predictions_log.csv.1")
        try FileManager.default.moveItem(at: logURL, to: rotatedURL)
        var resumed = 0
        #expect(try ServerProcess.eventually(timeout: 5) {
            let status = try client.exchange("POST", "/predict", json: FaultEndToEndTests.prediction).status
            if status == 200 { resumed += 1 }
            return status == 200
        })
        #expect(try LogFileContents(rotatedURL).lines.count == answered200)
        let fresh = try LogFileContents(logURL)
        #expect(fresh.header == full.header)
        #expect(fresh.lines.count == resumed)
        #expect(ServerProcess.eventually { server.stderr.contains("prediction log rotated: new lines go to a new data/predictions_log.csv") })
    }

    @Test func logRenamedUnderLoadLosesNothing_NewFileHasItsHeader() throws {
        let directory = try TrainedModel.directory()
        defer { directory.cleanUp() }
        let server = try ServerProcess(in: directory.url, arguments: ["--quiet"])
        defer { server.stop() }
        let logURL = directory.url.appendingPathComponent("data/predictions_log.csv")
        let rotatedURL = directory.url.appendingPathComponent("data/predictions_log.csv.1")
        let client = try RawHTTPClient(port: server.port)
        var answered200 = 0
        var renamed = false
        var switchedAt: Int?
        // Predictions go on while the file is renamed (as logrotate does) until the server has
        // switched to a new file and a few more lines landed there.
        let deadline = Date().addingTimeInterval(10)
        for index in 0..<1_000_000 where Date() < deadline {
            if try client.exchange("POST", "/predict", json: FaultEndToEndTests.prediction).status == 200 { answered200 += 1 }
            if index == 50 {
                try FileManager.default.moveItem(at: logURL, to: rotatedURL)
                renamed = true
            }
            if renamed, switchedAt == nil, FileManager.default.fileExists(atPath: logURL.path) { switchedAt = index }
            if let switchedAt, index > switchedAt + 50 { break }
        }
        let switched = try #require(switchedAt, "no new log file appeared")
        #expect(switched > 50)
        let old = try LogFileContents(rotatedURL)
        let new = try LogFileContents(logURL)
        #expect(new.header == old.header)
        #expect(old.lines.count + new.lines.count == answered200, "a line written to the old file is still on disk")
        #expect(new.lines.count >= 50)
    }

    @Test func logDeletedThenSighupOpensANewFileWithItsHeader() throws {
        let directory = try TrainedModel.directory()
        defer { directory.cleanUp() }
        // A long poll interval would not matter: SIGHUP checks the log at once.
        let server = try ServerProcess(in: directory.url, arguments: ["--quiet"])
        defer { server.stop() }
        let client = try RawHTTPClient(port: server.port)
        #expect(try client.exchange("POST", "/predict", json: FaultEndToEndTests.prediction).status == 200)
        let logURL = directory.url.appendingPathComponent("data/predictions_log.csv")
        let header = try LogFileContents(logURL).header
        try FileManager.default.removeItem(at: logURL)
        server.send(SIGHUP)
        #expect(ServerProcess.eventually(timeout: 3) { FileManager.default.fileExists(atPath: logURL.path) })
        #expect(try client.exchange("POST", "/predict", json: FaultEndToEndTests.prediction).status == 200)
        let fresh = try LogFileContents(logURL)
        #expect(fresh.header == header)
        #expect(fresh.lines.count == 1)
    }
}

extension FaultEndToEndTests {
    @Test func currentModelFileTruncatedUnderTheServer_OldModelKeepsServing_OneWarning_HealthShowsIt() throws {
        let directory = try TrainedModel.directory()
        defer { directory.cleanUp() }
        let server = try ServerProcess(in: directory.url, arguments: ["--quiet"])
        defer { server.stop() }
        let version = try TrainedModel.currentVersion(in: directory)
        let modelURL = directory.url.appendingPathComponent("models/versions/\(version).json")
        let original = try Data(contentsOf: modelURL)
        // Replaced in place by a truncated copy, as a failed copy or a full disk would leave it.
        try original.prefix(original.count / 2).write(to: modelURL)
        let warning = "model reload failed, still serving \(version): cannot load the current model"
        #expect(ServerProcess.eventually(timeout: 5) { server.stderr.contains(warning) }, "\(server.stderr)")
        let health = try RawHTTPClient(port: server.port).exchange("GET", "/health")
        #expect(health.status == 200)
        #expect(try health.json()["model_version"] as? String == version)
        #expect((try health.json()["model_error"] as? String)?.contains("cannot load the current model") == true)
        #expect(try RawHTTPClient(port: server.port).exchange("POST", "/predict", json: FaultEndToEndTests.prediction).status == 200)
        // Polls go on; the same failure is not repeated every second.
        usleep(2_200_000)
        #expect(server.stderr.components(separatedBy: warning).count - 1 == 1)
        // The file restored: the error clears by itself.
        try original.write(to: modelURL)
        #expect(try ServerProcess.eventually(timeout: 5) {
            try RawHTTPClient(port: server.port).exchange("GET", "/health").json()["model_error"] == nil
        })
    }
}
