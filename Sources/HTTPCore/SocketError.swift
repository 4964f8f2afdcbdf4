#if canImport(Glibc)
import Glibc
#endif

/// A failed socket system call, with the call's name and `errno`, so the message can name both.
///
/// `Socket` is the only place that calls `socket/bind/listen/accept/read/write`; every failure
/// leaves it as one of these cases (the FlyingFox `SocketError` shape, typed instead of stringly).
public enum SocketError: Error, Equatable, CustomStringConvertible {
    /// `call` failed with `errno`.
    case failed(call: String, errno: Int32)
    /// The host is not a numeric IPv4 or IPv6 address.
    case invalidAddress(String)
    /// The port is outside 0...65535.
    case invalidPort(Int)

    /// Builds `.failed` from the current `errno`.
    static func fromErrno(_ call: String) -> SocketError {
        .failed(call: call, errno: errno)
    }

    public var description: String {
        switch self {
        case let .failed(call, code):
            let reason = String(cString: strerror(code))
            if call == "bind" && code == EADDRINUSE {
                return "cannot bind: the address is already in use; stop the other server or pick another --port"
            }
            if call == "bind" && code == EACCES {
                return "cannot bind: permission denied; use a port above 1023"
            }
            return "\(call) failed: \(reason) (errno \(code))"
        case let .invalidAddress(host):
            return "'\(host)' is not a numeric IPv4 or IPv6 address; use e.g. 127.0.0.1, 0.0.0.0 or ::1"
        case let .invalidPort(port):
            return "port \(port) is out of range; use 0...65535 (0 takes a free port)"
        }
    }
}
