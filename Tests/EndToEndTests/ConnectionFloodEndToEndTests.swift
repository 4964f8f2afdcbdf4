import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Many hostile connections at once: a flood of 10,000 sockets, clients that trickle one byte a
/// second, clients that pipeline large responses and never read. The server keeps to
/// `--max-connections`, answers a well-behaved client, and its memory stays bounded.
@Suite struct ConnectionFloodEndToEndTests {
    /// Raises this process's descriptor limit to its hard limit (10,000 sockets need it).
    static func raiseDescriptorLimit() -> Int {
        var limit = rlimit()
        let resource = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
        getrlimit(resource, &limit)
        limit.rlim_cur = limit.rlim_max
        setrlimit(resource, &limit)
        return Int(limit.rlim_cur)
    }

    /// A non-blocking connect to 127.0.0.1:`port` (it completes in the background); the descriptor.
    static func startConnect(port: Int) -> Int32? {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
        guard descriptor >= 0 else { return nil }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        _ = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        return descriptor
    }

    /// One fresh-connection `GET /`, timed in two parts, or nil when it was not answered 200:
    /// `connect` (the handshake) and `exchange` (from the established connection to the answer).
    static func timedRequest(port: Int) -> (connect: Double, exchange: Double)? {
        let started = Date()
        guard let client = try? RawHTTPClient(port: port, timeout: 5) else { return nil }
        let connected = Date()
        guard let response = try? client.exchange("GET", "/"), response.status == 200 else { return nil }
        return (connected.timeIntervalSince(started), Date().timeIntervalSince(connected))
    }

    @Test func floodSlowClientsAndNonReadersStayWithinTheCapAndAWellBehavedClientIsServed() throws {
        let available = ConnectionFloodEndToEndTests.raiseDescriptorLimit()
        let floodSize = min(10_000, available - 500)
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let cap = 256
        let server = try ServerProcess(in: directory.url, arguments: [
            "--max-connections", String(cap), "--threads", "2", "--quiet", "--request-timeout", "3", "--write-timeout", "2",
        ])
        defer { server.stop() }
        let port = server.port
        let usual = (0..<20).compactMap { _ in ConnectionFloodEndToEndTests.timedRequest(port: port) }.map { $0.connect + $0.exchange }.sorted()
        #expect(usual.count == 20)
        let residentBefore = try #require(server.residentKiB)

        // Clients that pipeline 2,000 requests for the docs page and never read a byte.
        var nonReaders: [RawHTTPClient] = []
        let pipelined = String(repeating: "GET /docs HTTP/1.1\r\nHost: x\r\n\r\n", count: 2000)
        for _ in 0..<20 {
            let client = try RawHTTPClient(port: port)
            try client.send(pipelined)
            nonReaders.append(client)
        }
        // Slowloris clients: one byte of a request head per second.
        let head = Array("GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ".utf8)
        var slow: [RawHTTPClient] = []
        for _ in 0..<50 { slow.append(try RawHTTPClient(port: port)) }
        // The flood: connections opened at once that never send anything.
        var flood: [Int32] = []
        for _ in 0..<floodSize {
            if let descriptor = ConnectionFloodEndToEndTests.startConnect(port: port) { flood.append(descriptor) }
        }
        defer { for descriptor in flood { close(descriptor) } }
        #expect(flood.count == floodSize)

        var latencies: [Double] = []
        var connects: [Double] = []
        var exchanges: [Double] = []
        var failures = 0
        var mostOpen = 0
        let started = Date()
        var nextByte = started
        var byteIndex = 0
        while Date().timeIntervalSince(started) < 3.5 {
            if Date() >= nextByte {
                for client in slow { try? client.send([head[byteIndex % head.count]]) }
                byteIndex += 1
                nextByte = nextByte.addingTimeInterval(1)
            }
            // A connection accepted from behind the flood in the backlog can be the one evicted at
            // the cap (seen once on a loaded machine); a client retries once, as a real one would.
            if let timed = ConnectionFloodEndToEndTests.timedRequest(port: port) ?? ConnectionFloodEndToEndTests.timedRequest(port: port) {
                latencies.append(timed.connect + timed.exchange)
                connects.append(timed.connect)
                exchanges.append(timed.exchange)
            } else {
                failures += 1
            }
            if let open = try? FaultEndToEndTests.metric("http_connections_open", port: port) { mostOpen = max(mostOpen, open) }
            usleep(50_000)
        }
        let residentDuring = try #require(server.residentKiB)
        latencies.sort()
        connects.sort()
        exchanges.sort()
        let resentSYNs = connects.filter { $0 >= 0.9 }.count
        let median = latencies.isEmpty ? 0 : latencies[latencies.count / 2]
        print("flood: \(flood.count) connections, usual median \(usual[usual.count / 2] * 1000) ms, under flood median \(median * 1000) ms, "
              + "max \((latencies.last ?? 0) * 1000) ms (connect \((connects.last ?? 0) * 1000) ms, \(resentSYNs) with a resent SYN; "
              + "answer after connect \((exchanges.last ?? 0) * 1000) ms), \(latencies.count) answered, \(failures) failed, most open \(mostOpen), "
              + "RSS \(residentBefore) → \(residentDuring) KiB")
        #expect(failures == 0)
        #expect(latencies.count >= 10)
        // Generous bounds (the machine is shared): a flood must not turn milliseconds into seconds.
        #expect(median < 0.5)
        // One request may wait for one retransmission by the kernel, whatever the server does:
        // while the flood's own resent SYNs keep the listen backlog full, the kernel drops a SYN
        // (the client resends it after its 1 s initial timeout) or the handshake's last ACK (the
        // SYN-ACK is resent after 1 s). Seen in CI at 1.025 s. A second one would come at 3 s.
        #expect((latencies.last ?? 10) < 2.5)
        // The cap, plus at most one transient newcomer per loop while an eviction makes room.
        #expect(mostOpen <= cap + 2)
        // 20 non-readers hold at most `pendingOutputLimit` (256 KiB) of responses each.
        #expect(residentDuring - residentBefore < 96 * 1024, "RSS grew from \(residentBefore) to \(residentDuring) KiB")
        // The trickling clients were cut off (request timeout or eviction), the non-readers dropped.
        #expect(slow.allSatisfy { $0.isClosedByServer(within: 3) })
        #expect(nonReaders.allSatisfy { $0.drainUntilClosed(timeout: 3) != nil })
    }

    @Test func manyPipelinedLargeResponsesArriveWholeAndInOrderToAReader() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let server = try ServerProcess(in: directory.url, arguments: ["--quiet"])
        defer { server.stop() }
        let client = try RawHTTPClient(port: server.port)
        let docs = try client.exchange("GET", "/docs")
        // Far more response bytes than the per-connection limit, requested in one send.
        let count = max(100, 3 * 256 * 1024 / max(1, docs.body.count))
        try client.send(String(repeating: "GET /docs HTTP/1.1\r\nHost: x\r\n\r\nGET /nope HTTP/1.1\r\nHost: x\r\n\r\n", count: count))
        for _ in 0..<count {
            let page = try client.readResponse()
            #expect(page.status == 200 && page.body == docs.body)
            #expect(try client.readResponse().status == 404)
        }
    }
}
