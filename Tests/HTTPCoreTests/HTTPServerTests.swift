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
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        try #require(connected == 0)
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        _ = Array(request.utf8).withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, 0) }
        var received: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = recv(descriptor, &chunk, chunk.count, 0)
            if count <= 0 { break }
            received.append(contentsOf: chunk[..<count])
        }
        return String(decoding: received, as: UTF8.self)
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
