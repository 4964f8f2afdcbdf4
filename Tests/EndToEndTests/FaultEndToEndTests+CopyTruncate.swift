import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

extension FaultEndToEndTests {
    /// logrotate's `copytruncate`: the log is copied, then truncated to 0 bytes in place (same
    /// file). The server puts it back behind its header within a tick; every 200 is in one of
    /// the two files, each with its header, and plot and accuracy read them.
    @Test func logTruncatedInPlaceUnderLoad_GetsItsHeaderBack_EveryLineKept() throws {
        let directory = try TrainedModel.directory()
        defer { directory.cleanUp() }
        let server = try ServerProcess(in: directory.url)
        defer { server.stop() }
        let logURL = directory.url.appendingPathComponent("data/predictions_log.csv")
        let copyURL = directory.url.appendingPathComponent("data/predictions_log.csv.1")
        let header = try LogFileContents(logURL).header + "\n"
        let client = try RawHTTPClient(port: server.port)
        var answered200 = 0
        var truncated = false
        var repairedAt: Int?
        let deadline = Date().addingTimeInterval(10)
        for index in 0..<1_000_000 where Date() < deadline {
            if try client.exchange("POST", "/predict", json: FaultEndToEndTests.prediction).status == 200 { answered200 += 1 }
            if index == 50 {
                try FileManager.default.copyItem(at: logURL, to: copyURL)
                #expect(truncate(logURL.path, 0) == 0)
                truncated = true
                continue
            }
            if truncated, repairedAt == nil, (try String(contentsOf: logURL, encoding: .utf8)).hasPrefix(header) { repairedAt = index }
            if let repairedAt, index > repairedAt + 50 { break }
        }
        let repaired = try #require(repairedAt, "the truncated log never got its header back")
        #expect(repaired > 50)
        let copy = try LogFileContents(copyURL)
        #expect(copy.lines.count == 51)
        // A line that reached the truncated file as it was replaced is moved over on the next tick.
        var logged = 0
        #expect(try ServerProcess.eventually(timeout: 5) {
            logged = copy.lines.count + (try LogFileContents(logURL)).lines.count
            return logged == answered200
        }, "every 200 has its line, under a header: \(logged) of \(answered200)")
        #expect(ServerProcess.eventually { server.stderr.contains("prediction log truncated in place (copytruncate)") })

        let logs = ["--log", "data/predictions_log.csv.1", "--log", "data/predictions_log.csv"]
        let plot = try ForecastBinary.run(["plot"] + logs, in: directory.url)
        #expect(plot.status == 0, "\(plot.stderr)")
        let digits = plot.stderr.replacingOccurrences(of: ",", with: "")
        #expect(digits.contains("read \(answered200) predictions from 2 log files"), "\(plot.stderr)")
        let accuracy = try ForecastBinary.run(["accuracy", "--json"] + logs, in: directory.url)
        #expect(accuracy.status == 0, "\(accuracy.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(accuracy.stdout.utf8)) as? [String: Any])
        #expect((report["unscored"] as? [String: Any])?["malformed_lines"] as? Int == 0)
    }
}
