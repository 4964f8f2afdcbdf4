import ForecastData
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// When the prediction log is flushed to stable storage (`--log-fsync`).
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

/// `data/predictions_log.csv`: one line per successful prediction, appended.
///
/// Opened with `O_APPEND`, so every `write` lands at the end of the file atomically with respect
/// to other writers (threads and processes alike); each line, or each batch of lines, is
/// exactly one `write`, issued before the response is sent. No user-space lock: the kernel's
/// per-file append is the only serialisation. The header is written under `flock` when the file
/// is empty, so servers starting together write it once.
public final class PredictionLog: Sendable {
    /// The path as given.
    public let path: String
    /// The flush policy.
    public let policy: LogFsyncPolicy
    /// The shape of the file's header, kept for every line appended: a log started before the
    /// calendar columns stays five-column, so one file never mixes shapes.
    public let shape: PredictionLogShape
    private let descriptor: Int32
    private let dirty = Atomic<Bool>(false)

    /// Opens (creating the file and its directory if needed) and checks or writes the header.
    public init(path: String, policy: LogFsyncPolicy) throws(PredictionLogError) {
        self.path = path
        self.policy = policy
        try PredictionLog.createParentDirectory(of: path)
        let descriptor = open(path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw .cannotOpen(path: path, errno: errno) }
        do throws(PredictionLogError) {
            shape = try PredictionLog.prepare(descriptor, path: path)
        } catch {
            close(descriptor)
            throw error
        }
        self.descriptor = descriptor
    }

    deinit {
        close(descriptor)
    }

    /// Appends `entry`'s line in one `write`.
    public func append(_ entry: PredictionLogEntry) throws(PredictionLogError) {
        var line = entry.csvLine(shape: shape)
        if let failure = line.withUTF8({ write($0) }) { throw .writeFailed(path: path, errno: failure) }
    }

    /// Appends several lines in one `write` (a batch is logged whole or not at all).
    public func append(_ entries: [PredictionLogEntry]) throws(PredictionLogError) {
        guard !entries.isEmpty else { return }
        var block = ""
        block.reserveCapacity(entries.count * 80)
        for entry in entries { block += entry.csvLine(shape: shape) }
        if let failure = block.withUTF8({ write($0) }) { throw .writeFailed(path: path, errno: failure) }
    }

    /// Flushes to disk if lines were written since the last sync (the `batch` timer), or
    /// unconditionally with `force` (shutdown, whatever the policy).
    public func sync(force: Bool = false) {
        if dirty.exchange(false, ordering: .acquiringAndReleasing) || force { _ = fdatasync(descriptor) }
    }

    /// One `write` of `bytes`; nil on success, else the `errno` to report.
    private func write(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32? {
        var result: Int
        repeat {
            result = Glibc.write(descriptor, bytes.baseAddress, bytes.count)
        } while result < 0 && errno == EINTR
        // A short write to a regular file means the disk is full: report it (the caller
        // answers 500); retrying the rest would be a second write others could interleave with.
        guard result == bytes.count else { return result < 0 ? errno : ENOSPC }
        switch policy {
        case .always: _ = fdatasync(descriptor)
        case .batch: dirty.store(true, ordering: .relaxed)
        case .never: break
        }
        return nil
    }

    /// Under an exclusive `flock`: writes the header to an empty file, reads its shape
    /// otherwise, and ends a last line left without its newline (a disk-full write) so new lines
    /// start clean.
    private static func prepare(_ descriptor: Int32, path: String) throws(PredictionLogError) -> PredictionLogShape {
        guard flock(descriptor, LOCK_EX) == 0 else { throw .cannotOpen(path: path, errno: errno) }
        defer { flock(descriptor, LOCK_UN) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw .cannotOpen(path: path, errno: errno) }
        if status.st_size == 0 {
            let header = Array((PredictionLogEntry.header + "\n").utf8)
            guard Glibc.write(descriptor, header, header.count) == header.count else {
                throw .writeFailed(path: path, errno: errno)
            }
            return .calendar
        }
        var start = [UInt8](repeating: 0, count: 4096)
        let count = pread(descriptor, &start, start.count, 0)
        guard count >= 0 else { throw .cannotOpen(path: path, errno: errno) }
        let firstLine = start[0..<count].split(separator: 0x0A, maxSplits: 1, omittingEmptySubsequences: false).first ?? []
        let firstText = String(decoding: firstLine, as: UTF8.self)
        guard let shape = PredictionLogShape(header: Substring(firstText)) else {
            throw .headerMismatch(path: path, found: firstText)
        }
        var last: UInt8 = 0
        if pread(descriptor, &last, 1, off_t(status.st_size - 1)) == 1, last != 0x0A {
            _ = Glibc.write(descriptor, [0x0A], 1)
        }
        return shape
    }

    private static func createParentDirectory(of path: String) throws(PredictionLogError) {
        var prefix = ""
        for (position, component) in path.split(separator: "/", omittingEmptySubsequences: false).dropLast().enumerated() {
            prefix += (position == 0 ? "" : "/") + component
            if component.isEmpty || component == "." || component == ".." { continue }
            if mkdir(prefix, 0o755) != 0 && errno != EEXIST { throw .cannotOpen(path: path, errno: errno) }
        }
    }
}
