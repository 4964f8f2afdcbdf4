import ByteWriting

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
        let reason = HTTPStatus.reason(response.status)
        // 1xx and 204 carry no Content-Length (RFC 9110 §8.6).
        let bodyAllowed = response.status >= 200 && response.status != 204 && response.status != 304
        let body = bodyAllowed && !omitBody ? response.body.count : 0
        var bound = fixedBytes + reason.utf8.count + requestID.utf8.count + date.count + body
        for (name, value) in response.headers { bound += name.utf8.count + value.utf8.count + 4 }
        ByteWriter.append(to: &buffer, bound: bound) { out in
            out.write("HTTP/1.1 ")
            out.writeDecimal(response.status)
            out.write(byte: 0x20)
            out.write(string: reason)
            out.write("\r\n")
            for (name, value) in response.headers {
                out.write(string: name)
                out.write(": ")
                out.write(string: value)
                out.write("\r\n")
            }
            if bodyAllowed {
                out.write("Content-Length: ")
                out.writeDecimal(response.body.count)
                out.write("\r\n")
            }
            if !requestID.isEmpty {
                out.write("X-Request-Id: ")
                out.write(string: requestID)
                out.write("\r\n")
            }
            if !date.isEmpty {
                out.write("Date: ")
                out.write(date)
                out.write("\r\n")
            }
            if !keepAlive {
                out.write("Connection: close\r\n")
            } else if http10KeepAlive {
                out.write("Connection: keep-alive\r\n")
            }
            out.write("\r\n")
            if body > 0 { out.write(response.body) }
        }
    }

    /// The bytes of every fixed piece together, at their longest: "HTTP/1.1 ", a status of up
    /// to 20 bytes (`ByteWriter.maxDecimalBytes`), a space and CRLF (32); "Content-Length: ",
    /// 19 digits, CRLF (37); the `X-Request-Id` and `Date` names with CRLFs (24);
    /// "Connection: keep-alive" and CRLF (24); the empty line (2). 119, rounded up.
    private static let fixedBytes = 128

    /// The interim `100 Continue` response (RFC 9110 §15.2.1): tells an `Expect: 100-continue`
    /// client that its head passed the checks and the body may follow.
    public static let continueResponse: [UInt8] = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)

    /// Appends `value` (≥ 0) in decimal without building a String.
    static func appendDecimal(_ value: Int, to buffer: inout [UInt8]) {
        ByteWriter.append(to: &buffer, bound: ByteWriter.maxDecimalBytes) { $0.writeDecimal(value) }
    }
}
