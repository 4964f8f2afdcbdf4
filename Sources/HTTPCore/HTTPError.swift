/// Everything that can go wrong with a request, each case knowing its status and wire code.
///
/// Typed cases (not strings) let the connection tell a bad request from a disconnect and answer
/// with the right status. Every case renders as the project's error body
/// `{"error":{"code":"…","message":"…"}}` (SPEC.md "HTTP"). Framing errors close the connection
/// after the response, because the next request's start can no longer be found.
public enum HTTPError: Error, Equatable, Sendable {
    /// The request line is not `method SP request-target SP HTTP-version` (RFC 9112 §3).
    case malformedRequestLine
    /// The request target is not origin-form `/path[?query]` (RFC 9112 §3.2.1).
    case invalidTarget
    /// A header line is not `field-name ":" OWS field-value OWS`, or whitespace sits between
    /// the name and the colon, which RFC 9112 §5.1 says must be rejected with 400.
    case invalidHeader
    /// A header line starts with whitespace: obsolete line folding, rejected (RFC 9112 §5.2).
    case obsoleteLineFolding
    /// A CR not followed by LF (RFC 9112 §2.2: reject the message or replace; we reject).
    case bareCarriageReturn
    /// HTTP/1.1 without exactly one Host header (RFC 9112 §3.2: respond 400).
    case missingHost
    /// A Content-Length that is not digits, or several that differ (RFC 9112 §6.3 item 5).
    case invalidContentLength
    /// Both Transfer-Encoding and Content-Length: a smuggling vector; rejected (RFC 9112 §6.3 item 3).
    case conflictingFraming
    /// Transfer-Encoding (chunked) bodies are refused: we need the length up front to enforce
    /// the body limit before reading (RFC 9110 §15.5.12: 411 Length Required).
    case chunkedNotSupported
    /// A method that carries content (POST, PUT, PATCH) sent no Content-Length (RFC 9110 §15.5.12).
    case lengthRequired
    /// The declared body is larger than the limit, checked before reading it (RFC 9110 §15.5.14).
    case contentTooLarge(limit: Int)
    /// The request line and headers exceed the limit (RFC 6585 §5: 431).
    case headersTooLarge(limit: Int)
    /// The request line alone exceeds the header limit (RFC 9110 §15.5.15: 414).
    case uriTooLong(limit: Int)
    /// The client took too long to send a whole request (RFC 9110 §15.5.9: 408).
    case requestTimeout
    /// An `Expect` other than `100-continue` (RFC 9110 §10.1.1: 417).
    case expectationFailed
    /// Only HTTP/1.0 and HTTP/1.1 are spoken (RFC 9110 §15.6.6: 505).
    case versionNotSupported
    /// A protected route without the right `Authorization: Bearer` token (RFC 6750 §3: 401
    /// with `WWW-Authenticate`). `reason` says what was wrong, never what the token is.
    case unauthorized(reason: String)
    /// No route has this path.
    case notFound(path: String)
    /// The path exists but not for this method; `allowed` feeds the `Allow` header (RFC 9110 §15.5.6).
    case methodNotAllowed(allowed: [String])
    /// The body is not JSON by its Content-Type (RFC 9110 §15.5.16: 415).
    case unsupportedMediaType(String)
    /// The body is not well-formed JSON.
    case malformedJSON(String)
    /// Well-formed JSON that fails validation (RFC 9110 §15.5.21: 422).
    case unprocessable(String)
    /// The service cannot answer now (no model loaded, log unwritable): 503.
    case serviceUnavailable(code: String, message: String)
    /// A bug or an I/O failure on our side: 500.
    case internalError(String)

    /// The status code this error answers with.
    public var status: Int {
        switch self {
        case .malformedRequestLine, .invalidTarget, .invalidHeader, .obsoleteLineFolding, .bareCarriageReturn,
             .missingHost, .invalidContentLength, .conflictingFraming, .malformedJSON:
            return 400
        case .unauthorized: return 401
        case .notFound: return 404
        case .methodNotAllowed: return 405
        case .requestTimeout: return 408
        case .chunkedNotSupported, .lengthRequired: return 411
        case .contentTooLarge: return 413
        case .uriTooLong: return 414
        case .unsupportedMediaType: return 415
        case .expectationFailed: return 417
        case .unprocessable: return 422
        case .headersTooLarge: return 431
        case .internalError: return 500
        case .serviceUnavailable: return 503
        case .versionNotSupported: return 505
        }
    }

    /// The stable machine-readable `code` of the error body.
    public var code: String {
        switch self {
        case .malformedRequestLine, .invalidTarget, .invalidHeader, .obsoleteLineFolding, .bareCarriageReturn,
             .missingHost, .invalidContentLength, .conflictingFraming:
            return "bad_request"
        case .malformedJSON: return "malformed_json"
        case .unauthorized: return "unauthorized"
        case .notFound: return "not_found"
        case .methodNotAllowed: return "method_not_allowed"
        case .requestTimeout: return "request_timeout"
        case .chunkedNotSupported, .lengthRequired: return "length_required"
        case .contentTooLarge: return "content_too_large"
        case .uriTooLong: return "uri_too_long"
        case .unsupportedMediaType: return "unsupported_media_type"
        case .expectationFailed: return "expectation_failed"
        case .unprocessable: return "validation_error"
        case .headersTooLarge: return "headers_too_large"
        case .internalError: return "internal_error"
        case let .serviceUnavailable(code, _): return code
        case .versionNotSupported: return "http_version_not_supported"
        }
    }

    /// One sentence naming the problem and the fix.
    public var message: String {
        switch self {
        case .malformedRequestLine: return "malformed request line; expected 'METHOD /path HTTP/1.1'"
        case .invalidTarget: return "the request target must be a path starting with '/'"
        case .invalidHeader: return "malformed header line; expected 'Name: value' with no space before the colon"
        case .obsoleteLineFolding: return "folded header lines are not accepted; put each header on one line"
        case .bareCarriageReturn: return "a CR must be followed by LF; end lines with CRLF"
        case .missingHost: return "HTTP/1.1 requests need exactly one Host header"
        case .invalidContentLength: return "Content-Length must be one non-negative integer"
        case .conflictingFraming: return "send either Content-Length or Transfer-Encoding, not both"
        case .chunkedNotSupported: return "chunked bodies are not supported; send the body with a Content-Length"
        case .lengthRequired: return "this method needs a body with a Content-Length header"
        case let .contentTooLarge(limit): return "the body exceeds the limit of \(limit) bytes; send less"
        case let .headersTooLarge(limit): return "the request line and headers exceed \(limit) bytes; send fewer or shorter headers"
        case let .uriTooLong(limit): return "the request line exceeds \(limit) bytes; use a shorter URI"
        case .requestTimeout: return "the request was not received in time; send it faster"
        case .expectationFailed: return "only 'Expect: 100-continue' is supported"
        case .versionNotSupported: return "only HTTP/1.0 and HTTP/1.1 are supported"
        case let .unauthorized(reason):
            return "this route needs 'Authorization: Bearer <token>' with the server's API token (\(reason))"
        case let .notFound(path): return "no route for '\(path)'; GET / lists the routes"
        case let .methodNotAllowed(allowed): return "method not allowed here; use \(allowed.joined(separator: ", "))"
        case let .unsupportedMediaType(type): return "Content-Type '\(type)' is not JSON; send 'Content-Type: application/json'"
        case let .malformedJSON(reason): return "malformed JSON: \(reason)"
        case let .unprocessable(reason): return reason
        case let .serviceUnavailable(_, message): return message
        case let .internalError(reason): return reason
        }
    }

    /// True when the connection cannot continue after this error (framing lost or client too slow).
    public var closesConnection: Bool {
        switch self {
        case .malformedRequestLine, .invalidTarget, .invalidHeader, .obsoleteLineFolding, .bareCarriageReturn,
             .missingHost, .invalidContentLength, .conflictingFraming, .chunkedNotSupported, .lengthRequired,
             .contentTooLarge, .headersTooLarge, .uriTooLong, .requestTimeout, .expectationFailed, .versionNotSupported:
            return true
        case .unauthorized, .notFound, .methodNotAllowed, .unsupportedMediaType, .malformedJSON, .unprocessable,
             .serviceUnavailable, .internalError:
            return false
        }
    }

    /// The response for this error: status, JSON error body, `Allow` for 405.
    public var response: HTTPResponse {
        var response = HTTPResponse(status: status, json: "{\"error\":{\"code\":" + JSONText.quoted(code)
            + ",\"message\":" + JSONText.quoted(message) + "}}")
        if case let .methodNotAllowed(allowed) = self {
            response.headers.append(("Allow", allowed.joined(separator: ", ")))
        }
        if case .unauthorized = self {
            response.headers.append(("WWW-Authenticate", "Bearer realm=\"forecast\""))
        }
        response.closesConnection = closesConnection
        return response
    }
}
