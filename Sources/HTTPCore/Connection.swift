/// One client connection's state inside its event loop: buffered input, pending output, timers.
///
/// Owned by exactly one loop and touched only on its thread. Times are monotonic nanoseconds.
final class Connection {
    /// Where the connection is in its life.
    enum Phase {
        /// Reading requests and answering them.
        case open
        /// Our last response is out and the write side shut; reading and discarding what the
        /// client still sends until EOF or the linger timeout (RFC 9112 §9.6).
        case lingering(since: Int)
    }

    let descriptor: Int32
    var phase: Phase = .open
    /// Bytes received but not yet consumed by a whole request (a partial or pipelined request).
    var inbox: [UInt8] = []
    /// Encoded bytes the socket would not take yet. (Unchecked exclusivity, like the loop's
    /// per-request properties: see `EventLoop`.)
    @exclusivity(unchecked) var outbox: [UInt8] = []
    @exclusivity(unchecked) var outboxOffset = 0
    /// Last time bytes moved either way: the idle timer and eviction order.
    var lastActivity: Int
    /// When the first byte of the request being received arrived; nil between requests.
    var requestStartedAt: Int?
    /// When output started waiting for the client to read it.
    var writeBlockedSince: Int?
    /// `100 Continue` already sent for the request being received.
    var sentContinue = false
    /// Close (lingering) once the outbox is flushed.
    var closeAfterFlush = false
    /// Whether epoll currently watches for writability.
    var watchingWrites = false
    /// Whether the outbox waits in the loop's send queue (sent at the end of the epoll batch).
    @exclusivity(unchecked) var queued = false

    init(descriptor: Int32, now: Int) {
        self.descriptor = descriptor
        self.lastActivity = now
    }

    /// True while output is pending.
    var hasPendingOutput: Bool { outboxOffset < outbox.count }

    /// True when nothing is in progress: no partial request, no pending output, not closing.
    var isIdle: Bool {
        if case .lingering = phase { return false }
        return inbox.isEmpty && !hasPendingOutput
    }
}
