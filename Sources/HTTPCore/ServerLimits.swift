/// Every limit and timeout the server enforces, in one value with defaults.
///
/// Together they bound what one client can hold: bytes (head, body), time (a whole request must
/// arrive within `requestTimeout`, so a slowloris client trickling bytes is cut off), and slots
/// (`maxConnections`; at the cap the least recently active idle connection is evicted for the
/// newcomer, so idle or slow sockets cannot lock real clients out).
public struct ServerLimits: Sendable, Equatable {
    /// Request line plus headers, in bytes. 8 KiB, the default of nginx's
    /// `large_client_header_buffers` line size and far above what our clients send. Over it: 431.
    public var maxHeaderBytes = 8 * 1024
    /// Header fields per request (100, as many servers allow). Over it: 431.
    public var maxHeaderCount = 100
    /// Body bytes, checked from Content-Length before reading. 1 MiB holds a 1,000-item batch
    /// many times over. Over it: 413.
    public var maxBodyBytes = 1 << 20
    /// Open connections across all event loops.
    public var maxConnections = 1024
    /// Seconds from a request's first byte to its last; past it: 408 and close.
    public var requestTimeout = 10.0
    /// Seconds a keep-alive connection may sit idle between requests.
    public var idleTimeout = 30.0
    /// Seconds a pending response may wait for the client to read it.
    public var writeTimeout = 10.0
    /// Seconds to drain a closing connection after our last response (lingering close).
    public var lingerTimeout = 1.0
    /// Seconds SIGTERM waits for in-flight requests before closing what is left.
    public var shutdownGrace = 10.0

    /// The defaults above.
    public init() {}
}
