/// Decodes HTTP/1.x requests from the bytes a connection has buffered (RFC 9112).
///
/// Stateless: `decode` is handed everything buffered so far and either finds one whole request
/// (and says how many bytes it used, so pipelined requests follow) or asks for more. Limits are
/// checked as early as they can be: the head size before the end of the head is seen, the body
/// size from Content-Length before a single body byte is read.
public struct RequestDecoder: Sendable {
    /// What `decode` found.
    public enum Result: Equatable {
        /// More bytes are needed. `expectsContinue` is true once the head is complete, the body
        /// is not, and the client sent `Expect: 100-continue` (RFC 9110 §10.1.1).
        case incomplete(expectsContinue: Bool)
        /// One whole request, which used the first `consumed` bytes.
        case request(HTTPRequest, consumed: Int)
    }

    /// The limits this decoder enforces.
    public let limits: ServerLimits

    /// A decoder enforcing `limits`.
    public init(limits: ServerLimits) {
        self.limits = limits
    }

    /// Decodes the first request in `bytes`.
    public func decode(_ bytes: UnsafeRawBufferPointer) throws(HTTPError) -> Result {
        let count = bytes.count
        var start = 0
        // RFC 9112 §2.2: ignore empty lines received before the request line.
        while start < count, bytes[start] == cr || bytes[start] == lf { start += 1 }
        guard start < count else { return .incomplete(expectsContinue: false) }
        guard let headEnd = try findHeadEnd(bytes, from: start) else {
            let buffered = count - start
            if buffered > limits.maxHeaderBytes {
                // No line end at all yet: the request line alone is too long (414), else 431.
                var sawLineEnd = false
                for index in start..<count where bytes[index] == lf {
                    sawLineEnd = true
                    break
                }
                throw sawLineEnd ? .headersTooLarge(limit: limits.maxHeaderBytes) : .uriTooLong(limit: limits.maxHeaderBytes)
            }
            return .incomplete(expectsContinue: false)
        }
        guard headEnd.contentStart - start <= limits.maxHeaderBytes else {
            throw .headersTooLarge(limit: limits.maxHeaderBytes)
        }
        let head = try parseHead(bytes, from: start, to: headEnd.lastLineEnd)
        let bodyEnd = headEnd.contentStart + head.framing.contentLength
        guard bodyEnd <= count else { return .incomplete(expectsContinue: head.framing.expectsContinue) }
        let request = HTTPRequest(
            method: head.line.method, path: head.line.path, query: head.line.query, minorVersion: head.line.minorVersion,
            headers: head.headers, body: Array(UnsafeRawBufferPointer(rebasing: bytes[headEnd.contentStart..<bodyEnd])),
            keepAlive: head.framing.keepAlive
        )
        return .request(request, consumed: bodyEnd)
    }

    // MARK: - Head

    private struct HeadEnd {
        /// Index just past the last header line's content (before its line end).
        let lastLineEnd: Int
        /// Index of the first body byte (after the empty line).
        let contentStart: Int
    }

    /// A head, decoded and checked: the request is made once its body has arrived.
    private struct Head {
        let line: RequestLine
        let headers: HTTPHeaders
        let framing: Framing
    }

    /// What the framing and connection headers decide.
    private struct Framing {
        /// The body's length.
        let contentLength: Int
        /// Whether the client waits for `100 Continue` before sending the body.
        let expectsContinue: Bool
        /// Whether the connection stays open after the response.
        let keepAlive: Bool
    }

    /// Finds the empty line ending the head; rejects a CR not followed by LF (RFC 9112 §2.2).
    private func findHeadEnd(_ bytes: UnsafeRawBufferPointer, from start: Int) throws(HTTPError) -> HeadEnd? {
        let limit = min(bytes.count, start + limits.maxHeaderBytes + 4)
        var index = start
        var lineStart = start
        while index < limit {
            index = nextLineEndByte(bytes, from: index, limit: limit)
            guard index < limit else { break }
            let byte = bytes[index]
            if byte == cr {
                guard index + 1 < bytes.count else { return nil }
                guard bytes[index + 1] == lf else { throw .bareCarriageReturn }
                index += 1
                continue
            }
            if byte == lf {
                let contentEnd = index > lineStart && bytes[index - 1] == cr ? index - 1 : index
                if contentEnd == lineStart && lineStart > start {
                    return HeadEnd(lastLineEnd: lineStart, contentStart: index + 1)
                }
                lineStart = index + 1
            }
            index += 1
        }
        return nil
    }

    /// The index of the first CR or LF in `bytes[start..<limit]`, or `limit`. Most of a head is
    /// text, so eight bytes are tested at a time: a byte equal to CR is a zero byte of
    /// `word ^ 0x0D…0D`, and `(x - 0x01…01) & ~x & 0x80…80` sets the top bit of `x`'s first zero
    /// byte (the bits above it may be wrong, never the first), so the lowest bit set over both
    /// tests is the first CR or LF. (Read little-endian: byte 0 is the lowest.)
    private func nextLineEndByte(_ bytes: UnsafeRawBufferPointer, from start: Int, limit: Int) -> Int {
        func zeroBytes(_ x: UInt64) -> UInt64 { (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080 }
        var index = start
        while index + 8 <= limit {
            let word = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self))
            let found = zeroBytes(word ^ 0x0D0D_0D0D_0D0D_0D0D) | zeroBytes(word ^ 0x0A0A_0A0A_0A0A_0A0A)
            if found != 0 { return index + found.trailingZeroBitCount / 8 }
            index += 8
        }
        while index < limit, bytes[index] != cr, bytes[index] != lf { index += 1 }
        return index
    }

    private func parseHead(_ bytes: UnsafeRawBufferPointer, from start: Int, to end: Int) throws(HTTPError) -> Head {
        var lineStart = start
        var lineEnd = lineEndIndex(bytes, from: lineStart, limit: end)
        let line = try parseRequestLine(bytes, lineStart, contentEnd(bytes, lineStart, lineEnd))
        lineStart = lineEnd + 1
        var headers = HTTPHeaders()
        headers.reserveCapacity(8)
        while lineStart < end {
            lineEnd = lineEndIndex(bytes, from: lineStart, limit: end)
            let field = try parseHeaderLine(bytes, lineStart, contentEnd(bytes, lineStart, lineEnd))
            guard headers.count < limits.maxHeaderCount else { throw .headersTooLarge(limit: limits.maxHeaderBytes) }
            headers.append(field)
            lineStart = lineEnd + 1
        }
        return Head(line: line, headers: headers, framing: try applyHeaderRules(line, headers))
    }

    private func lineEndIndex(_ bytes: UnsafeRawBufferPointer, from start: Int, limit: Int) -> Int {
        var index = nextLineEndByte(bytes, from: start, limit: limit)
        while index < limit, bytes[index] != lf { index = nextLineEndByte(bytes, from: index + 1, limit: limit) }
        return index
    }

    private func contentEnd(_ bytes: UnsafeRawBufferPointer, _ start: Int, _ lineEnd: Int) -> Int {
        lineEnd > start && bytes[lineEnd - 1] == cr ? lineEnd - 1 : lineEnd
    }

    private struct RequestLine {
        let method: String
        let path: String
        let query: String?
        let minorVersion: Int
    }

    /// `method SP request-target SP HTTP-version` (RFC 9112 §3), single spaces only.
    private func parseRequestLine(_ bytes: UnsafeRawBufferPointer, _ start: Int, _ end: Int) throws(HTTPError) -> RequestLine {
        var index = start
        while index < end, isTokenByte(bytes[index]) { index += 1 }
        guard index > start, index < end, bytes[index] == space else { throw .malformedRequestLine }
        let method = knownMethod(bytes, start, index) ?? string(bytes, start, index)
        let targetStart = index + 1
        index = targetStart
        while index < end, bytes[index] > space, bytes[index] < 0x7F { index += 1 }
        guard index > targetStart, index < end, bytes[index] == space else { throw .malformedRequestLine }
        let targetEnd = index
        let versionStart = index + 1
        // "HTTP/" DIGIT "." DIGIT (RFC 9112 §2.3).
        guard end - versionStart == 8,
              bytes[versionStart] == 0x48, bytes[versionStart + 1] == 0x54, bytes[versionStart + 2] == 0x54,
              bytes[versionStart + 3] == 0x50, bytes[versionStart + 4] == 0x2F, bytes[versionStart + 6] == 0x2E,
              isDigit(bytes[versionStart + 5]), isDigit(bytes[versionStart + 7])
        else { throw .malformedRequestLine }
        guard bytes[versionStart + 5] == 0x31 else { throw .versionNotSupported }
        let minor = bytes[versionStart + 7] == 0x30 ? 0 : 1  // 1.2+ is treated as 1.1 (RFC 9110 §6.2)
        let (path, query) = try parseTarget(bytes, targetStart, targetEnd)
        return RequestLine(method: method, path: path, query: query, minorVersion: minor)
    }

    /// Origin-form `/path[?query]`; absolute-form `http://host/path` is reduced to its path
    /// (RFC 9112 §3.2.2 says a server must accept it); `*` only for OPTIONS (§3.2.4).
    private func parseTarget(_ bytes: UnsafeRawBufferPointer, _ start: Int, _ end: Int) throws(HTTPError) -> (String, String?) {
        var pathStart = start
        if bytes[start] != slash {
            if end - start == 1 && bytes[start] == 0x2A { return ("*", nil) }
            let target = string(bytes, start, end).lowercased()
            guard target.hasPrefix("http://") || target.hasPrefix("https://") else { throw .invalidTarget }
            var index = start + (target.hasPrefix("http://") ? 7 : 8)
            while index < end, bytes[index] != slash { index += 1 }
            guard index < end else { return ("/", nil) }
            pathStart = index
        }
        var index = pathStart
        while index < end, bytes[index] != 0x3F { index += 1 }
        let path = string(bytes, pathStart, index)
        return index < end ? (path, string(bytes, index + 1, end)) : (path, nil)
    }

    /// GET, POST and HEAD as string literals (no allocation or UTF-8 check); nil for others.
    private func knownMethod(_ bytes: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> String? {
        if equals(bytes, start, end, "POST") { return "POST" }
        if equals(bytes, start, end, "GET") { return "GET" }
        if equals(bytes, start, end, "HEAD") { return "HEAD" }
        return nil
    }

    /// `field-name ":" OWS field-value OWS` (RFC 9112 §5).
    private func parseHeaderLine(_ bytes: UnsafeRawBufferPointer, _ start: Int, _ end: Int) throws(HTTPError) -> HTTPHeaders.Field {
        guard start < end else { throw .invalidHeader }
        if bytes[start] == space || bytes[start] == tab { throw .obsoleteLineFolding }
        var index = start
        while index < end, isTokenByte(bytes[index]) { index += 1 }
        // Anything but ':' right after the name (including whitespace) is rejected (§5.1).
        guard index > start, index < end, bytes[index] == colon else { throw .invalidHeader }
        let known = KnownField.matching(bytes, start, index)
        let name = known?.name ?? lowercasedString(bytes, start, index)
        var valueStart = index + 1
        var valueEnd = end
        while valueStart < valueEnd, bytes[valueStart] == space || bytes[valueStart] == tab { valueStart += 1 }
        while valueEnd > valueStart, bytes[valueEnd - 1] == space || bytes[valueEnd - 1] == tab { valueEnd -= 1 }
        for position in valueStart..<valueEnd where bytes[position] == 0 { throw .invalidHeader }
        // JSON clients send this exact type: a literal spares its allocation (16 bytes is one
        // more than a string holds inline).
        if known == .contentType && equals(bytes, valueStart, valueEnd, "application/json") {
            return HTTPHeaders.Field(name: name, value: "application/json", known: known)
        }
        return HTTPHeaders.Field(name: name, value: string(bytes, valueStart, valueEnd), known: known)
    }

    /// Whether `bytes[start..<end]` is exactly `text`.
    private func equals(_ bytes: UnsafeRawBufferPointer, _ start: Int, _ end: Int, _ text: StaticString) -> Bool {
        guard end - start == text.utf8CodeUnitCount else { return false }
        for offset in 0..<(end - start) where bytes[start + offset] != text.utf8Start[offset] { return false }
        return true
    }

    // MARK: - Framing and connection rules

    /// Checks the framing and connection headers: the body's length, whether the client waits
    /// for `100 Continue`, whether the connection stays open.
    private func applyHeaderRules(_ line: RequestLine, _ headers: HTTPHeaders) throws(HTTPError) -> Framing {
        var keepAlive = line.minorVersion == 1
        var contentLength: Int?
        var hasTransferEncoding = false
        var hostCount = 0
        var expectsContinue = false
        for field in headers.storage {
            switch field.known {
            case .contentLength:
                // Each comma-separated value must be the same digits (RFC 9112 §6.3 item 5).
                if let value = Int(field.value), field.value.utf8.allSatisfy(isDigit), field.value.utf8.count <= 18 {
                    // The usual single value: no splitting.
                    if let previous = contentLength, previous != value { throw .invalidContentLength }
                    contentLength = value
                    continue
                }
                for part in field.value.split(separator: ",", omittingEmptySubsequences: false) {
                    let trimmed = part.trimmingSpaces()
                    guard !trimmed.isEmpty, trimmed.utf8.count <= 18, trimmed.utf8.allSatisfy(isDigit),
                          let value = Int(trimmed)
                    else { throw .invalidContentLength }
                    if let previous = contentLength, previous != value { throw .invalidContentLength }
                    contentLength = value
                }
            case .transferEncoding:
                hasTransferEncoding = true
            case .host:
                hostCount += 1
            case .expect:
                guard field.value.lowercased() == "100-continue" else { throw .expectationFailed }
                expectsContinue = line.minorVersion == 1  // HTTP/1.0 clients never wait (§10.1.1)
            case .connection:
                for token in field.value.lowercased().split(separator: ",") {
                    let option = token.trimmingSpaces()
                    if option == "close" { keepAlive = false }
                    if option == "keep-alive" && line.minorVersion == 0 { keepAlive = true }
                }
            default:
                break
            }
        }
        if hasTransferEncoding {
            throw contentLength == nil ? .chunkedNotSupported : .conflictingFraming
        }
        if line.minorVersion == 1 && hostCount != 1 { throw .missingHost }
        if contentLength == nil && (line.method == "POST" || line.method == "PUT" || line.method == "PATCH") {
            throw .lengthRequired
        }
        let length = contentLength ?? 0
        guard length <= limits.maxBodyBytes else { throw .contentTooLarge(limit: limits.maxBodyBytes) }
        return Framing(contentLength: length, expectsContinue: expectsContinue && length > 0, keepAlive: keepAlive)
    }

    /// Header names are case-insensitive (RFC 9110 §5.1): lowercased once here, from the bytes.
    private func lowercasedString(_ bytes: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> String {
        var hasUpper = false
        for index in start..<end where bytes[index] >= 0x41 && bytes[index] <= 0x5A {
            hasUpper = true
            break
        }
        guard hasUpper else { return string(bytes, start, end) }
        return String(unsafeUninitializedCapacity: end - start) { buffer in
            for offset in 0..<(end - start) {
                let byte = bytes[start + offset]
                buffer[offset] = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
            }
            return end - start
        }
    }

    private func string(_ bytes: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> String {
        String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
    }
}

private let cr: UInt8 = 0x0D
private let lf: UInt8 = 0x0A
private let space: UInt8 = 0x20
private let tab: UInt8 = 0x09
private let colon: UInt8 = 0x3A
private let slash: UInt8 = 0x2F

private func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

/// `tchar` of RFC 9110 §5.6.2.
private func isTokenByte(_ byte: UInt8) -> Bool {
    switch byte {
    case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: return true
    case 0x21, 0x23, 0x24, 0x25, 0x26, 0x27, 0x2A, 0x2B, 0x2D, 0x2E, 0x5E, 0x5F, 0x60, 0x7C, 0x7E: return true
    default: return false
    }
}

extension Substring {
    /// Drops leading and trailing spaces and tabs (OWS, RFC 9110 §5.6.3).
    func trimmingSpaces() -> Substring {
        var result = self
        while let first = result.first, first == " " || first == "\t" { result = result.dropFirst() }
        while let last = result.last, last == " " || last == "\t" { result = result.dropLast() }
        return result
    }
}
