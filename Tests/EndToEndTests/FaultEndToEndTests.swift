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
