/// Where and how a server listens: address, number of event loops, limits.
public struct ServerConfiguration: Sendable {
    /// Numeric IPv4 or IPv6 address to bind.
    public var host: String
    /// Port to bind; 0 takes a free one (read it back from `HTTPServer.port`).
    public var port: Int
    /// Event loops, one thread each, each with its own `SO_REUSEPORT` listener. One per core:
    /// more threads than cores only adds context switches.
    public var eventLoops: Int
    /// Limits and timeouts.
    public var limits: ServerLimits
    /// Listen backlog (pending connections the kernel queues per listener).
    public var backlog: Int32 = 1024
    /// Whether to write one access line per request to stderr.
    public var accessLog: Bool = true
    /// Whether a loop sends the responses of one epoll batch with one system call (`SendRing`,
    /// Linux io_uring) where the kernel offers it; false, or where it does not, one `send` each.
    public var batchedSends: Bool = true

    /// A configuration; `eventLoops` defaults to the number of cores.
    public init(host: String = "127.0.0.1", port: Int = 8000, eventLoops: Int? = nil, limits: ServerLimits = ServerLimits()) {
        self.host = host
        self.port = port
        self.eventLoops = max(1, eventLoops ?? HTTPServer.availableCores())
        self.limits = limits
    }
}
