import Testing
@testable import HTTPCore

/// Decoder behaviour on raw bytes: framing, limits and the RFC 9112 rejections.
struct RequestDecoderTests {
    private func decode(_ text: String, limits: ServerLimits = ServerLimits()) throws(HTTPError) -> RequestDecoder.Result {
        let bytes = Array(text.utf8)
        let decoder = RequestDecoder(limits: limits)
        let result = bytes.withUnsafeBytes { raw -> Result<RequestDecoder.Result, HTTPError> in
            do throws(HTTPError) { return .success(try decoder.decode(raw)) } catch { return .failure(error) }
        }
        return try result.get()
    }

    private func request(_ text: String) throws -> (HTTPRequest, Int) {
        guard case let .request(request, consumed) = try decode(text) else {
            Issue.record("expected a whole request")
            throw HTTPError.malformedRequestLine
        }
        return (request, consumed)
    }

    private func error(_ text: String, limits: ServerLimits = ServerLimits()) -> HTTPError? {
        do {
            _ = try decode(text, limits: limits)
            return nil
        } catch {
            return error
        }
    }

    @Test func getWithHeadersDecodesMethodPathQueryAndLowercasedNames() throws {
        let text = "GET /health?x=1 HTTP/1.1\r\nHost: a\r\nX-Thing:  v  \r\n\r\n"
        let (request, consumed) = try request(text + "GET")
        #expect(request.method == "GET")
        #expect(request.path == "/health")
        #expect(request.query == "x=1")
        #expect(request.minorVersion == 1)
        #expect(request.headers["x-thing"] == "v")
        #expect(request.headers["X-THING"] == "v")
        #expect(request.keepAlive)
        #expect(consumed == text.utf8.count)
    }

    @Test func knownFieldsAreRecognisedInAnyCaseAndNearMissesAreNot() throws {
        // The framing rules act on recognised names only: in any case they frame the body; a
        // name one letter off, or one character longer, is an ordinary field.
        let text = "POST /p HTTP/1.1\r\nhOsT: a\r\nCONTENT-length: 2\r\nContent-Lengtx: 9\r\n"
            + "Content-Lengths: 7\r\nCONTENT-TYPE: application/json\r\nX-Request-ID: r1\r\n\r\nhiGET"
        let (request, consumed) = try request(text)
        #expect(request.body == Array("hi".utf8))
        #expect(consumed == text.utf8.count - 3)
        #expect(request.headers.fields.map(\.name) == [
            "host", "content-length", "content-lengtx", "content-lengths", "content-type", "x-request-id",
        ])
        #expect(request.headers.storage.map(\.known) == [.host, .contentLength, nil, nil, .contentType, .requestID])
        #expect(request.headers["content-type"] == "application/json")
        // Without its recognised Host, an HTTP/1.1 request is refused (so `Hosts` is not one).
        #expect(error("GET / HTTP/1.1\r\nHosts: a\r\n\r\n") == .missingHost)
        #expect(error("GET / HTTP/1.1\r\nHost: a\r\nTransfer-ENCODING: chunked\r\n\r\n") == .chunkedNotSupported)
    }

    @Test func everyKnownFieldMatchesItsOwnNameOnly() {
        for field in KnownField.allCases {
            #expect(KnownField(lowercasedName: field.name) == field)
            // Matching lowercases the head's bytes, so a name with a capital would never match.
            #expect(field.name == field.name.lowercased())
            let upper = Array(field.name.uppercased().utf8)
            upper.withUnsafeBytes { #expect(KnownField.matching($0, 0, $0.count) == field) }
            var other = Array(field.name.utf8)
            other[other.count - 1] ^= 0x01  // same length, last letter changed
            other.withUnsafeBytes { #expect(KnownField.matching($0, 0, $0.count) == nil) }
        }
    }

    @Test func methodsAreDecodedAsSent() throws {
        for method in ["GET", "POST", "HEAD", "PUT", "GETS", "POSt", "Get"] {
            let body = method == "POST" || method == "PUT" ? "Content-Length: 0\r\n" : ""
            let (request, _) = try request("\(method) / HTTP/1.1\r\nHost: a\r\n\(body)\r\n")
            #expect(request.method == method)
        }
    }

    @Test func postBodyIsReadExactlyToContentLength() throws {
        let text = "POST /predict HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhelloGET"
        let (request, consumed) = try request(text)
        #expect(request.body == Array("hello".utf8))
        #expect(consumed == text.utf8.count - 3)
    }

    @Test func partialHeadOrBodyAsksForMore() throws {
        #expect(try decode("GET / HTTP/1.1\r\nHost: a\r\n") == .incomplete(expectsContinue: false))
        #expect(try decode("POST /p HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\nabc") == .incomplete(expectsContinue: false))
    }

    @Test func expectContinueIsReportedOnlyWhileTheBodyIsMissing() throws {
        let head = "POST /p HTTP/1.1\r\nHost: a\r\nExpect: 100-Continue\r\nContent-Length: 2\r\n\r\n"
        #expect(try decode(head) == .incomplete(expectsContinue: true))
        guard case .request = try decode(head + "{}") else {
            Issue.record("expected the request once the body arrived")
            return
        }
    }

    @Test func otherExpectationsAre417() {
        #expect(error("GET / HTTP/1.1\r\nHost: a\r\nExpect: magic\r\n\r\n") == .expectationFailed)
    }

    @Test func http10DefaultsToCloseAndKeepsAliveOnRequest() throws {
        #expect(try request("GET / HTTP/1.0\r\n\r\n").0.keepAlive == false)
        #expect(try request("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n").0.keepAlive)
        #expect(try request("GET / HTTP/1.1\r\nHost: a\r\nConnection: Close\r\n\r\n").0.keepAlive == false)
    }

    @Test func bareLineFeedsAreAcceptedAndLeadingEmptyLinesSkipped() throws {
        let (request, _) = try request("\r\n\nGET /x HTTP/1.1\nHost: a\n\n")
        #expect(request.path == "/x")
    }

    @Test func lineEndsAreFoundAtEveryOffsetOfTheEightByteScan() throws {
        // The head is scanned eight bytes at a time: put each line end, and a bare CR, at every
        // offset within a word, with CRLF and LF-only endings.
        for length in 0..<24 {
            let value = String(repeating: "v", count: length)
            for end in ["\r\n", "\n"] {
                let text = "GET /p HTTP/1.1\(end)Host: a\(end)X-Pad: \(value)\(end)X-After: \(value)z\(end)\(end)"
                let (request, consumed) = try request(text + "GET")
                #expect(request.headers["x-pad"] == (length == 0 ? "" : value))
                #expect(request.headers["x-after"] == value + "z")
                #expect(consumed == text.utf8.count)
                // Still incomplete one byte before the end.
                #expect(try decode(String(text.dropLast())) == .incomplete(expectsContinue: false))
            }
            #expect(error("GET /p HTTP/1.1\r\nHost: a\r\nX-Pad: \(value)\rz\r\n\r\n") == .bareCarriageReturn)
        }
    }

    @Test func absoluteFormIsReducedToItsPath() throws {
        #expect(try request("GET http://example.com/health?a HTTP/1.1\r\nHost: a\r\n\r\n").0.path == "/health")
    }

    @Test func framingViolationsAreRejectedWithTheirStatus() {
        #expect(error("GET / HTTP/1.1\r\n\r\n") == .missingHost)
        #expect(error("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n") == .missingHost)
        #expect(error("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: abc\r\n\r\n") == .invalidContentLength)
        #expect(error("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: -1\r\n\r\n") == .invalidContentLength)
        #expect(error("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\n") == .invalidContentLength)
        #expect(error("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n") == .chunkedNotSupported)
        #expect(error("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n") == .conflictingFraming)
        #expect(error("POST / HTTP/1.1\r\nHost: a\r\n\r\n") == .lengthRequired)
    }

    @Test func repeatedEqualContentLengthsAreOneLength() throws {
        let (request, _) = try request("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 2, 2\r\n\r\nab")
        #expect(request.body.count == 2)
    }

    @Test func malformedLinesAre400() {
        #expect(error("GET /\r\n\r\n") == .malformedRequestLine)
        #expect(error("GET  / HTTP/1.1\r\nHost: a\r\n\r\n") == .malformedRequestLine)
        #expect(error("GET / HTTX/1.1\r\nHost: a\r\n\r\n") == .malformedRequestLine)
        #expect(error("GET nope HTTP/1.1\r\nHost: a\r\n\r\n") == .invalidTarget)
        #expect(error("GET / HTTP/1.1\r\nHost : a\r\n\r\n") == .invalidHeader)
        #expect(error("GET / HTTP/1.1\r\nHost: a\r\n folded\r\n\r\n") == .obsoleteLineFolding)
        #expect(error("GET / HTTP/1.1\r\nHost: a\rX: b\r\n\r\n") == .bareCarriageReturn)
        #expect(error("GET / HTTP/2.0\r\nHost: a\r\n\r\n") == .versionNotSupported)
    }

    @Test func oversizedHeadIs431AndOversizedRequestLineIs414() {
        var limits = ServerLimits()
        limits.maxHeaderBytes = 64
        let longHeader = "GET / HTTP/1.1\r\nHost: a\r\nX: " + String(repeating: "v", count: 100) + "\r\n"
        #expect(error(longHeader, limits: limits) == .headersTooLarge(limit: 64))
        #expect(error("GET /" + String(repeating: "a", count: 100), limits: limits) == .uriTooLong(limit: 64))
    }

    @Test func tooManyHeaderFieldsIs431() {
        var limits = ServerLimits()
        limits.maxHeaderCount = 3
        let text = "GET / HTTP/1.1\r\nHost: a\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n"
        #expect(error(text, limits: limits) == .headersTooLarge(limit: limits.maxHeaderBytes))
    }

    @Test func bodyOverTheLimitIsRejectedFromContentLengthBeforeItArrives() {
        var limits = ServerLimits()
        limits.maxBodyBytes = 10
        #expect(error("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 11\r\n\r\n", limits: limits) == .contentTooLarge(limit: 10))
    }

    @Test func pipelinedRequestsDecodeOneAtATime() throws {
        let one = "GET /a HTTP/1.1\r\nHost: h\r\n\r\n"
        let two = "GET /b HTTP/1.1\r\nHost: h\r\n\r\n"
        let (first, consumed) = try request(one + two)
        #expect(first.path == "/a")
        #expect(consumed == one.utf8.count)
        // Slice bytes, not Characters: "\r\n" is one Character.
        let rest = String(decoding: Array((one + two).utf8).dropFirst(consumed), as: UTF8.self)
        #expect(try request(rest).0.path == "/b")
    }
}
