import Testing
@testable import HTTPCore

struct BearerTokenTests {
    private func request(_ authorization: String?) -> HTTPRequest {
        HTTPRequest(method: "GET", path: "/metrics", headers: HTTPHeaders(authorization.map { [("Authorization", $0)] } ?? []))
    }

    @Test func acceptsOnlyTheExactTokenWithTheBearerScheme() throws {
        let token = try #require(BearerToken("abc123"))
        try token.check(request("Bearer abc123"))
        try token.check(request("bearer  abc123"))
        for value in [nil, "Bearer", "Bearer ", "Basic abc123", "Bearer abc12", "Bearer abc1234", "Bearer ABC123", "Bearerabc123"] {
            #expect(throws: HTTPError.self, "\(value ?? "none")") { try token.check(request(value)) }
        }
    }

    @Test func comparisonCoversEveryByteWhateverTheCandidateLength() throws {
        let token = try #require(BearerToken("abcd"))
        #expect(token.matches(Array("abcd".utf8)))
        #expect(!token.matches([]))
        #expect(!token.matches(Array("ab".utf8)))  // "ab" repeated is "abab", and lengths differ
        #expect(!token.matches(Array("abcdabcd".utf8)))
    }

    @Test func refusalIs401WithWWWAuthenticateAndNeverEchoesTheToken() throws {
        let token = try #require(BearerToken("topsecret"))
        do {
            try token.check(request("Bearer topsecreT"))
            Issue.record("accepted a wrong token")
        } catch {
            let response = error.response
            #expect(response.status == 401)
            #expect(response.headers.contains { $0.0 == "WWW-Authenticate" && $0.1.hasPrefix("Bearer") })
            #expect(!String(decoding: response.body, as: UTF8.self).lowercased().contains("topsecret"))
        }
    }

    @Test func emptyOrUnprintableTokensAreRefused() {
        #expect(BearerToken("") == nil)
        #expect(BearerToken("has space") == nil)
        #expect(BearerToken("tab\there") == nil)
        #expect(BearerToken("é") == nil)
    }
}
