import Foundation
import Testing
@testable import HTTPCore

/// The server live on an ephemeral port, with a trivial responder: start, answer, drain, stop.
struct HTTPServerTests {
    final class Echo: RequestResponder {
        let loop: Int
        init(loop: Int) { self.loop = loop }
        func respond(to request: HTTPRequest) -> HTTPResponse {
            HTTPResponse(status: 200, json: "{\"path\":\"\(request.path)\",\"bytes\":\(request.body.count)}")
        }
    }

    /// Sends `request` on a fresh connection and returns everything until the server closes.
    private func roundTrip(port: Int, _ request: String) throws -> String {
        try LiveConnection.rawRoundTrip(port: port, request)
    }

    @Test func servesOnAnEphemeralPortAndStopsCleanly() throws {
        var configuration = ServerConfiguration(host: "127.0.0.1", port: 0, eventLoops: 2)
        configuration.accessLog = false
        let server = HTTPServer(configuration: configuration) { Echo(loop: $0) }
        let port = try server.start()
        #expect(port > 0)
        #expect(server.port == port)
        let answer = try roundTrip(port: port, "POST /x HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\nConnection: close\r\n\r\nabc")
        #expect(answer.hasPrefix("HTTP/1.1 200 OK\r\n"))
        #expect(answer.hasSuffix("\r\n\r\n{\"path\":\"/x\",\"bytes\":3}"))
        #expect(answer.contains("\r\nConnection: close\r\n"))
        #expect(server.metrics.requests(status: 200) == 1)
        server.stop()
        server.waitUntilStopped()
    }

    @Test func malformedRequestGets400AndTheConnectionCloses() throws {
        var configuration = ServerConfiguration(host: "127.0.0.1", port: 0, eventLoops: 1)
        configuration.accessLog = false
        let server = HTTPServer(configuration: configuration) { Echo(loop: $0) }
        let port = try server.start()
        defer {
            server.stop()
            server.waitUntilStopped()
        }
        let answer = try roundTrip(port: port, "NOT HTTP AT ALL\r\n\r\n")
        #expect(answer.hasPrefix("HTTP/1.1 400 Bad Request\r\n"))
        #expect(answer.contains("\"code\":\"bad_request\""))
    }

    @Test func bindingAnAddressInUseIsATypedError() throws {
        var configuration = ServerConfiguration(host: "127.0.0.1", port: 0, eventLoops: 1)
        configuration.accessLog = false
        let first = HTTPServer(configuration: configuration) { Echo(loop: $0) }
        let port = try first.start()
        defer {
            first.stop()
            first.waitUntilStopped()
        }
        // SO_REUSEPORT lets our own loops share a port; a second server by the same user would
        // too, so use an address that cannot be bound instead to check the error path.
        let bad = HTTPServer(configuration: ServerConfiguration(host: "not-an-address", port: port, eventLoops: 1)) { Echo(loop: $0) }
        #expect(throws: SocketError.invalidAddress("not-an-address")) { try bad.start() }
    }
}
