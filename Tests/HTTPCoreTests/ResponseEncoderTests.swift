import Testing
@testable import HTTPCore

/// The encoder's output, byte for byte.
struct ResponseEncoderTests {
    private func encode(_ response: HTTPResponse, omitBody: Bool = false, keepAlive: Bool = true, http10: Bool = false) -> String {
        var buffer: [UInt8] = []
        ResponseEncoder.encode(
            response, omitBody: omitBody, keepAlive: keepAlive, http10KeepAlive: http10,
            date: Array("Sun, 06 Nov 1994 08:49:37 GMT".utf8), into: &buffer
        )
        return String(decoding: buffer, as: UTF8.self)
    }

    @Test func jsonResponseHasStatusLineTypeLengthDateAndBody() {
        let text = encode(HTTPResponse(status: 200, json: "{\"a\":1}"))
        #expect(text == "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 7\r\nDate: Sun, 06 Nov 1994 08:49:37 GMT\r\n\r\n{\"a\":1}")
    }

    @Test func theLongestPiecesFitTheReservedRoom() {
        // Every variable piece at once, appended after earlier output: a status of many digits
        // with the fallback reason, several headers, a long id, a large body. The room is
        // reserved from these sizes (too little would trap), and the bytes are exact.
        var response = HTTPResponse(status: Int.max, contentType: String(repeating: "t", count: 300), body: Array(repeating: 0x61, count: 70_000))
        response.headers.append(("X-\u{e9}t\u{e9}", String(repeating: "v", count: 5_000)))
        response.headers.append(("", ""))
        let id = String(repeating: "i", count: 128)
        var buffer = Array("previous".utf8)
        ResponseEncoder.encode(response, omitBody: false, keepAlive: true, http10KeepAlive: true, date: Array("D".utf8), requestID: id, into: &buffer)
        let expected = "previousHTTP/1.1 \(Int.max) Status\r\nContent-Type: \(String(repeating: "t", count: 300))\r\n"
            + "X-\u{e9}t\u{e9}: \(String(repeating: "v", count: 5_000))\r\n: \r\nContent-Length: 70000\r\n"
            + "X-Request-Id: \(id)\r\nDate: D\r\nConnection: keep-alive\r\n\r\n" + String(repeating: "a", count: 70_000)
        #expect(String(decoding: buffer, as: UTF8.self) == expected)
    }

    @Test func headKeepsTheLengthAndDropsTheBody() {
        let text = encode(HTTPResponse(status: 200, json: "{\"a\":1}"), omitBody: true)
        #expect(text.hasSuffix("Content-Length: 7\r\nDate: Sun, 06 Nov 1994 08:49:37 GMT\r\n\r\n"))
    }

    @Test func closingAndHTTP10KeepAliveAreAnnounced() {
        #expect(encode(HTTPResponse(status: 404, json: "{}"), keepAlive: false).contains("\r\nConnection: close\r\n\r\n"))
        #expect(encode(HTTPResponse(status: 200, json: "{}"), http10: true).contains("\r\nConnection: keep-alive\r\n\r\n"))
    }

    @Test func errorResponseCarriesAllowAndTheJSONErrorBody() {
        let text = encode(HTTPError.methodNotAllowed(allowed: ["GET", "HEAD"]).response, keepAlive: true)
        #expect(text.hasPrefix("HTTP/1.1 405 Method Not Allowed\r\n"))
        #expect(text.contains("\r\nAllow: GET, HEAD\r\n"))
        #expect(text.hasSuffix("{\"error\":{\"code\":\"method_not_allowed\",\"message\":\"method not allowed here; use GET, HEAD\"}}"))
    }

    @Test func decimalsAreWrittenWithoutStrings() {
        for value in [0, 7, 10, 99, 12345, 1 << 40] {
            var buffer: [UInt8] = []
            ResponseEncoder.appendDecimal(value, to: &buffer)
            #expect(String(decoding: buffer, as: UTF8.self) == String(value))
        }
    }

    @Test func continueIsTheBareInterimResponse() {
        #expect(String(decoding: ResponseEncoder.continueResponse, as: UTF8.self) == "HTTP/1.1 100 Continue\r\n\r\n")
    }
}
