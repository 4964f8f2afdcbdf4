import Foundation
import Testing
@testable import HTTPCore

/// Many keep-alive clients at once, so that epoll batches hold several connections: every
/// answer arrives whole and in order whether a batch is sent through the io_uring ring or with
/// one `send` per connection (`ServerConfiguration.batchedSends`).
struct BatchedSendTests {
    final class Numbered: RequestResponder {
        func respond(to request: HTTPRequest) -> HTTPResponse {
            let size = Int(request.path.dropFirst(3)) ?? 0
            return HTTPResponse(status: 200, json: "\"\(request.path)" + String(repeating: "x", count: size) + "\"")
        }
    }

    @Test(arguments: [true, false])
    func everyClientGetsItsAnswersInOrder(batched: Bool) throws {
        var configuration = ServerConfiguration(host: "127.0.0.1", port: 0, eventLoops: 2)
        configuration.accessLog = false
        configuration.batchedSends = batched
        let server = HTTPServer(configuration: configuration) { _ in Numbered() }
        let port = try server.start()
        defer {
            server.stop()
            server.waitUntilStopped()
        }
        // Every client connects and writes all its (pipelined) requests before any reads, so
        // that the loops find several connections ready in one epoll batch.
        let clients = 16, requestsEach = 20
        let paths = (0..<clients).map { client in
            // Most outboxes fit the loop's 64 KiB staging buffer (the ring); every fourth
            // client's do not (they are sent with `send`, beside the ring's in the same batch).
            (0..<requestsEach).map { "/\(client % 10)/\(($0 * 977 + client * 131) % (client % 4 == 3 ? 70_000 : 2_000))" }
        }
        let descriptors = try paths.map { _ in try LiveConnection.open(port: port) }
        defer { for descriptor in descriptors { close(descriptor) } }
        for (client, descriptor) in descriptors.enumerated() {
            let request = paths[client].enumerated().map { index, path in
                "GET \(path) HTTP/1.1\r\nHost: h\r\n" + (index == requestsEach - 1 ? "Connection: close\r\n" : "") + "\r\n"
            }.joined()
            LiveConnection.write(request, to: descriptor)
        }
        for (client, descriptor) in descriptors.enumerated() {
            let bodies = LiveConnection.readUntilClosed(descriptor).components(separatedBy: "HTTP/1.1 200 OK\r\n").dropFirst().map {
                String($0.components(separatedBy: "\r\n\r\n").last ?? "")
            }
            let expected = paths[client].map { path in
                "\"\(path)" + String(repeating: "x", count: Int(path.dropFirst(3)) ?? 0) + "\""
            }
            let firstWrong = bodies.indices.first { $0 >= expected.count || bodies[$0] != expected[$0] }
            #expect(bodies.count == expected.count && firstWrong == nil, "client \(client): answer \(firstWrong ?? bodies.count) of \(requestsEach) is wrong or missing")
        }
        #expect(server.metrics.requests(status: 200) == clients * requestsEach)
    }
}
