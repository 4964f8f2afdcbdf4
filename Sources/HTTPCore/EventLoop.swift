import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// State every event loop of one server shares: configuration, metrics, the stop flag.
final class ServerShared: Sendable {
    let configuration: ServerConfiguration
    let metrics: ServerMetrics
    let stopping = Atomic<Bool>(false)
    /// Where every loop's access lines go (stderr, written off the loops' threads).
    let accessLogWriter: LineWriter

    init(configuration: ServerConfiguration, metrics: ServerMetrics) {
        self.configuration = configuration
        self.metrics = metrics
        self.accessLogWriter = metrics.accessLogWriter
    }
}

/// One thread's epoll loop: accepts on its own `SO_REUSEPORT` listener, reads, decodes,
/// answers and writes for every connection it accepted, and enforces the timeouts.
///
/// Nothing here is shared with other loops except `ServerShared` (atomics), so the hot path takes
/// no lock. Level-triggered epoll: a connection with output pending stops being watched for
/// input until the client has read it (backpressure against pipelining floods).
///
/// Dynamic exclusivity checks: Swift checks at run time that no two accesses to a class's stored
/// property overlap when one of them writes, about 80 instructions an access with the thread-
/// local lookups. The properties marked `@exclusivity(unchecked)` are the ones every request
/// touches; each is used only on this loop's thread, and only by accesses that end before any
/// other code runs (no closure or callback is reached while one is open: `output.withUnsafeBytes`
/// only calls `send`, `encode(into: &output)` only writes bytes), so no access can overlap and
/// the check could never fire. Together they were some 1,500 instructions of a `/predict`. The
/// connection's `inbox` stays checked: the decoder reads it inside a closure that answers
/// requests.
final class EventLoop {
    static let eventCapacity: Int32 = 256
    static let readChunk = 64 * 1024
    /// Room for the outboxes of one ring submission; a larger outbox is sent with `send`.
    static let sendStagingBytes = 64 * 1024
    static let sweepInterval = 250_000_000  // ns between timeout sweeps
    /// Response bytes one connection may have waiting before its further pipelined requests
    /// are held back (memory per connection stays bounded whatever the client sends).
    static let pendingOutputLimit = 256 * 1024

    let index: Int
    let shared: ServerShared
    let limits: ServerLimits
    let epoll: Epoll
    var listener: Int32?
    let wakeDescriptor: Int32
    let responder: any RequestResponder
    let decoder: RequestDecoder
    var connections: [Connection?] = []
    var connectionCount = 0
    /// Responses of one read, encoded back to back and sent with one `send`.
    @exclusivity(unchecked) var output: [UInt8] = []
    /// Connections whose outbox is sent at the end of the current epoll batch.
    @exclusivity(unchecked) var sendQueue: [Connection] = []
    /// The connections being sent now (`flushSendQueue`), while new ones queue in `sendQueue`.
    @exclusivity(unchecked) var sending: [Connection] = []
    /// Answers waiting for the responder's commit before they may be sent (`EventLoop+Commit`).
    @exclusivity(unchecked) var uncommitted: [UncommittedAnswer] = []
    /// `uncommitted[uncommittedInOutput...]` still sit in `output`, not yet in an outbox.
    @exclusivity(unchecked) var uncommittedInOutput = 0
    var date = HTTPDate()
    var accessLog: AccessLog
    /// Makes the ids of requests that bring none.
    @exclusivity(unchecked) var requestIDs: RequestIDGenerator
    @exclusivity(unchecked) var now = MonotonicClock.nanoseconds()
    var drainDeadline: Int?
    /// True while the listener is out of the epoll set after running out of descriptors.
    var acceptPaused = false
    let scratch = UnsafeMutableRawPointer.allocate(byteCount: EventLoop.readChunk, alignment: 16)
    /// Sends a batch's responses in one system call; nil where io_uring is not offered, not
    /// configured, or failed once (`EventLoop+Send`).
    var sendRing: SendRing?
    /// The outboxes handed to `sendRing`, copied back to back (the ring needs their bytes to
    /// stay put until it returns, which a Swift array's pointer is not promised to do).
    let sendStaging = UnsafeMutableRawBufferPointer.allocate(byteCount: EventLoop.sendStagingBytes, alignment: 16)
    /// Each `sending` connection's result from the ring; nil: not sent, use `send`.
    @exclusivity(unchecked) var sendResults: [Socket.IOResult?] = []

    init(index: Int, epoll: Epoll, listener: Int32, wakeDescriptor: Int32, shared: ServerShared, responder: any RequestResponder) {
        self.index = index
        self.shared = shared
        self.limits = shared.configuration.limits
        self.epoll = epoll
        self.listener = listener
        self.wakeDescriptor = wakeDescriptor
        self.responder = responder
        self.decoder = RequestDecoder(limits: shared.configuration.limits)
        self.accessLog = AccessLog(writer: shared.accessLogWriter, enabled: shared.configuration.accessLog)
        self.requestIDs = RequestIDGenerator(loop: index)
        self.sendRing = shared.configuration.batchedSends ? SendRing() : nil
        output.reserveCapacity(16 * 1024)
        epoll.control(Epoll.add, listener, events: Epoll.input)
        epoll.control(Epoll.add, wakeDescriptor, events: Epoll.input)
    }

    deinit {
        scratch.deallocate()
        sendStaging.deallocate()
        Socket.close(epoll.descriptor)
    }

    /// Serves until `stop()` is called and the connections have drained.
    func run() {
        let events = UnsafeMutableRawPointer.allocate(byteCount: Int(EventLoop.eventCapacity) * Epoll.eventSize, alignment: 8)
        defer { events.deallocate() }
        var nextSweep = now + EventLoop.sweepInterval
        while true {
            let count = epoll.wait(into: events, capacity: EventLoop.eventCapacity, timeoutMilliseconds: waitTimeout(nextSweep))
            now = MonotonicClock.nanoseconds()
            date.refresh()
            for position in 0..<count {
                let (descriptor, flags) = Epoll.event(events, position)
                if descriptor == listener {
                    acceptConnections()
                } else if descriptor == wakeDescriptor {
                    var value: UInt64 = 0
                    _ = read(wakeDescriptor, &value, 8)
                } else if let connection = connection(for: descriptor) {
                    handle(connection, flags: flags)
                }
            }
            flushSendQueue()
            if drainDeadline == nil && shared.stopping.load(ordering: .relaxed) {
                beginDrain()
                flushSendQueue()
            }
            if now >= nextSweep {
                if acceptPaused, let listener {
                    acceptPaused = false
                    epoll.control(Epoll.add, listener, events: Epoll.input)
                }
                sweep()
                nextSweep = now + EventLoop.sweepInterval
            }
            if accessLog.isPending && (now >= accessLog.deadline || count == 0) { accessLog.flush() }
            if let deadline = drainDeadline, connectionCount == 0 || now >= deadline { break }
        }
        for case let connection? in connections { close(connection) }
        accessLog.flush()
    }

    /// Milliseconds epoll may sleep: until the next sweep, or sooner to flush the access log.
    private func waitTimeout(_ nextSweep: Int) -> Int32 {
        var wakeAt = nextSweep
        if accessLog.isPending { wakeAt = min(wakeAt, accessLog.deadline) }
        let milliseconds = (wakeAt - MonotonicClock.nanoseconds()) / 1_000_000
        return Int32(max(0, min(milliseconds + 1, 1000)))
    }

    private func connection(for descriptor: Int32) -> Connection? {
        Int(descriptor) < connections.count ? connections[Int(descriptor)] : nil
    }

    // MARK: - Accepting

    private func acceptConnections() {
        guard let listener else { return }
        let metrics = shared.metrics
        // A bounded batch per wake-up keeps accepting fair to clients already connected.
        for _ in 0..<64 {
            let descriptor: Int32
            switch Socket.accept(listener) {
            case let .connection(accepted):
                descriptor = accepted
            case .none:
                return
            case .outOfDescriptors:
                // Stop watching the listener until the next sweep (≤ 0.25 s) instead of spinning
                // on a listener that stays readable; closing connections frees descriptors.
                epoll.control(Epoll.delete, listener, events: 0)
                acceptPaused = true
                return
            }
            metrics.shards[index].accepted.add()
            let open = metrics.openConnections.wrappingAdd(1, ordering: .relaxed).newValue
            if open > limits.maxConnections && !evictOne() {
                // Full of busy connections: refuse this one rather than let it wait unserved.
                var refusal: [UInt8] = []
                ResponseEncoder.encode(
                    HTTPError.serviceUnavailable(code: "too_many_connections", message: "the server is at its connection limit; retry shortly").response,
                    omitBody: false, keepAlive: false, date: date.bytes, requestID: requestIDs.next(), into: &refusal
                )
                refusal.withUnsafeBytes { _ = Socket.send(descriptor, $0.baseAddress!, count: $0.count) }
                Socket.close(descriptor)
                metrics.openConnections.wrappingSubtract(1, ordering: .relaxed)
                continue
            }
            Socket.setNoDelay(descriptor)
            let slot = Int(descriptor)
            if slot >= connections.count {
                connections.append(contentsOf: repeatElement(nil, count: slot - connections.count + 64))
            }
            connections[slot] = Connection(descriptor: descriptor, now: now)
            connectionCount += 1
            epoll.control(Epoll.add, descriptor, events: Epoll.input)
        }
    }

    /// At the connection cap, closes this loop's connection that has waited longest without
    /// finishing a request (a slow or idle client) to make room; false when none qualifies.
    private func evictOne() -> Bool {
        var victim: Connection?
        var oldest = Int.max
        for case let connection? in connections where !connection.hasPendingOutput {
            if case .lingering = connection.phase {
                victim = connection
                break
            }
            let since = connection.requestStartedAt ?? connection.lastActivity
            if since < oldest {
                oldest = since
                victim = connection
            }
        }
        guard let victim else { return false }
        shared.metrics.shards[index].evicted.add()
        close(victim)
        return true
    }

    // MARK: - Timeouts and shutdown

    /// Applies the request, idle, write and linger timeouts (`ServerLimits`).
    private func sweep() {
        let request = Int(limits.requestTimeout * 1e9)
        let idle = Int(limits.idleTimeout * 1e9)
        let write = Int(limits.writeTimeout * 1e9)
        let linger = Int(limits.lingerTimeout * 1e9)
        for case let connection? in connections {
            if case let .lingering(since) = connection.phase {
                if now - since > linger { close(connection) }
                continue
            }
            if let blocked = connection.writeBlockedSince {
                if now - blocked > write {
                    shared.metrics.shards[index].timedOut.add()
                    close(connection)
                }
            } else if let started = connection.requestStartedAt, now - started > request {
                shared.metrics.shards[index].timedOut.add()
                answerError(.requestTimeout, on: connection)
            } else if connection.isIdle && (now - connection.lastActivity > idle || drainDeadline != nil) {
                if drainDeadline == nil { shared.metrics.shards[index].timedOut.add() }
                close(connection)
            }
        }
    }

    /// Stops accepting and closes idle connections; busy ones finish and then close.
    private func beginDrain() {
        drainDeadline = now + Int(limits.shutdownGrace * 1e9)
        if let listener {
            if !acceptPaused { epoll.control(Epoll.delete, listener, events: 0) }
            Socket.close(listener)
            self.listener = nil
        }
        for case let connection? in connections where connection.isIdle {
            // Bytes already in the kernel buffer are a request in flight: read them first.
            readAvailable(connection)
            if connections[Int(connection.descriptor)] === connection && connection.isIdle { close(connection) }
        }
    }

    /// Closes the socket and forgets the connection.
    func close(_ connection: Connection) {
        let slot = Int(connection.descriptor)
        guard slot < connections.count, connections[slot] === connection else { return }
        connections[slot] = nil
        connectionCount -= 1
        shared.metrics.openConnections.wrappingSubtract(1, ordering: .relaxed)
        Socket.close(connection.descriptor)  // closing also removes it from the epoll set
    }
}
