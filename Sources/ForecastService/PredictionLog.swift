import ForecastData

/// When the prediction and explanations logs are flushed to stable storage (`--log-fsync`).
public enum LogFsyncPolicy: String, Sendable, CaseIterable {
    /// `fdatasync` after every line, before the response: survives power loss, costs a disk
    /// flush per request (milliseconds on most disks).
    case always
    /// `fdatasync` about once a second when lines were written (the default): a crash of the
    /// process loses nothing (lines are in the page cache once `write` returns), power loss at
    /// most the last second.
    case batch
    /// Leave flushing to the kernel (typically within 30 s); shutdown still syncs.
    case never
}

extension PredictionLogShape: AppendOnlyCSVFormat {
    static var newFile: PredictionLogShape { .calendar }
}

/// `data/predictions_log.csv`: one line per successful prediction, appended.
///
/// Each line, or each batch of lines, is exactly one `write`, issued before the response is
/// sent; see `AppendOnlyCSV` for how lines stay whole across threads, processes, a full disk
/// and log rotation (`reopenIfMoved()` and `repairIfTruncated()`: the maintenance thread, about
/// once a second, and SIGHUP).
public final class PredictionLog: Sendable {
    private let file: AppendOnlyCSV<PredictionLogShape>

    /// Opens (creating the file and its directory if needed) and checks or writes the header.
    public init(path: String, policy: LogFsyncPolicy) throws(PredictionLogError) {
        do {
            file = try AppendOnlyCSV(path: path, policy: policy)
        } catch {
            throw PredictionLogError(error, path: path)
        }
    }

    /// The path as given.
    public var path: String { file.path }
    /// The flush policy.
    public var policy: LogFsyncPolicy { file.policy }

    /// The shape of the file's header, kept for every line appended: a log started before the
    /// calendar columns stays five-column, so one file never mixes shapes.
    public var shape: PredictionLogShape { file.format }

    /// Appends `entry`'s line in one `write`.
    public func append(_ entry: PredictionLogEntry) throws(PredictionLogError) {
        try append(CollectionOfOne(entry))
    }

    /// Appends several lines in one `write` (they are logged whole or not at all).
    public func append(_ entries: some Collection<PredictionLogEntry>) throws(PredictionLogError) {
        try append(Array(entries), numbers: [])
    }

    /// `append(entries)`, with `numbers[i]` being `entries[i]`'s numbers as its answer already
    /// formatted them (or no numbers at all: each line formats its own).
    func append(_ entries: [PredictionLogEntry], numbers: [PredictionNumbers]) throws(PredictionLogError) {
        precondition(numbers.isEmpty || numbers.count == entries.count, "one set of numbers per entry")
        guard !entries.isEmpty else { return }
        do {
            try file.append(reserving: entries.count * 192) { shape, block in
                // By index: a `for entry in` loop copies each entry (a dozen reference counts).
                for index in entries.indices {
                    let formatted = numbers.isEmpty ? nil : numbers[index]
                    entries[index].appendCSVLine(shape: shape, numbers: formatted, to: &block)
                }
            }
        } catch {
            throw PredictionLogError(error, path: path)
        }
    }

    /// Flushes to disk if lines were written since the last sync (the `batch` timer), or
    /// unconditionally with `force` (shutdown, whatever the policy).
    public func sync(force: Bool = false) {
        file.sync(force: force)
    }

    /// Opens a new file at `path` if the one being written is no longer there (renamed or
    /// deleted, as log rotation does); true when it switched. A failure (e.g. the folder is
    /// gone) keeps the old file and is thrown.
    @discardableResult
    public func reopenIfMoved() throws(PredictionLogError) -> Bool {
        do {
            return try file.reopenIfMoved()
        } catch {
            throw PredictionLogError(error, path: path)
        }
    }

    /// Repairs the log if it was truncated in place (copytruncate); the number of lines carried
    /// over to the repaired file, or nil when nothing needed repair. A failure is thrown, and
    /// the same truncated file is tried again only with `force` (SIGHUP).
    @discardableResult
    public func repairIfTruncated(force: Bool = false) throws(PredictionLogError) -> Int? {
        do {
            return try file.repairIfTruncated(force: force)
        } catch {
            throw PredictionLogError(error, path: path)
        }
    }

    /// Moves lines that reached a log replaced by a repair to the current one; with `final`
    /// (shutdown, nothing in flight) stops watching the replaced one.
    public func moveRetiredTail(final: Bool) {
        file.moveRetiredTail(final: final)
    }
}
