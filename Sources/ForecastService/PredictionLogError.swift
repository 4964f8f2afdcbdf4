import ForecastData
#if canImport(Glibc)
import Glibc
#endif

/// Why the prediction log cannot be opened or appended to, with the fix.
public enum PredictionLogError: Error, Equatable, CustomStringConvertible {
    /// `open`, `flock`, `read` or `mkdir` failed.
    case cannotOpen(path: String, errno: Int32)
    /// The file exists and its first line is not SPEC.md's header: never mix formats.
    case headerMismatch(path: String, found: String)
    /// A `write` failed or was short (disk full, quota): the request must not answer 200.
    case writeFailed(path: String, errno: Int32)

    init(_ failure: AppendOnlyCSVFailure, path: String) {
        switch failure {
        case .cannotOpen(let code): self = .cannotOpen(path: path, errno: code)
        case .headerMismatch(let found): self = .headerMismatch(path: path, found: found)
        case .writeFailed(let code): self = .writeFailed(path: path, errno: code)
        }
    }

    public var description: String {
        switch self {
        case let .cannotOpen(path, code):
            return "cannot open the prediction log '\(path)': \(String(cString: strerror(code))); check the path and its permissions or pass --log"
        case let .headerMismatch(path, found):
            let shown = found.count > 80 ? String(found.prefix(80)) + "…" : found
            return "the prediction log '\(path)' starts with '\(shown)', not '\(PredictionLogEntry.header)' (nor the older five-column header); move it aside or pass --log with a new path"
        case let .writeFailed(path, code):
            return "cannot append to the prediction log '\(path)': \(String(cString: strerror(code))); free space for it (or rotate it): predictions resume by themselves"
        }
    }
}
