import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A running `forecast serve --port 0`, started in a directory, with its bound port read from
/// the first stdout line (`listening on http://HOST:PORT`), waited for with a deadline.
final class ServerProcess {
    struct StartFailure: Error, CustomStringConvertible {
        let description: String
    }

    let process = Process()
    let port: Int
    private let stderrURL: URL
    private let stdoutPipe = Pipe()
    /// With `unreadStderr`: the pipe the server writes its stderr to and nobody reads.
    private let stderrPipe: Pipe?

    /// Starts the server and returns once it accepts connections (or throws with its stderr).
    /// `portArguments` defaults to `--port 0`; pass `[]` to let `PORT` or the default decide.
    /// `unreadStderr` gives it a stderr pipe that is never read (as a careless parent would);
    /// `shellSetup` runs in `/bin/sh` before it `exec`s the server (e.g. `ulimit -f 64`).
    init(
        in directory: URL, arguments: [String] = [], environment: [String: String] = [:],
        portArguments: [String] = ["--port", "0"], timeout: Double = 60,
        unreadStderr: Bool = false, shellSetup: String? = nil
    ) throws {
        stderrURL = directory.appendingPathComponent(".serve-stderr-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: stderrURL.path, contents: nil)
        if let shellSetup {
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", shellSetup + "; exec \"$0\" \"$@\"", ForecastBinary.url.path, "serve"] + portArguments + arguments
        } else {
            process.executableURL = ForecastBinary.url
            process.arguments = ["serve"] + portArguments + arguments
        }
        process.currentDirectoryURL = directory
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = stdoutPipe
        stderrPipe = unreadStderr ? Pipe() : nil
        if let stderrPipe {
            process.standardError = stderrPipe
        } else {
            process.standardError = try FileHandle(forWritingTo: stderrURL)
        }
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let line = ServerProcess.readLine(stdoutPipe.fileHandleForReading.fileDescriptor, timeout: timeout)
        guard let line, line.hasPrefix("listening on http://"), let colon = line.lastIndex(of: ":"),
              let port = Int(line[line.index(after: colon)...])
        else {
            if process.isRunning { process.terminate() }
            process.waitUntilExit()
            let log = (try? String(contentsOf: stderrURL, encoding: .utf8)) ?? ""
            throw StartFailure(description: "serve did not print its listening line (got \(line ?? "nothing")); stderr: \(log)")
        }
        self.port = port
    }

    /// The first line on `descriptor`, or nil at EOF or after `timeout` seconds.
    private static func readLine(_ descriptor: Int32, timeout: Double) -> String? {
        var bytes: [UInt8] = []
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 100) > 0 else { continue }
            var byte: UInt8 = 0
            guard read(descriptor, &byte, 1) == 1 else { return nil }
            if byte == 0x0A { return String(decoding: bytes, as: UTF8.self) }
            bytes.append(byte)
        }
        return nil
    }

    /// Everything the server wrote to stderr so far.
    var stderr: String { (try? String(contentsOf: stderrURL, encoding: .utf8)) ?? "" }

    /// Sends `signal` to the server.
    func send(_ signal: Int32) {
        kill(process.processIdentifier, signal)
    }

    /// Waits up to `timeout` seconds for the server to exit; its status, or nil if still running.
    func waitForExit(timeout: Double = 20) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        guard !process.isRunning else { return nil }
        return process.terminationStatus
    }

    /// Polls `condition` until it holds or `timeout` passes; whether it held.
    static func eventually(timeout: Double = 10, _ condition: () throws -> Bool) rethrows -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        repeat {
            if try condition() { return true }
            usleep(20_000)
        } while Date() < deadline
        return try condition()
    }

    /// The server's resident memory in KiB (`VmRSS`), nil once it exited.
    var residentKiB: Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") })
        else { return nil }
        return Int(line.split(separator: " ", omittingEmptySubsequences: true)[1])
    }

    /// Kills the server if it still runs (test clean-up).
    func stop() {
        if process.isRunning {
            send(SIGKILL)
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: stderrURL)
    }
}
