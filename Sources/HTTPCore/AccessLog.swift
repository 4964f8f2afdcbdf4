#if canImport(Glibc)
import Glibc
#endif

/// One event loop's access log: `METHOD PATH STATUS MICROSus REQUEST_ID` lines, buffered, handed to the
/// server's `LineWriter` (stderr).
///
/// Buffered so a request does not cost a lock: the loop flushes when the next line would not
/// fit in `PIPE_BUF` (4096) bytes, and at the latest `flushInterval` after the first buffered
/// line. Each flush is one chunk of whole lines of at most `PIPE_BUF` bytes, written with one
/// `write`, which POSIX makes atomic on a pipe, so the loops' lines never interleave mid-line.
/// Flushing never blocks: the writer's own thread does the `write`.
struct AccessLog {
    static let flushInterval = 100_000_000  // ns: lines reach stderr within 0.1 s
    private static let capacity = 4096
    private let writer: LineWriter
    private let enabled: Bool
    private var buffer: [UInt8] = []
    private var lines = 0
    private var firstLineAt = 0

    init(writer: LineWriter, enabled: Bool) {
        self.writer = writer
        self.enabled = enabled
        buffer.reserveCapacity(AccessLog.capacity)
    }

    /// Whether lines are waiting (the loop then wakes in time to flush them).
    var isPending: Bool { !buffer.isEmpty }

    /// When the pending lines must be out, in monotonic nanoseconds.
    var deadline: Int { firstLineAt + AccessLog.flushInterval }

    /// Buffers one line.
    mutating func record(method: String, path: String, status: Int, micros: Int, requestID: String, now: Int) {
        guard enabled else { return }
        let length = method.utf8.count + path.utf8.count + requestID.utf8.count + 32
        if buffer.count + length > AccessLog.capacity { flush() }
        if buffer.isEmpty { firstLineAt = now }
        buffer.appendUTF8(method)
        buffer.append(0x20)
        // A path longer than the whole buffer is cut: the line must fit in one atomic write.
        buffer.append(contentsOf: path.utf8.prefix(AccessLog.capacity - 64))
        buffer.append(0x20)
        ResponseEncoder.appendDecimal(status, to: &buffer)
        buffer.append(0x20)
        ResponseEncoder.appendDecimal(micros, to: &buffer)
        buffer.appendLiteral("us ")
        buffer.appendUTF8(requestID)
        buffer.append(0x0A)
        lines += 1
    }

    /// Hands the pending lines to the writer (dropped and counted there if its queue is full).
    mutating func flush() {
        guard !buffer.isEmpty else { return }
        writer.submit(buffer, lines: lines)
        buffer.removeAll(keepingCapacity: true)
        lines = 0
    }
}
