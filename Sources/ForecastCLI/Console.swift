#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Where commands write: stdout for results, stderr for errors, summaries and progress.
///
/// Writes go straight to the file descriptors (no buffering surprises when a test reads both
/// streams of a child process).
public struct Console: Sendable {
    public init() {}

    /// Writes `text` followed by a newline to stdout.
    public func out(_ text: String) {
        write(text + "\n", to: STDOUT_FILENO)
    }

    /// Writes `text` followed by a newline to stderr.
    public func err(_ text: String) {
        write(text + "\n", to: STDERR_FILENO)
    }

    /// Writes `text` as is (no newline) to stderr: for `\r` progress lines.
    public func errRaw(_ text: String) {
        write(text, to: STDERR_FILENO)
    }

    /// True when stderr is a terminal: progress lines are shown only then.
    public var stderrIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    private func write(_ text: String, to descriptor: Int32) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { buffer in
                Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                return  // a closed pipe: nothing sensible left to report to
            }
            offset += written
        }
    }
}
