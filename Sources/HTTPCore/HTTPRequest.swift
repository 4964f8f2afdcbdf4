/// One decoded HTTP/1.x request: what a route handler sees.
public struct HTTPRequest: Sendable, Equatable {
    /// The method token as sent (methods are case-sensitive, RFC 9110 §9.1).
    public var method: String
    /// The path part of the origin-form target, without the query.
    public var path: String
    /// The query after `?`, without it; nil when there is none.
    public var query: String?
    /// 0 for HTTP/1.0, 1 for HTTP/1.1.
    public var minorVersion: Int
    /// The header fields.
    public var headers: HTTPHeaders
    /// The body bytes (exactly Content-Length of them).
    public var body: [UInt8]
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
        self.method = method
        self.path = path
        self.query = query
        self.minorVersion = minorVersion
        self.headers = headers
        self.body = body
        self.keepAlive = keepAlive
        self.id = id
    }
}
