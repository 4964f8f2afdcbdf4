import Foundation
import Synchronization
import Testing
@testable import HTTPCore

/// Answers marked `awaitsCommit` go out only after the responder's commit, in their place among
/// the connection's other answers; a failed commit replaces exactly those answers.
struct GroupCommitTests {
    final class Promising: RequestResponder, Sendable {
        let failing: Bool
        let commits = Atomic<Int>(0)
        let promisedSinceCommit = Mutex(0)

        init(failing: Bool) {
            self.failing = failing
        }

        func respond(to request: HTTPRequest) -> HTTPResponse {
            guard request.path == "/promise" else { return HTTPResponse(status: 200, json: "\"plain\"") }
            promisedSinceCommit.withLock { $0 += 1 }
            var response = HTTPResponse(status: 200, json: "\"promised\"")
            response.awaitsCommit = true
            return response
        }

        func commit() -> HTTPResponse? {
            let promised = promisedSinceCommit.withLock { count in
                defer { count = 0 }
                return count
            }
            #expect(promised > 0, "commit is called only when an answer waits for it")
            commits.wrappingAdd(1, ordering: .relaxed)
            return failing ? HTTPError.serviceUnavailable(code: "log_unavailable", message: "disk full").response : nil
        }
    }

    /// Sends four pipelined requests in one write and returns the bodies in arrival order.
    private func pipelined(failing: Bool) throws -> (bodies: [String], statuses: [Int], commits: Int, served: ServerMetrics) {
        var configuration = ServerConfiguration(host: "127.0.0.1", port: 0, eventLoops: 1)
        configuration.accessLog = false
        let responder = Promising(failing: failing)
        let server = HTTPServer(configuration: configuration) { _ in responder }
        let port = try server.start()
        defer {
            server.stop()
            server.waitUntilStopped()
        }
        let request = ["/plain", "/promise", "/plain", "/promise"].enumerated().map { index, path in
            "GET \(path) HTTP/1.1\r\nHost: h\r\n" + (index == 3 ? "Connection: close\r\n" : "") + "\r\n"
        }.joined()
        let text = try LiveConnection.rawRoundTrip(port: port, request)
        let messages = text.components(separatedBy: "HTTP/1.1 ").dropFirst()
        let statuses = messages.map { Int($0.prefix(3)) ?? 0 }
        let bodies = messages.map { String($0.components(separatedBy: "\r\n\r\n").last ?? "") }
        return (bodies, statuses, responder.commits.load(ordering: .relaxed), server.metrics)
    }

    @Test func promisedAnswersAreSentAfterOneCommitInTheirPlace() throws {
        let (bodies, statuses, commits, metrics) = try pipelined(failing: false)
        #expect(bodies == ["\"plain\"", "\"promised\"", "\"plain\"", "\"promised\""])
        #expect(statuses == [200, 200, 200, 200])
        #expect(commits == 1)
        #expect(metrics.requests(status: 200) == 4)
    }

    @Test func aFailedCommitReplacesExactlyThePromisedAnswers() throws {
        let (bodies, statuses, commits, metrics) = try pipelined(failing: true)
        #expect(statuses == [200, 503, 200, 503])
        #expect(bodies[0] == "\"plain\"" && bodies[2] == "\"plain\"")
        #expect(bodies[1].contains("\"log_unavailable\"") && bodies[3].contains("\"log_unavailable\""))
        #expect(commits == 1)
        #expect(metrics.requests(status: 200) == 2 && metrics.requests(status: 503) == 2)
    }
}
