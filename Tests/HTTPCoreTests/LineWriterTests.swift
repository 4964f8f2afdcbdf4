import Foundation
import Testing
@testable import HTTPCore

/// The access log's writer: never blocks the submitter, drops and counts what does not fit.
struct LineWriterTests {
    @Test func aReaderThatNeverReadsCostsDroppedLinesNotABlockedCaller() throws {
        var ends: [Int32] = [0, 0]
        // Both ends stay open for the rest of the run: the writer's thread stays blocked on the
        // full pipe, and closing either end under it would send it SIGPIPE or reuse its number.
        #expect(pipe(&ends) == 0)
        let writer = LineWriter(descriptor: ends[1], capacity: 64 * 1024)
        let line = Array("GET /health 200 12us\n".utf8)
        let chunk = Array(repeating: line, count: 100).flatMap { $0 }  // 2,100 bytes, 100 lines
        let started = Date()
        var queued = 0
        // 2,000 chunks (4 MB): far more than the pipe (64 KiB) and the queue (64 KiB) hold.
        for _ in 0..<2000 where writer.submit(chunk, lines: 100) { queued += 1 }
        #expect(Date().timeIntervalSince(started) < 5, "submit must never wait for the reader")
        #expect(queued < 2000)
        #expect(writer.droppedLines == (2000 - queued) * 100)
    }

    @Test func whatIsQueuedArrivesInOrderAsWholeLines() throws {
        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        defer { close(ends[0]) }
        let writer = LineWriter(descriptor: ends[1])
        var expected: [UInt8] = []
        for index in 0..<200 {
            let chunk = Array("line \(index)\n".utf8)
            expected += chunk
            #expect(writer.submit(chunk, lines: 1))
        }
        writer.drain(timeout: 5)
        close(ends[1])
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = read(ends[0], &buffer, buffer.count)
            if count <= 0 { break }
            received += buffer[..<count]
        }
        #expect(received == expected)
        #expect(writer.droppedLines == 0)
    }
}
