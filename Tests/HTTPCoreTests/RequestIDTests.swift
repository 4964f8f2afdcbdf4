import Foundation
import Testing
@testable import HTTPCore

/// Every answer carries `X-Request-Id` (the client's when safe, else made by the loop), the
/// responder sees the same id, and the access line ends with it.
struct RequestIDTests {
    /// Answers with the id it was handed, so the test can compare it with the header.
    final class IDEcho: RequestResponder {
        func respond(to request: HTTPRequest) -> HTTPResponse {
            request.path == "/missing"
                ? HTTPError.notFound(path: request.path).response
                : HTTPResponse(status: 200, json: "{\"id\":\"\(request.id)\"}")
        }
    }

    @Test(arguments: [
        ("abc-123.X:9_z", true), ("a", true), (String(repeating: "x", count: 128), true),
        ("", false), ("a,b", false), ("a b", false), ("é", false), ("a\"b", false), (String(repeating: "x", count: 129), false),
    ])
    func aClientIdIsKeptOnlyWhenSafeToEchoAndLog(id: String, kept: Bool) {
        let headers = HTTPHeaders([("X-Request-Id", id)])
        #expect((RequestID.fromClient(headers) == id) == kept)
    }

    @Test func madeIdsAreUniquePerLoopAndCarryTheLoop() {
        var first = RequestIDGenerator(loop: 0)
        var second = RequestIDGenerator(loop: 1)
        let ids = (0..<1000).map { _ in first.next() } + (0..<1000).map { _ in second.next() }
        #expect(Set(ids).count == 2000)
        #expect(ids[0].hasSuffix("-0-1") && ids[1000].hasSuffix("-1-1"))
        let prefix = String(ids[0].dropLast())
        #expect(ids[0..<1000].enumerated().allSatisfy { $1 == prefix + String($0 + 1) })
    }

    @Test func everyAnswerCarriesTheIdTheResponderSawAndTheAccessLineEndsWithIt() throws {
        var pipeEnds: [Int32] = [0, 0]
        try #require(pipe(&pipeEnds) == 0)
        defer { close(pipeEnds[0]) }
        var configuration = ServerConfiguration(host: "127.0.0.1", port: 0, eventLoops: 1)
        configuration.accessLog = true
        let writer = LineWriter(descriptor: pipeEnds[1])
        let server = HTTPServer(configuration: configuration, metrics: ServerMetrics(loops: 1, accessLogWriter: writer)) { _ in IDEcho() }
        let port = try server.start()

        let echoed = try LiveConnection.roundTrip(port: port, "GET /x HTTP/1.1\r\nHost: h\r\nX-Request-Id: shop-42\r\nConnection: close\r\n\r\n")
        #expect(echoed.header("X-Request-Id") == "shop-42")
        #expect(echoed.body == "{\"id\":\"shop-42\"}")
        let replaced = try LiveConnection.roundTrip(port: port, "GET /x HTTP/1.1\r\nHost: h\r\nX-Request-Id: a,b\r\nConnection: close\r\n\r\n")
        let made = try #require(replaced.header("X-Request-Id"))
        #expect(made != "a,b" && replaced.body == "{\"id\":\"\(made)\"}")
        let missing = try LiveConnection.roundTrip(port: port, "GET /missing HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n")
        #expect(missing.status == 404)
        let notFoundID = try #require(missing.header("X-Request-Id"))
        let malformed = try LiveConnection.roundTrip(port: port, "NOT HTTP AT ALL\r\n\r\n")
        #expect(malformed.status == 400)
        let malformedID = try #require(malformed.header("X-Request-Id"))
        #expect(Set([made, notFoundID, malformedID]).count == 3)

        server.stop()
        server.waitUntilStopped()
        close(pipeEnds[1])
        let lines = String(decoding: FileHandle(fileDescriptor: pipeEnds[0]).readDataToEndOfFile(), as: UTF8.self)
            .split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
        #expect(lines.map { $0.first ?? "" } == ["GET", "GET", "GET", "-"])
        #expect(lines.map { $0.last ?? "" } == ["shop-42", made, notFoundID, malformedID])
    }
}
