/// A response before encoding: status, extra headers and body.
///
/// `Content-Length`, `Date` and `Connection` are written by `ResponseEncoder`, never here, so a
/// handler cannot get the framing wrong.
public struct HTTPResponse: Sendable {
    /// The status code.
    public var status: Int
    /// Extra header fields, written in this order (deterministic output, testable as bytes).
    public var headers: [(String, String)]
    /// The body; for HEAD the encoder keeps its length and drops the bytes.
    public var body: [UInt8]
    /// Close the connection after this response (framing errors, timeouts).
    public var closesConnection: Bool = false
    /// Send only once the responder's `commit()` succeeds (the prediction's log line is on
    /// disk); if it fails, the commit's error response goes out in this one's place.
    public var awaitsCommit: Bool = false

    /// A response with a body of the given type.
    public init(status: Int, contentType: String, body: [UInt8]) {
        self.status = status
        self.headers = [("Content-Type", contentType)]
        self.body = body
    }

    /// A JSON response (`application/json`, UTF-8 by RFC 8259 §8.1).
    public init(status: Int, json: String) {
        self.init(status: status, contentType: "application/json", body: Array(json.utf8))
    }

    /// A response without a body (e.g. 100 Continue, 204).
    public init(status: Int) {
        self.status = status
        self.headers = []
        self.body = []
    }
}
