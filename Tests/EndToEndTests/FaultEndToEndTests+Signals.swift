import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

extension FaultEndToEndTests {
    /// Signal and model messages go through the same non-blocking queue as the access lines:
    /// with stderr a full pipe nobody reads, SIGHUP still reloads without stalling anything and
    /// SIGTERM still stops the server (it used to block for ever writing "shutting down").
    @Test func signalsAreHandledWhileStderrIsAFullUnreadPipe() throws {
        let directory = try TrainedModel.directory()
        defer { directory.cleanUp() }
        let server = try ServerProcess(in: directory.url, unreadStderr: true)
        defer { server.stop() }
        let client = try RawHTTPClient(port: server.port, timeout: 5)
        // 15,000 access lines of ~28 bytes: over the pipe's 64 KiB and the queue's 256 KiB, so the
        // pipe is full and the queue drops lines.
        let batch = String(repeating: RawHTTPClient.request("HEAD", "/openapi.json"), count: 100)
        for _ in 0..<150 {
            try client.send(batch)
            for _ in 0..<100 { _ = try client.readResponse(head: true) }
        }
        #expect(try ServerProcess.eventually(timeout: 3) {
            (try FaultEndToEndTests.metric("http_access_log_dropped_lines_total", port: server.port) ?? 0) > 0
        }, "the pipe and the queue are full")
        let reloadsBefore = try FaultEndToEndTests.metric("forecast_model_reloads_total", port: server.port)
        server.send(SIGHUP)
        // The forced reload runs on the maintenance thread, which reports it on stderr.
        #expect(try ServerProcess.eventually(timeout: 5) {
            try FaultEndToEndTests.metric("forecast_model_reloads_total", port: server.port) != reloadsBefore
        }, "SIGHUP reloaded the model")
        let prediction = try RawHTTPClient(port: server.port).exchange("POST", "/predict", json: "{\"ca_total\": 15000, \"nb_commandes\": 320}")
        #expect(prediction.status == 200)
        server.send(SIGHUP)
        #expect(try RawHTTPClient(port: server.port).exchange("GET", "/health").status == 200)
        server.send(SIGTERM)
        // Shutdown waits a second at most for each queue a gone reader cannot empty.
        #expect(server.waitForExit(timeout: 8) == 0, "SIGTERM stops the server although stderr is blocked")
        let log = try LogFileContents(directory.url.appendingPathComponent("data/predictions_log.csv"))
        #expect(log.lines.count == 1)
    }
}
