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
/// exactly one `write`, issued before the response is sent. No user-space lock on the write
/// itself: the kernel's per-file append is the only serialisation. The header is written under
/// `flock` when the file is empty, so servers starting together write it once.
///
/// Faults: a write the disk cannot take whole (full, quota, `RLIMIT_FSIZE`) is undone with
/// `ftruncate`, so the file never holds a torn line, and the request answers 503; the next
/// request simply tries again, so serving resumes by itself once there is room. A log renamed
/// or deleted under the server (logrotate) is noticed by `reopenIfMoved()` (the maintenance
/// thread, about once a second, and SIGHUP): a new file with its header is opened at the path.
/// A log truncated in place (logrotate's `copytruncate`) is noticed by `repairIfTruncated()`
/// on the same ticks and put back behind a header (PredictionLog+Truncation.swift).
public final class PredictionLog: Sendable {
    /// The path as given.
    public let path: String
    /// The flush policy.
    public let policy: LogFsyncPolicy
    /// The file lines go to now; replaced whole when the path is rotated away.
    let current: Mutex<LogFile>
    /// Serialises undoing a torn write, so two failing writers never truncate each other's, and
    /// repairing a truncated log.
    let repair = Mutex(())
    /// The truncated file a repair replaced, whose late lines are still being moved over.
    let retired = Mutex<RetiredLogTail?>(nil)
    /// The truncated file (inode, device) a repair failed on: not retried every tick, since
    /// each try copies it whole, but on SIGHUP.
    let unrepairable = Mutex<(ino_t, dev_t)?>(nil)

    /// Opens (creating the file and its directory if needed) and checks or writes the header.
    public init(path: String, policy: LogFsyncPolicy) throws(PredictionLogError) {
        self.path = path
        self.policy = policy
        current = Mutex(try LogFile(path: path))
    }

    /// The shape of the file's header, kept for every line appended: a log started before the
    /// calendar columns stays five-column, so one file never mixes shapes.
    public var shape: PredictionLogShape { file.shape }

    /// The file now (a reference: a writer keeps its file open even if a rotation swaps it).
    var file: LogFile { current.withLock { $0 } }

    /// Appends `entry`'s line in one `write`.
    public func append(_ entry: PredictionLogEntry) throws(PredictionLogError) {
        try append(CollectionOfOne(entry))
    }

    /// Appends several lines in one `write` (they are logged whole or not at all).
    public func append(_ entries: some Collection<PredictionLogEntry>) throws(PredictionLogError) {
        guard !entries.isEmpty else { return }
        let file = self.file
        var block: [UInt8] = []
        block.reserveCapacity(entries.count * 192)
        for entry in entries { entry.appendCSVLine(shape: file.shape, to: &block) }
        if let failure = block.withUnsafeBufferPointer({ write($0, to: file) }) { throw .writeFailed(path: path, errno: failure) }
    }

    /// Flushes to disk if lines were written since the last sync (the `batch` timer), or
    /// unconditionally with `force` (shutdown, whatever the policy).
    public func sync(force: Bool = false) {
        let file = self.file
        if file.dirty.exchange(false, ordering: .acquiringAndReleasing) || force { _ = fdatasync(file.descriptor) }
    }

    /// Opens a new file at `path` if the one being written is no longer there (renamed or
    /// deleted, as log rotation does); true when it switched. The old file is synced and
    /// closed once the last write in flight to it returns, so every line written to it stays
    /// in it. A failure (e.g. the folder is gone) keeps the old file and is thrown.
    @discardableResult
    public func reopenIfMoved() throws(PredictionLogError) -> Bool {
        let old = file
        var onDisk = stat()
        if stat(path, &onDisk) == 0 && onDisk.st_ino == old.inode && onDisk.st_dev == old.device { return false }
        let replacement = try LogFile(path: path)
        current.withLock { $0 = replacement }
        _ = fdatasync(old.descriptor)
        return true
    }

    /// One `write` of `bytes`; nil on success, else the `errno` to report.
    private func write(_ bytes: UnsafeBufferPointer<UInt8>, to file: LogFile) -> Int32? {
        var result: Int
        repeat {
            result = Glibc.write(file.descriptor, bytes.baseAddress, bytes.count)
        } while result < 0 && errno == EINTR
        if result != bytes.count {
            let failure = result < 0 ? errno : ENOSPC
            // A short write (the disk or the file size limit reached mid-line) left part of a
            // line at the end: cut it off, so the file holds whole lines only. Retrying the
            // rest would be a second write others could interleave with. When the file is full
            // no other write can land after ours, so its last `result` bytes are ours.
            if result > 0 { undoTornWrite(of: result, in: file) }
            return failure
        }
        switch policy {
        case .always: _ = fdatasync(file.descriptor)
        case .batch: file.dirty.store(true, ordering: .relaxed)
        case .never: break
        }
        return nil
    }

    func undoTornWrite(of count: Int, in file: LogFile) {
        repair.withLock { _ in
            var status = stat()
            guard fstat(file.descriptor, &status) == 0, status.st_size >= count else { return }
            _ = ftruncate(file.descriptor, status.st_size - off_t(count))
        }
    }
}

/// One open log file: its descriptor (closed when the last user lets go), identity and shape.
final class LogFile: Sendable {
    let descriptor: Int32
    let shape: PredictionLogShape
    let inode: ino_t
    let device: dev_t
    /// Lines written since the last `fdatasync` (the `batch` policy).
    let dirty = Atomic<Bool>(false)

    init(path: String) throws(PredictionLogError) {
        try LogFile.createParentDirectory(of: path)
        let descriptor = open(path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw .cannotOpen(path: path, errno: errno) }
        var status = stat()
        do throws(PredictionLogError) {
            shape = try LogFile.prepare(descriptor, path: path)
            guard fstat(descriptor, &status) == 0 else { throw .cannotOpen(path: path, errno: errno) }
        } catch {
            close(descriptor)
            throw error
        }
        self.descriptor = descriptor
        inode = status.st_ino
        device = status.st_dev
    }

    deinit {
        close(descriptor)
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
            let written = Glibc.write(descriptor, header, header.count)
            guard written == header.count else {
                let failure = written < 0 ? errno : ENOSPC
                _ = ftruncate(descriptor, 0)  // no torn header either
                throw .writeFailed(path: path, errno: failure)
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
