/// "Request in, response out": what an event loop calls for every decoded request.
///
/// One instance per event loop, created on that loop's thread and used only there, so it may
/// hold per-loop caches without locks (it is deliberately not `Sendable`). Errors are values: a
/// responder always answers, and `HTTPError.response` turns a failure into its status and body.
public protocol RequestResponder: AnyObject {
    /// The response to `request`. HEAD is passed through as HEAD; the loop drops the body.
    func respond(to request: HTTPRequest) -> HTTPResponse
}
