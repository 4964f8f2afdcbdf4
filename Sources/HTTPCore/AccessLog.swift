#if canImport(Glibc)
import Glibc
#endif

/// One event loop's access log: `METHOD PATH STATUS MICROSus` lines, buffered, written to stderr.
///
/// Buffered so a request does not cost a system call: the loop flushes when the next line
/// would not fit in `PIPE_BUF` (4096) bytes, and at the latest `flushInterval` after the first
/// buffered line. Each flush is one `write` of whole lines of at most `PIPE_BUF` bytes, which
/// POSIX makes atomic on a pipe, so the loops' lines never interleave mid-line.
struct AccessLog {
    static let flushInterval = 100_000_000  // ns: lines reach stderr within 0.1 s
    private static let capacity = 4096
    private let descriptor: Int32
    private let enabled: Bool
    private var buffer: [UInt8] = []
    private var firstLineAt = 0

    init(descriptor: Int32 = STDERR_FILENO, enabled: Bool) {
        self.descriptor = descriptor
        self.enabled = enabled
        buffer.reserveCapacity(AccessLog.capacity)
    }

    /// Whether lines are waiting (the loop then wakes in time to flush them).
    var isPending: Bool { !buffer.isEmpty }

    /// When the pending lines must be out, in monotonic nanoseconds.
    var deadline: Int { firstLineAt + AccessLog.flushInterval }

    /// Buffers one line.
    mutating func record(method: String, path: String, status: Int, micros: Int, now: Int) {
        guard enabled else { return }
        let length = method.utf8.count + path.utf8.count + 32
        if buffer.count + length > AccessLog.capacity { flush() }
        if buffer.isEmpty { firstLineAt = now }
        buffer.append(contentsOf: method.utf8)
        buffer.append(0x20)
        // A path longer than the whole buffer is cut: the line must fit in one atomic write.
        buffer.append(contentsOf: path.utf8.prefix(AccessLog.capacity - 64))
        buffer.append(0x20)
        ResponseEncoder.appendDecimal(status, to: &buffer)
        buffer.append(0x20)
        ResponseEncoder.appendDecimal(micros, to: &buffer)
        buffer.append(contentsOf: "us\n".utf8)
    }

    /// Writes the pending lines in one `write`.
    mutating func flush() {
        guard !buffer.isEmpty else { return }
        buffer.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let written = write(descriptor, raw.baseAddress! + offset, raw.count - offset)
                if written < 0 && errno == EINTR { continue }
                if written <= 0 { break }  // stderr closed: the access log is best effort
                offset += written
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
