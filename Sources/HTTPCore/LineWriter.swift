import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Hands whole-line chunks to a thread of its own that writes them to a descriptor (stderr), so
/// the event loops never block on it.
///
/// A parent that never reads our stderr pipe used to stall every loop once the pipe's 64 KiB
/// filled. Now only this thread blocks; the loops append to a queue bounded by `capacity` bytes,
/// and a chunk that does not fit is dropped and its lines counted (`droppedLines`, shown by
/// `/metrics`). Each chunk is one `write` of at most `PIPE_BUF` bytes of whole lines, so lines
/// from different loops (and other writers of stderr) never interleave mid-line.
public final class LineWriter: Sendable {
    /// Bytes queued at most: about 8,000 access lines, a few seconds of a stalled reader at load.
    public static let defaultCapacity = 256 * 1024

    private struct Queue {
        var chunks: [[UInt8]] = []
        var bytes = 0
        var writing = false
    }

    private let descriptor: Int32
    private let capacity: Int
    private let queue = Mutex(Queue())
    private let wake = DispatchSemaphore(value: 0)
    private let dropped = Atomic<Int>(0)
    private let started = Atomic<Bool>(false)

    /// A writer to `descriptor`; its thread starts with the first chunk.
    public init(descriptor: Int32 = STDERR_FILENO, capacity: Int = LineWriter.defaultCapacity) {
        self.descriptor = descriptor
        self.capacity = capacity
    }

    /// Lines dropped because the queue was full (the reader is not reading).
    public var droppedLines: Int { dropped.load(ordering: .relaxed) }

    /// Queues `chunk` (whole lines, `lines` of them) unless that would pass the capacity;
    /// never blocks. Whether it was queued.
    @discardableResult
    public func submit(_ chunk: [UInt8], lines: Int) -> Bool {
        guard !chunk.isEmpty else { return true }
        let queued = queue.withLock { queue -> Bool in
            guard queue.bytes + chunk.count <= capacity else { return false }
            queue.chunks.append(chunk)
            queue.bytes += chunk.count
            return true
        }
        guard queued else {
            dropped.wrappingAdd(lines, ordering: .relaxed)
            return false
        }
        if !started.exchange(true, ordering: .relaxed) { startThread() }
        wake.signal()
        return true
    }

    /// Queues one message line (a newline is added); never blocks, dropped and counted like an
    /// access line when the queue is full. For the server's operator messages (signals, model
    /// events), so that no thread of a serving process ever waits on stderr.
    @discardableResult
    public func submit(line: String) -> Bool {
        submit(Array((line + "\n").utf8), lines: 1)
    }

    /// Waits up to `timeout` seconds for the queue to be written out (shutdown): a reader that
    /// is gone cannot hold the exit longer than that.
    public func drain(timeout: Double) {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if queue.withLock({ $0.chunks.isEmpty && !$0.writing }) { return }
            usleep(5_000)
        }
    }

    private func startThread() {
        // Detached on purpose: blocked on a pipe nobody reads, it must not keep the process alive.
        let thread = Thread { [self] in
            while true {
                wake.wait()
                while let chunks = takeChunks() {
                    for chunk in chunks {
                        writeAll(chunk)
                        // Counted until written, so a stalled reader holds at most `capacity`.
                        queue.withLock { $0.bytes -= chunk.count }
                    }
                    queue.withLock { $0.writing = false }
                }
            }
        }
        thread.name = "stderr-writer"
        thread.start()
    }

    /// Every queued chunk, oldest first; nil when there is none.
    private func takeChunks() -> [[UInt8]]? {
        queue.withLock { queue -> [[UInt8]]? in
            guard !queue.chunks.isEmpty else { return nil }
            queue.writing = true
            defer { queue.chunks = [] }
            return queue.chunks
        }
    }

    private func writeAll(_ chunk: [UInt8]) {
        chunk.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let written = write(descriptor, raw.baseAddress! + offset, raw.count - offset)
                if written < 0 && errno == EINTR { continue }
                if written <= 0 { return }  // stderr closed: the access log is best effort
                offset += written
            }
        }
    }
}
