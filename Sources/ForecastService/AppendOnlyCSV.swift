import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// What an append-only CSV log knows of its own format: the header of a new file, and which
/// first lines of an existing one it accepts (a log keeps the shape its header says).
protocol AppendOnlyCSVFormat: Sendable {
    /// The shape of a file this process creates.
    static var newFile: Self { get }
    /// The header line of this shape, without its line end.
    var header: String { get }
    /// The shape whose header is `line`; nil for a foreign file.
    init?(header line: Substring)
}

/// Why an append-only CSV file could not be opened or appended to; each log turns it into its
/// own error, which names the log and its option.
enum AppendOnlyCSVFailure: Error, Equatable {
    case cannotOpen(errno: Int32)
    case headerMismatch(found: String)
    case writeFailed(errno: Int32)
}

/// A CSV file that server threads and processes append whole lines to: the prediction log and
/// the explanations log.
///
/// Opened with `O_APPEND`, so every `write` lands at the end of the file atomically with respect
/// to other writers (threads and processes alike); each line, or each block of lines, is
/// exactly one `write`. No user-space lock on the write itself: the kernel's per-file append is
/// the only serialisation. The header is written under `flock` when the file is empty, so
/// servers starting together write it once.
///
/// Faults: a write the disk cannot take whole (full, quota, `RLIMIT_FSIZE`) is undone with
/// `ftruncate`, so the file never holds a torn line; the caller answers 503 and the next write
/// simply tries again. A file renamed or deleted under the server (logrotate) is noticed by
/// `reopenIfMoved()`: a new file with its header is opened at the path. A file truncated in
/// place (logrotate's `copytruncate`) is noticed by `repairIfTruncated()` and put back behind a
/// header (AppendOnlyCSV+Truncation.swift).
final class AppendOnlyCSV<Format: AppendOnlyCSVFormat>: Sendable {
    let path: String
    let policy: LogFsyncPolicy
    /// The file lines go to now; replaced whole when the path is rotated away.
    let current: Mutex<CSVFile<Format>>
    /// Serialises undoing a torn write, so two failing writers never truncate each other's, and
    /// repairing a truncated file.
    let repair = Mutex(())
    /// The truncated file a repair replaced, whose late lines are still being moved over.
    let retired = Mutex<RetiredLogTail?>(nil)
    /// The truncated file (inode, device) a repair failed on: not retried every tick, since
    /// each try copies it whole, but on SIGHUP.
    let unrepairable = Mutex<(ino_t, dev_t)?>(nil)

    /// Opens (creating the file and its directory if needed) and checks or writes the header.
    init(path: String, policy: LogFsyncPolicy) throws(AppendOnlyCSVFailure) {
        self.path = path
        self.policy = policy
        current = Mutex(try CSVFile(path: path))
    }

    /// The shape of the file being written (from its header).
    var format: Format { file.format }

    /// The file now (a reference: a writer keeps its file open even if a rotation swaps it).
    var file: CSVFile<Format> { current.withLock { $0 } }

    /// Appends the lines `fill` writes for the file's shape into a buffer of about `capacity`
    /// bytes, in one `write`.
    func append(reserving capacity: Int, _ fill: (Format, inout [UInt8]) -> Void) throws(AppendOnlyCSVFailure) {
        let file = self.file
        var block: [UInt8] = []
        block.reserveCapacity(capacity)
        fill(file.format, &block)
        if let failure = block.withUnsafeBufferPointer({ write($0, to: file) }) { throw .writeFailed(errno: failure) }
    }

    /// Flushes to disk if lines were written since the last sync (the `batch` timer), or
    /// unconditionally with `force` (shutdown, whatever the policy).
    func sync(force: Bool = false) {
        let file = self.file
        if file.dirty.exchange(false, ordering: .acquiringAndReleasing) || force { _ = fdatasync(file.descriptor) }
    }

    /// Opens a new file at `path` if the one being written is no longer there; true when it
    /// switched. The old file is synced and closed once the last write in flight to it returns,
    /// so every line written to it stays in it. A failure keeps the old file and is thrown.
    func reopenIfMoved() throws(AppendOnlyCSVFailure) -> Bool {
        let old = file
        var onDisk = stat()
        if stat(path, &onDisk) == 0 && onDisk.st_ino == old.inode && onDisk.st_dev == old.device { return false }
        let replacement = try CSVFile<Format>(path: path)
        current.withLock { $0 = replacement }
        _ = fdatasync(old.descriptor)
        return true
    }

    /// One `write` of `bytes`; nil on success, else the `errno` to report.
    private func write(_ bytes: UnsafeBufferPointer<UInt8>, to file: CSVFile<Format>) -> Int32? {
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

    func undoTornWrite(of count: Int, in file: CSVFile<Format>) {
        repair.withLock { _ in
            var status = stat()
            guard fstat(file.descriptor, &status) == 0, status.st_size >= count else { return }
            _ = ftruncate(file.descriptor, status.st_size - off_t(count))
        }
    }
}

/// One open file: its descriptor (closed when the last user lets go), identity and shape.
final class CSVFile<Format: AppendOnlyCSVFormat>: Sendable {
    let descriptor: Int32
    let format: Format
    let inode: ino_t
    let device: dev_t
    /// Lines written since the last `fdatasync` (the `batch` policy).
    let dirty = Atomic<Bool>(false)

    init(path: String) throws(AppendOnlyCSVFailure) {
        try CSVFile.createParentDirectory(of: path)
        let descriptor = open(path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw .cannotOpen(errno: errno) }
        var status = stat()
        do throws(AppendOnlyCSVFailure) {
            format = try CSVFile.prepare(descriptor)
            guard fstat(descriptor, &status) == 0 else { throw .cannotOpen(errno: errno) }
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
    private static func prepare(_ descriptor: Int32) throws(AppendOnlyCSVFailure) -> Format {
        guard flock(descriptor, LOCK_EX) == 0 else { throw .cannotOpen(errno: errno) }
        defer { flock(descriptor, LOCK_UN) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw .cannotOpen(errno: errno) }
        if status.st_size == 0 {
            let header = Array((Format.newFile.header + "\n").utf8)
            let written = Glibc.write(descriptor, header, header.count)
            guard written == header.count else {
                let failure = written < 0 ? errno : ENOSPC
                _ = ftruncate(descriptor, 0)  // no torn header either
                throw .writeFailed(errno: failure)
            }
            return Format.newFile
        }
        var start = [UInt8](repeating: 0, count: 4096)
        let count = pread(descriptor, &start, start.count, 0)
        guard count >= 0 else { throw .cannotOpen(errno: errno) }
        let firstLine = start[0..<count].split(separator: 0x0A, maxSplits: 1, omittingEmptySubsequences: false).first ?? []
        let firstText = String(decoding: firstLine, as: UTF8.self)
        guard let format = Format(header: Substring(firstText)) else { throw .headerMismatch(found: firstText) }
        var last: UInt8 = 0
        if pread(descriptor, &last, 1, off_t(status.st_size - 1)) == 1, last != 0x0A {
            _ = Glibc.write(descriptor, [0x0A], 1)
        }
        return format
    }

    private static func createParentDirectory(of path: String) throws(AppendOnlyCSVFailure) {
        var prefix = ""
        for (position, component) in path.split(separator: "/", omittingEmptySubsequences: false).dropLast().enumerated() {
            prefix += (position == 0 ? "" : "/") + component
            if component.isEmpty || component == "." || component == ".." { continue }
            if mkdir(prefix, 0o755) != 0 && errno != EEXIST { throw .cannotOpen(errno: errno) }
        }
    }
}
