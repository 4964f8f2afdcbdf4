/// "Request in, response out": what an event loop calls for every decoded request.
///
/// One instance per event loop, created on that loop's thread and used only there, so it may
/// hold per-loop caches without locks (it is deliberately not `Sendable`). Errors are values: a
/// responder always answers, and `HTTPError.response` turns a failure into its status and body.
public protocol RequestResponder: AnyObject {
    /// The response to `request`. HEAD is passed through as HEAD; the loop drops the body.
    func respond(to request: HTTPRequest) -> HTTPResponse

    /// Makes durable what the responses marked `awaitsCommit` since the last call promised
    /// (one log write for a whole epoll batch instead of one per request). The loop calls it
    /// before sending any of them; nil on success, else the response every one of them is
    /// replaced by.
    func commit() -> HTTPResponse?
}

extension RequestResponder {
    /// Responders whose answers promise nothing have nothing to commit.
    public func commit() -> HTTPResponse? { nil }
}
