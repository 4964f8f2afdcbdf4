/// An API token the protected routes require as `Authorization: Bearer TOKEN` (RFC 6750 §2.1).
///
/// The comparison takes the same time whatever the candidate's bytes, so response timing does
/// not reveal how much of a guess was right. The token itself is never put in a response, an
/// error message or a log line.
public struct BearerToken: Sendable {
    private let expected: [UInt8]

    /// A token; nil when `token` is empty or holds bytes a header value cannot carry (controls,
    /// spaces, non-ASCII), so a bad token file is refused at start-up rather than never matching.
    public init?(_ token: String) {
        let bytes = Array(token.utf8)
        guard !bytes.isEmpty, bytes.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else { return nil }
        expected = bytes
    }

    /// Whether `request` carries the token; throws 401 (with `WWW-Authenticate`) otherwise.
    public func check(_ request: HTTPRequest) throws(HTTPError) {
        guard let value = request.headers["authorization"] else { throw .unauthorized(reason: "missing") }
        let scheme = "bearer "
        // The scheme is case-insensitive (RFC 9110 §11.1).
        guard value.utf8.count > scheme.utf8.count, value.prefix(scheme.count).lowercased() == scheme else {
            throw .unauthorized(reason: "not a bearer token")
        }
        let candidate = Array(value.utf8.dropFirst(scheme.utf8.count).drop { $0 == 0x20 })
        guard matches(candidate) else { throw .unauthorized(reason: "wrong token") }
    }

    /// Compares in time that depends only on the expected token's length.
    func matches(_ candidate: [UInt8]) -> Bool {
        var difference = UInt8(candidate.count == expected.count ? 0 : 1)
        for index in 0..<expected.count {
            let byte = candidate.isEmpty ? 0 : candidate[index % candidate.count]
            difference |= byte ^ expected[index]
        }
        return difference == 0
    }
}
