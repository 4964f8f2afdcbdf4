import Foundation
import Testing

/// One request on a fresh connection, read until the server closes it.
enum LiveConnection {
    struct Answer {
        let status: Int
        let headers: [(String, String)]
        let body: String

        func header(_ name: String) -> String? {
            headers.first { $0.0.lowercased() == name.lowercased() }?.1
        }
    }

    static func roundTrip(port: Int, _ request: String) throws -> Answer {
        let text = try rawRoundTrip(port: port, request)
        let parts = text.components(separatedBy: "\r\n\r\n")
        let headLines = (parts.first ?? "").components(separatedBy: "\r\n")
        let status = Int(headLines.first?.split(separator: " ").dropFirst().first ?? "") ?? 0
        let headers = headLines.dropFirst().compactMap { line -> (String, String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        return Answer(status: status, headers: headers, body: parts.dropFirst().joined(separator: "\r\n\r\n"))
    }

    /// Everything the server sends back to `request` until it closes the connection.
    static func rawRoundTrip(port: Int, _ request: String) throws -> String {
        let descriptor = try open(port: port)
        defer { close(descriptor) }
        write(request, to: descriptor)
        return readUntilClosed(descriptor)
    }

    /// A blocking connection to the server on 127.0.0.1, reads timing out after 5 s.
    static func open(port: Int) throws -> Int32 {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            let failure = POSIXErrorCode(rawValue: errno) ?? .ECONNREFUSED
            close(descriptor)
            throw POSIXError(failure)
        }
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        return descriptor
    }

    static func write(_ request: String, to descriptor: Int32) {
        _ = Array(request.utf8).withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, 0) }
    }

    /// What the server sends until it closes the connection (or 5 s pass without a byte).
    static func readUntilClosed(_ descriptor: Int32) -> String {
        var received: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = recv(descriptor, &chunk, chunk.count, 0)
            // A signal delivered to the test process interrupts a blocking read (seen: EINTR with
            // several in-process servers running in parallel; the signal is not one we raise).
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { break }
            received.append(contentsOf: chunk[..<count])
        }
        return String(decoding: received, as: UTF8.self)
    }
}
