import Foundation
import Testing
@testable import HTTPCore

/// `SendRing` against real sockets: several sends in one submit, a full socket buffer, a
/// closed peer. Skipped only where the kernel refuses io_uring (the server then uses `send`).
@Suite(.enabled(if: SendRing() != nil, "this kernel does not offer io_uring"))
struct SendRingTests {
    /// A connected pair of Unix stream sockets; the sending end is non-blocking, as the loop's are.
    private func socketPair() throws -> (sender: Int32, receiver: Int32) {
        var pair: [Int32] = [0, 0]
        try #require(socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &pair) == 0)
        _ = fcntl(pair[0], F_SETFL, fcntl(pair[0], F_GETFL) | O_NONBLOCK)
        return (pair[0], pair[1])
    }

    private func receive(_ descriptor: Int32, count: Int) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        let received = bytes.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, count, Int32(MSG_WAITALL)) }
        return Array(bytes.prefix(max(0, received)))
    }

    @Test func oneSubmitSendsToEverySocketAndReportsEachByItsTag() throws {
        let ring = try #require(SendRing(capacity: 8))
        let pairs = try (0..<5).map { _ in try socketPair() }
        defer { for pair in pairs { close(pair.sender); close(pair.receiver) } }
        let messages = (0..<5).map { Array("response \($0) ".utf8) + [UInt8](repeating: UInt8(65 + $0), count: 100 * $0) }
        var results: [Int: Socket.IOResult?] = [:]
        let intact = withExtendedLifetime(messages) {
            for (index, message) in messages.enumerated() {
                message.withUnsafeBytes { ring.queueSend(pairs[index].sender, $0, tag: 10 + index) }
            }
            return ring.submit { tag, result in results[tag] = result }
        }
        #expect(intact)
        #expect(results.count == 5)
        for (index, message) in messages.enumerated() {
            #expect(results[10 + index] == .bytes(message.count))
            #expect(receive(pairs[index].receiver, count: message.count) == message)
        }
    }

    @Test func aFullSocketBufferIsWouldBlockAndAClosedPeerIsClosed() throws {
        let ring = try #require(SendRing(capacity: 4))
        let full = try socketPair(), gone = try socketPair()
        defer { close(full.sender); close(full.receiver); close(gone.sender) }
        let chunk = [UInt8](repeating: 7, count: 64 * 1024)
        while chunk.withUnsafeBytes({ send(full.sender, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }) > 0 {}
        close(gone.receiver)
        var results: [Int: Socket.IOResult?] = [:]
        chunk.withUnsafeBytes {
            ring.queueSend(full.sender, UnsafeRawBufferPointer(rebasing: $0[0..<100]), tag: 1)
            ring.queueSend(gone.sender, UnsafeRawBufferPointer(rebasing: $0[0..<100]), tag: 2)
            #expect(ring.submit { tag, result in results[tag] = result })
        }
        #expect(results[1] == .wouldBlock)
        #expect(results[2] == .closed)
    }

    @Test func theRingTakesAsManySendsAsItsCapacityBetweenSubmits() throws {
        let ring = try #require(SendRing(capacity: 4))
        let pair = try socketPair()
        defer { close(pair.sender); close(pair.receiver) }
        let byte: [UInt8] = [42]
        for round in 0..<3 {
            var sent = 0
            var results: [Socket.IOResult?] = []
            let intact = byte.withUnsafeBytes {
                while ring.hasRoom {
                    ring.queueSend(pair.sender, $0, tag: sent)
                    sent += 1
                }
                return ring.submit { _, result in results.append(result) }
            }
            #expect(intact)
            #expect(sent == ring.capacity, "round \(round)")
            #expect(results == [Socket.IOResult?](repeating: .bytes(1), count: sent))
            #expect(receive(pair.receiver, count: sent) == [UInt8](repeating: 42, count: sent))
        }
    }
}
