import Testing
@testable import HTTPCore

/// Routing: exact paths, HEAD through GET, 404 and 405 with Allow, handler errors as responses.
struct RouterTests {
    final class Box {}

    private func makeResponder() -> RouterResponder<Box> {
        var router = Router<Box>()
        router.get("/a") { _, _ in HTTPResponse(status: 200, json: "\"a\"") }
        router.post("/a") { _, _ in HTTPResponse(status: 200, json: "\"post\"") }
        router.post("/fail") { _, _ throws(HTTPError) in throw .unprocessable("bad field") }
        return router.buildResponder()
    }

    @Test func exactPathAndMethodReachTheirHandler() {
        let responder = makeResponder()
        #expect(responder.respond(to: HTTPRequest(method: "GET", path: "/a"), context: Box()).body == Array("\"a\"".utf8))
        #expect(responder.respond(to: HTTPRequest(method: "POST", path: "/a"), context: Box()).body == Array("\"post\"".utf8))
    }

    @Test func headIsAnsweredByTheGetHandler() {
        #expect(makeResponder().respond(to: HTTPRequest(method: "HEAD", path: "/a"), context: Box()).status == 200)
    }

    @Test func unknownPathIs404AndWrongMethodIs405WithAllow() {
        let responder = makeResponder()
        #expect(responder.respond(to: HTTPRequest(method: "GET", path: "/a/"), context: Box()).status == 404)
        let wrong = responder.respond(to: HTTPRequest(method: "DELETE", path: "/a"), context: Box())
        #expect(wrong.status == 405)
        #expect(wrong.headers.contains { $0.0 == "Allow" && $0.1 == "GET, HEAD, POST" })
    }

    @Test func thrownErrorBecomesItsStatusAndBody() {
        let response = makeResponder().respond(to: HTTPRequest(method: "POST", path: "/fail"), context: Box())
        #expect(response.status == 422)
        #expect(String(decoding: response.body, as: UTF8.self) == "{\"error\":{\"code\":\"validation_error\",\"message\":\"bad field\"}}")
    }
}
