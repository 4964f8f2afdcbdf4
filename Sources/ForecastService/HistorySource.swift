import ForecastData
#if canImport(Glibc)
import Glibc
#endif

/// A daily history as the server holds it: the days, and where and when they were read.
public struct LoadedHistory: Sendable, Equatable {
    public var history: DailyHistory
    /// The file it was read from.
    public var path: String
    /// When it was read, ISO 8601 UTC with milliseconds.
    public var loadedAt: String

    public init(history: DailyHistory, path: String, loadedAt: String) {
        self.history = history
        self.path = path
        self.loadedAt = loadedAt
    }
}

/// Where the daily history comes from: a cheap change token for polling and a full load.
public protocol HistorySource: Sendable {
    /// Where it reads from, for messages.
    var path: String { get }
    /// A token that changes when the data may have; nil when there is none (no file).
    func currentToken() -> String?
    /// Reads and validates the whole history.
    func load() throws -> DailyHistory
}

/// The features file (`data/processed/features_daily.csv`) as the history's source. Its token is
/// the file's inode, size and modification time, so `forecast etl`'s atomic rename (a new
/// inode) and an edit in place are both seen.
public struct FeaturesFileHistorySource: HistorySource {
    public let path: String

    public init(path: String) {
        self.path = path
    }

    public func currentToken() -> String? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        return "\(status.st_ino):\(status.st_size):\(status.st_mtim.tv_sec).\(status.st_mtim.tv_nsec)"
    }

    public func load() throws -> DailyHistory {
        let records = try FeaturesFile.read(from: path)
        guard let history = DailyHistory(records: records) else {
            throw HistoryLoadError(problem: "\(path) has no rows; run 'forecast etl' on an export that covers at least two days")
        }
        return history
    }
}

/// A history file that reads but holds nothing usable.
struct HistoryLoadError: Error, CustomStringConvertible {
    let problem: String
    var description: String { problem }
}
