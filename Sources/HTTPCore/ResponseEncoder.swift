/// Turns a response into the bytes of one HTTP/1.1 message (RFC 9112 §4, §6).
///
/// Pure: the caller passes the `Date` value and whether the connection stays open, so the output
/// is deterministic and tested as bytes. It appends to a buffer the event loop reuses, so a
/// response (and every pipelined response of a batch) leaves in a single `send`.
public enum ResponseEncoder {
    /// Appends the message for `response` to `buffer`.
    ///
    /// - Parameters:
    ///   - omitBody: true for HEAD: same headers and Content-Length, no body (RFC 9110 §9.3.2).
    ///   - keepAlive: false writes `Connection: close`; for HTTP/1.0 requests that keep alive,
    ///     `http10KeepAlive` writes `Connection: keep-alive` (RFC 9112 §9.3).
    ///   - date: the IMF-fixdate for the `Date` header (RFC 9110 §6.6.1), or empty to omit it.
    ///   - requestID: the request's id for `X-Request-Id`, or empty to omit it.
    public static func encode(
        _ response: HTTPResponse, omitBody: Bool, keepAlive: Bool, http10KeepAlive: Bool = false,
        date: [UInt8] = [], requestID: String = "", into buffer: inout [UInt8]
    ) {
        buffer.appendLiteral("HTTP/1.1 ")
        appendDecimal(response.status, to: &buffer)
        buffer.append(0x20)
        buffer.appendUTF8(HTTPStatus.reason(response.status))
        buffer.append(contentsOf: crlf)
        for (name, value) in response.headers {
            buffer.appendUTF8(name)
            buffer.appendLiteral(": ")
            buffer.appendUTF8(value)
            buffer.append(contentsOf: crlf)
        }
        // 1xx and 204 carry no Content-Length (RFC 9110 §8.6).
        let bodyAllowed = response.status >= 200 && response.status != 204 && response.status != 304
        if bodyAllowed {
            buffer.appendLiteral("Content-Length: ")
            appendDecimal(response.body.count, to: &buffer)
            buffer.append(contentsOf: crlf)
        }
        if !requestID.isEmpty {
            buffer.appendLiteral("X-Request-Id: ")
            buffer.appendUTF8(requestID)
            buffer.append(contentsOf: crlf)
        }
        if !date.isEmpty {
            buffer.appendLiteral("Date: ")
            buffer.append(contentsOf: date)
            buffer.append(contentsOf: crlf)
        }
        if !keepAlive {
            buffer.appendLiteral("Connection: close\r\n")
        } else if http10KeepAlive {
            buffer.appendLiteral("Connection: keep-alive\r\n")
        }
        buffer.append(contentsOf: crlf)
        if bodyAllowed && !omitBody { buffer.append(contentsOf: response.body) }
    }

    /// The interim `100 Continue` response (RFC 9110 §15.2.1): tells an `Expect: 100-continue`
    /// client that its head passed the checks and the body may follow.
    public static let continueResponse: [UInt8] = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)

    /// Appends `value` (≥ 0) in decimal without building a String.
    static func appendDecimal(_ value: Int, to buffer: inout [UInt8]) {
        if value < 10 {
            buffer.append(0x30 + UInt8(value))
            return
        }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        var rest = value
        withUnsafeMutableBytes(of: &digits) { raw in
            while rest > 0 {
                raw[count] = 0x30 + UInt8(rest % 10)
                rest /= 10
                count += 1
            }
            for index in stride(from: count - 1, through: 0, by: -1) { buffer.append(raw[index]) }
        }
    }

    private static let crlf: [UInt8] = [0x0D, 0x0A]
}
