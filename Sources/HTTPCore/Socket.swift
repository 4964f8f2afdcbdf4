#if canImport(Glibc)
import Glibc
#endif

/// The only place in HTTPCore that calls the socket system calls.
///
/// Descriptors are plain `Int32`: the event loop owns their lifetime (one owner, closed once), and
/// a wrapper object per connection would cost an allocation and reference counting per accept.
/// Every socket is non-blocking and close-on-exec from birth (`SOCK_NONBLOCK | SOCK_CLOEXEC`).
public enum Socket {
    /// What one non-blocking read or write did.
    public enum IOResult: Equatable {
        /// This many bytes moved (always > 0).
        case bytes(Int)
        /// The kernel buffer is empty (read) or full (write): wait for epoll.
        case wouldBlock
        /// The peer closed its side (read returned 0) or reset the connection.
        case closed
    }

    /// A listening TCP socket on `host:port` (`port` 0 takes a free one).
    ///
    /// - Parameter reusePort: sets `SO_REUSEPORT` so each event loop can own a listener on the
    ///   same port and the kernel spreads connections between them (no shared accept lock).
    public static func makeListener(host: String, port: Int, reusePort: Bool, backlog: Int32) throws(SocketError) -> Int32 {
        guard (0...65535).contains(port) else { throw .invalidPort(port) }
        var address4 = sockaddr_in()
        var address6 = sockaddr_in6()
        let family: Int32
        if inet_pton(AF_INET, host, &address4.sin_addr) == 1 {
            family = AF_INET
            address4.sin_family = sa_family_t(AF_INET)
            address4.sin_port = in_port_t(UInt16(port).bigEndian)
        } else if inet_pton(AF_INET6, host, &address6.sin6_addr) == 1 {
            family = AF_INET6
            address6.sin6_family = sa_family_t(AF_INET6)
            address6.sin6_port = in_port_t(UInt16(port).bigEndian)
        } else {
            throw .invalidAddress(host)
        }
        let descriptor = socket(family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw .fromErrno("socket") }
        do throws(SocketError) {
            try setOption(descriptor, SOL_SOCKET, SO_REUSEADDR, "setsockopt(SO_REUSEADDR)")
            if reusePort { try setOption(descriptor, SOL_SOCKET, SO_REUSEPORT, "setsockopt(SO_REUSEPORT)") }
            let bound: Int32
            if family == AF_INET {
                bound = withUnsafePointer(to: &address4) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                        bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                    }
                }
            } else {
                bound = withUnsafePointer(to: &address6) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                        bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in6>.size))
                    }
                }
            }
            guard bound == 0 else { throw SocketError.fromErrno("bind") }
            guard listen(descriptor, backlog) == 0 else { throw SocketError.fromErrno("listen") }
        } catch {
            Glibc.close(descriptor)
            throw error
        }
        return descriptor
    }

    /// The port a bound socket actually got (the answer to `--port 0`).
    public static func localPort(_ descriptor: Int32) throws(SocketError) -> Int {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let result = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        guard result == 0 else { throw .fromErrno("getsockname") }
        return withUnsafePointer(to: &storage) { pointer -> Int in
            if Int32(pointer.pointee.ss_family) == AF_INET6 {
                return pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { Int(UInt16(bigEndian: $0.pointee.sin6_port)) }
            }
            return pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { Int(UInt16(bigEndian: $0.pointee.sin_port)) }
        }
    }

    /// What one `accept` found.
    public enum AcceptResult: Equatable {
        /// A new connection, non-blocking and close-on-exec.
        case connection(Int32)
        /// Nothing pending (or the peer gave up first): try again on the next readiness.
        case none
        /// The process or system is out of descriptors: the listener stays readable, so the
        /// caller must pause accepting rather than spin.
        case outOfDescriptors
    }

    /// Accepts one pending connection and makes it non-blocking and close-on-exec.
    ///
    /// (`accept4` would save the two `fcntl`s but is not in Swift's Glibc module; accepting is
    /// off the hot path with keep-alive.)
    public static func accept(_ listener: Int32) -> AcceptResult {
        let descriptor = Glibc.accept(listener, nil, nil)
        guard descriptor >= 0 else { return errno == EMFILE || errno == ENFILE ? .outOfDescriptors : .none }
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
        _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        return .connection(descriptor)
    }

    /// Disables Nagle's algorithm: a response sits in one segment and leaves at once instead of
    /// waiting up to ~40 ms for the peer's delayed ACK.
    public static func setNoDelay(_ descriptor: Int32) {
        var one: Int32 = 1
        _ = setsockopt(descriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
    }

    /// Reads up to `count` bytes into `buffer`. `recv` rather than `read`: on a socket it goes
    /// straight to the socket layer, without the file-position lock and VFS dispatch of `read`.
    public static func read(_ descriptor: Int32, into buffer: UnsafeMutableRawPointer, count: Int) -> IOResult {
        while true {
            let result = Glibc.recv(descriptor, buffer, count, 0)
            if result > 0 { return .bytes(result) }
            if result == 0 { return .closed }
            if errno == EINTR { continue }
            return errno == EAGAIN || errno == EWOULDBLOCK ? .wouldBlock : .closed
        }
    }

    /// Sends up to `count` bytes; `MSG_NOSIGNAL` so a vanished peer is an error, not SIGPIPE.
    public static func send(_ descriptor: Int32, _ buffer: UnsafeRawPointer, count: Int) -> IOResult {
        while true {
            let result = Glibc.send(descriptor, buffer, count, Int32(MSG_NOSIGNAL))
            if result > 0 { return .bytes(result) }
            if result == 0 { return .wouldBlock }
            if errno == EINTR { continue }
            return errno == EAGAIN || errno == EWOULDBLOCK ? .wouldBlock : .closed
        }
    }

    /// Half-closes: the peer reads EOF after our last response, while we can still drain what
    /// it sent (the lingering close of RFC 9112 §9.6, so our response is not lost to a reset).
    public static func shutdownWrite(_ descriptor: Int32) {
        _ = shutdown(descriptor, Int32(SHUT_WR))
    }

    /// Closes a descriptor the caller owns.
    public static func close(_ descriptor: Int32) {
        _ = Glibc.close(descriptor)
    }

    private static func setOption(_ descriptor: Int32, _ level: Int32, _ name: Int32, _ call: String) throws(SocketError) {
        var one: Int32 = 1
        guard setsockopt(descriptor, level, name, &one, socklen_t(MemoryLayout<Int32>.size)) == 0 else {
            throw .fromErrno(call)
        }
    }
}
