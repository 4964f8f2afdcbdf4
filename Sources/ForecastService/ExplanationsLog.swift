import ForecastData
#if canImport(Glibc)
import Glibc
#endif

/// The one shape of an explanations log.
struct ExplanationsLogFormat: AppendOnlyCSVFormat {
    static let newFile = ExplanationsLogFormat()
    var header: String { ExplanationLogEntry.header }

    init() {}

    /// A UTF-8 byte order mark and a trailing `\r` are ignored, as in the prediction log.
    init?(header line: Substring) {
        var text = line
        if text.hasPrefix("\u{FEFF}") { text = text.dropFirst() }
        if text.hasSuffix("\r") { text = text.dropLast() }
        guard text == ExplanationLogEntry.header else { return nil }
    }
}

/// `data/explanations_log.csv`: one line per feature of each explained forecast, appended.
///
/// Kept apart from the prediction log so SPEC.md's columns stay as they are; `request_id` joins
/// the two. All lines of one request are one `write` (`AppendOnlyCSV`), issued before its
/// prediction line and before the response: when it fails the request answers 503 and neither
/// log gets a line. Opened at start like the prediction log, so a bad path or a foreign file is
/// reported when the server starts, not on the first explained request; unexplained requests
/// never touch it.
public final class ExplanationsLog: Sendable {
    private let file: AppendOnlyCSV<ExplanationsLogFormat>

    /// Opens (creating the file and its directory if needed) and checks or writes the header.
    public init(path: String, policy: LogFsyncPolicy) throws(ExplanationsLogError) {
        do {
            file = try AppendOnlyCSV(path: path, policy: policy)
        } catch {
            throw ExplanationsLogError(error, path: path)
        }
    }

    /// The path as given.
    public var path: String { file.path }

    /// Appends one line per contribution of `explanation`, all in one `write`.
    public func append(
        _ explanation: PredictionExplanation, timestamp: String, requestID: String, modelVersion: String, forecastDate: String
    ) throws(ExplanationsLogError) {
        do {
            try file.append(reserving: explanation.contributions.count * 128) { _, block in
                for contribution in explanation.contributions {
                    ExplanationLogEntry(
                        timestamp: timestamp, requestID: requestID, modelVersion: modelVersion, forecastDate: forecastDate,
                        expectedValue: explanation.expectedValue, feature: contribution.feature, contribution: contribution.value
                    ).appendCSVLine(to: &block)
                }
            }
        } catch {
            throw ExplanationsLogError(error, path: path)
        }
    }

    /// Flushes to disk if lines were written since the last sync, or unconditionally with `force`.
    public func sync(force: Bool = false) {
        file.sync(force: force)
    }

    /// Opens a new file at `path` if the one being written was rotated away; true when it switched.
    @discardableResult
    public func reopenIfMoved() throws(ExplanationsLogError) -> Bool {
        do {
            return try file.reopenIfMoved()
        } catch {
            throw ExplanationsLogError(error, path: path)
        }
    }

    /// Puts a log truncated in place (copytruncate) back behind its header, as the prediction
    /// log does; the lines carried over, or nil when nothing needed repair.
    @discardableResult
    public func repairIfTruncated(force: Bool = false) throws(ExplanationsLogError) -> Int? {
        do {
            return try file.repairIfTruncated(force: force)
        } catch {
            throw ExplanationsLogError(error, path: path)
        }
    }

    /// Moves lines that reached a log replaced by a repair to the current one.
    public func moveRetiredTail(final: Bool) {
        file.moveRetiredTail(final: final)
    }
}

/// Why the explanations log cannot be opened or appended to, with the fix.
public enum ExplanationsLogError: Error, Equatable, CustomStringConvertible {
    case cannotOpen(path: String, errno: Int32)
    /// The file exists and its first line is not the explanations log's header.
    case headerMismatch(path: String, found: String)
    /// A `write` failed or was short: the explained request answers 503 and is not logged.
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
            return "cannot open the explanations log '\(path)': \(String(cString: strerror(code))); check the path and its permissions or pass --explanations-log"
        case let .headerMismatch(path, found):
            let shown = found.count > 80 ? String(found.prefix(80)) + "…" : found
            return "the explanations log '\(path)' starts with '\(shown)', not '\(ExplanationLogEntry.header)'; move it aside or pass --explanations-log with a new path"
        case let .writeFailed(path, code):
            return "cannot append to the explanations log '\(path)': \(String(cString: strerror(code))); free space for it (or rotate it): explained predictions resume by themselves"
        }
    }
}
