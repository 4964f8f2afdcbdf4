/// One decoded HTTP/1.x request: what a route handler sees.
///
/// What the client sent lives in one immutable box, so a copy of a request is one reference
/// count. A request passes through the router's closures and their reabstraction thunks, which
/// copy it several times each; with its six fields inline, every copy and its release cost
/// some twenty reference counts (about 1,500 instructions of a `/predict` under callgrind).
public struct HTTPRequest: Sendable, Equatable {
    private final class Sent: Sendable {
        let method: String
        let path: String
        let query: String?
        let minorVersion: Int
        let headers: HTTPHeaders
        let body: [UInt8]

        init(method: String, path: String, query: String?, minorVersion: Int, headers: HTTPHeaders, body: [UInt8]) {
            self.method = method
            self.path = path
            self.query = query
            self.minorVersion = minorVersion
            self.headers = headers
            self.body = body
        }
    }

    private let sent: Sent

    /// The method token as sent (methods are case-sensitive, RFC 9110 §9.1).
    public var method: String { sent.method }
    /// The path part of the origin-form target, without the query.
    public var path: String { sent.path }
    /// The query after `?`, without it; nil when there is none.
    public var query: String? { sent.query }
    /// 0 for HTTP/1.0, 1 for HTTP/1.1.
    public var minorVersion: Int { sent.minorVersion }
    /// The header fields.
    public var headers: HTTPHeaders { sent.headers }
    /// The body bytes (exactly Content-Length of them).
    public var body: [UInt8] { sent.body }
    /// Whether the connection stays open after the response (RFC 9112 §9.3: HTTP/1.1 persists
    /// unless `Connection: close`; HTTP/1.0 only with `Connection: keep-alive`).
    public var keepAlive: Bool
    /// The request's id (`RequestID`): set by the event loop before the responder sees the
    /// request, and sent back in `X-Request-Id` on whatever the answer is.
    public var id: String

    /// A request; defaults suit tests and in-process callers.
    public init(
        method: String, path: String, query: String? = nil, minorVersion: Int = 1,
        headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = [], keepAlive: Bool = true, id: String = ""
    ) {
        sent = Sent(method: method, path: path, query: query, minorVersion: minorVersion, headers: headers, body: body)
        self.keepAlive = keepAlive
        self.id = id
    }

    public static func == (lhs: HTTPRequest, rhs: HTTPRequest) -> Bool {
        lhs.keepAlive == rhs.keepAlive && lhs.id == rhs.id
            && (lhs.sent === rhs.sent
                || (lhs.method == rhs.method && lhs.path == rhs.path && lhs.query == rhs.query
                    && lhs.minorVersion == rhs.minorVersion && lhs.headers == rhs.headers && lhs.body == rhs.body))
    }
}
