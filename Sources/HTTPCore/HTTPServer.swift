import Dispatch
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// An HTTP/1.1 server: one event loop per core, each on its own thread and `SO_REUSEPORT` listener.
///
/// `start()` binds every listener before returning (so the port is known and the kernel already
/// queues connections), then starts the loops. `stop()` may be called from any thread (a signal
/// watcher): loops stop accepting, finish the requests in flight, close, and `waitUntilStopped()`
/// returns.
public final class HTTPServer: Sendable {
    private struct State {
        var wakeDescriptors: [Int32] = []
        var port: Int?
    }

    private let shared: ServerShared
    private let makeResponder: @Sendable (Int) -> any RequestResponder
    private let state = Mutex(State())
    private let finished = DispatchSemaphore(value: 0)

    /// A server that asks `makeResponder(loopIndex)` for each loop's responder, on that loop's thread.
    public init(
        configuration: ServerConfiguration, metrics: ServerMetrics? = nil,
        makeResponder: @escaping @Sendable (Int) -> any RequestResponder
    ) {
        self.shared = ServerShared(
            configuration: configuration, metrics: metrics ?? ServerMetrics(loops: configuration.eventLoops)
        )
        self.makeResponder = makeResponder
    }

    /// The request and connection counters.
    public var metrics: ServerMetrics { shared.metrics }

    /// The bound port once started.
    public var port: Int? { state.withLock { $0.port } }

    /// Binds, listens and starts the loops; returns the bound port.
    @discardableResult
    public func start() throws(SocketError) -> Int {
        let configuration = shared.configuration
        var listeners: [Int32] = []
        var wakes: [Int32] = []
        var epolls: [Epoll] = []
        do {
            let first = try Socket.makeListener(
                host: configuration.host, port: configuration.port, reusePort: true, backlog: configuration.backlog
            )
            listeners.append(first)
            let port = try Socket.localPort(first)
            for _ in 1..<configuration.eventLoops {
                listeners.append(try Socket.makeListener(
                    host: configuration.host, port: port, reusePort: true, backlog: configuration.backlog
                ))
            }
            for _ in 0..<configuration.eventLoops {
                wakes.append(try Epoll.makeEventFD())
                epolls.append(try Epoll())
            }
            state.withLock {
                $0.port = port
                $0.wakeDescriptors = wakes
            }
        } catch {
            for descriptor in listeners + wakes + epolls.map(\.descriptor) { Socket.close(descriptor) }
            throw error
        }
        for index in 0..<configuration.eventLoops {
            let listener = listeners[index]
            let wake = wakes[index]
            let epoll = epolls[index]
            let shared = self.shared
            let makeResponder = self.makeResponder
            let finished = self.finished
            let thread = Thread {
                defer { finished.signal() }
                // The responder is made here, on the loop's own thread, and never leaves it.
                let loop = EventLoop(
                    index: index, epoll: epoll, listener: listener, wakeDescriptor: wake, shared: shared,
                    responder: makeResponder(index)
                )
                loop.run()
            }
            thread.name = "http-loop-\(index)"
            thread.start()
        }
        return state.withLock { $0.port ?? 0 }
    }

    /// Asks every loop to stop accepting and drain; returns at once.
    public func stop() {
        shared.stopping.store(true, ordering: .relaxed)
        for descriptor in state.withLock({ $0.wakeDescriptors }) {
            var one: UInt64 = 1
            _ = write(descriptor, &one, 8)
        }
    }

    /// Blocks until every loop has drained and exited.
    public func waitUntilStopped() {
        for _ in 0..<shared.configuration.eventLoops { finished.wait() }
        shared.accessLogWriter.drain(timeout: 1)
        for descriptor in state.withLock({ $0.wakeDescriptors }) { Socket.close(descriptor) }
    }

    /// Cores this process may run on (its CPU affinity), at least 1.
    public static func availableCores() -> Int {
        max(1, ProcessInfo.processInfo.activeProcessorCount)
    }
}
