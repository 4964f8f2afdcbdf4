import Dispatch
import ForecastData
#if canImport(Glibc)
import Glibc
#endif

/// The truncated file a repair replaced, kept open for a few seconds: a line written to it
/// after the repair copied it (a request in flight then, or another server on the same log
/// that has not switched yet: it notices the new file within its next tick) is moved over.
struct RetiredLogTail: Sendable {
    /// A duplicate of the truncated file's descriptor (-1 if none could be made).
    let descriptor: Int32
    /// Bytes of it already in the new file.
    var copied: Int
    /// When to stop watching it (`DispatchTime` nanoseconds).
    let until: UInt64
}

/// logrotate's `copytruncate` copies a log, then truncates it to 0 bytes in place: same file,
/// so `reopenIfMoved` sees nothing, and new lines land at offset 0 with no header.
///
/// Writers cannot be paused (each line is one lock-free `O_APPEND` write), so the header cannot
/// be put back in place safely. Instead the repair does what a rotation by renaming does, in
/// the other direction: it writes the header and the lines the truncated file holds to a new
/// file, renames that over the path (atomic: a reader sees one file or the other, never a
/// headerless one once repaired), and switches writers to it. Lines that still reach the
/// truncated file afterwards are moved over on the next ticks (`RetiredLogTail`), so every
/// line that was answered 200 ends up in a file with its header.
extension AppendOnlyCSV {
    /// How long lines reaching a replaced truncated file are still moved over: several ticks
    /// of the other servers that may share the log.
    var retiredGraceNanoseconds: UInt64 { 5_000_000_000 }

    /// Repairs the file if it was truncated in place (its first line is no longer a header);
    /// the number of lines carried over, or nil when nothing needed repair. Called by the
    /// maintenance thread with `reopenIfMoved`. A failure (no room for the copy, a log file
    /// mounted on its own that cannot be renamed over) leaves lines going to the truncated file,
    /// which plot, drift and accuracy still read, and is thrown; that file is tried again only
    /// with `force` (SIGHUP), not every tick.
    func repairIfTruncated(force: Bool) throws(AppendOnlyCSVFailure) -> Int? {
        moveRetiredTail(final: false)
        let old = file
        guard !Self.startsWithHeader(old.descriptor) else { return nil }
        if !force, let failed = unrepairable.withLock({ $0 }), failed == (old.inode, old.device) { return nil }
        let replaced: (RetiredLogTail, Int)?
        do throws(AppendOnlyCSVFailure) {
            replaced = try repair.withLock { _ throws(AppendOnlyCSVFailure) in try replaceTruncated(old) }
        } catch {
            unrepairable.withLock { $0 = (old.inode, old.device) }
            throw error
        }
        guard let (tail, lines) = replaced else { return nil }
        moveRetiredTail(final: true)  // a repair moments before this one is finished first
        retired.withLock { $0 = tail }
        // Lines appended between the copy and the switch move over now, not a tick later.
        moveRetiredTail(final: false)
        return lines
    }

    /// Moves the whole lines that reached the replaced truncated file since the last look to
    /// the current file; with `final` (or once its grace is over) stops watching it. Shutdown
    /// calls it with `final` once no request is in flight.
    func moveRetiredTail(final: Bool) {
        retired.withLock { slot in
            guard var tail = slot else { return }
            if tail.descriptor >= 0 {
                let lines = Self.wholeLines(of: tail.descriptor, from: tail.copied)
                if !lines.isEmpty, appendCarriedOver(lines) { tail.copied += lines.count }
            }
            if final || DispatchTime.now().uptimeNanoseconds >= tail.until {
                if tail.descriptor >= 0 { close(tail.descriptor) }
                slot = nil
            } else {
                slot = tail
            }
        }
    }

    /// Under the repair lock: the new file in place of `old`, or nil when `old` is no longer
    /// the file at the path or has its header again (another process repaired it).
    private func replaceTruncated(_ old: CSVFile<Format>) throws(AppendOnlyCSVFailure) -> (RetiredLogTail, Int)? {
        // Servers sharing the log repair it one at a time (the same lock `CSVFile` takes to
        // write a header); the one that comes second finds the path renamed and does nothing.
        guard flock(old.descriptor, LOCK_EX) == 0 else { throw .cannotOpen(errno: errno) }
        defer { flock(old.descriptor, LOCK_UN) }
        var onDisk = stat()
        guard stat(path, &onDisk) == 0, onDisk.st_ino == old.inode, onDisk.st_dev == old.device,
              !Self.startsWithHeader(old.descriptor)
        else { return nil }
        let lines = Self.wholeLines(of: old.descriptor, from: 0)
        let temporary = path + ".repair-\(getpid())"
        try writeNewFile(temporary, bytes: Array((old.format.header + "\n").utf8) + lines, mode: onDisk.st_mode & 0o7777)
        let replacement: CSVFile<Format>
        do throws(AppendOnlyCSVFailure) {
            replacement = try CSVFile<Format>(path: temporary)
            guard rename(temporary, path) == 0 else { throw .cannotOpen(errno: errno) }
        } catch {
            unlink(temporary)
            throw error
        }
        current.withLock { $0 = replacement }
        let duplicate = fcntl(old.descriptor, F_DUPFD_CLOEXEC, 0)
        let tail = RetiredLogTail(
            descriptor: duplicate, copied: lines.count, until: DispatchTime.now().uptimeNanoseconds + retiredGraceNanoseconds
        )
        return (tail, lines.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) })
    }

    /// Creates `path` (replacing a stale one) holding exactly `bytes`, synced, or throws and
    /// leaves nothing behind.
    private func writeNewFile(_ path: String, bytes: [UInt8], mode: mode_t) throws(AppendOnlyCSVFailure) {
        unlink(path)
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard descriptor >= 0 else { throw .cannotOpen(errno: errno) }
        defer { close(descriptor) }
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress! + offset, bytes.count - offset) }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else {
                let failure = written < 0 ? errno : ENOSPC
                unlink(path)
                throw .writeFailed(errno: failure)
            }
            offset += written
        }
        _ = fdatasync(descriptor)
    }

    /// Appends carried-over lines to the current file in one write, as `append` does; whether
    /// they are in (a torn write is undone and retried on the next tick).
    private func appendCarriedOver(_ lines: [UInt8]) -> Bool {
        let file = self.file
        let written = lines.withUnsafeBytes { Glibc.write(file.descriptor, $0.baseAddress!, lines.count) }
        guard written == lines.count else {
            if written > 0 { undoTornWrite(of: written, in: file) }
            return false
        }
        if policy == .always { _ = fdatasync(file.descriptor) } else { file.dirty.store(true, ordering: .relaxed) }
        return true
    }

    /// Whether the file's first line is a header of this format (of any shape).
    static func startsWithHeader(_ descriptor: Int32) -> Bool {
        var start = [UInt8](repeating: 0, count: 512)
        let count = pread(descriptor, &start, start.count, 0)
        guard count > 0, let newline = start[0..<count].firstIndex(of: 0x0A) else { return false }
        return Format(header: Substring(decoding: start[0..<newline], as: UTF8.self)) != nil
    }

    /// The bytes of the file from `offset` up to its last newline (a line being written is
    /// left for later).
    static func wholeLines(of descriptor: Int32, from offset: Int) -> [UInt8] {
        var status = stat()
        guard fstat(descriptor, &status) == 0, Int(status.st_size) > offset else { return [] }
        var bytes = [UInt8](repeating: 0, count: Int(status.st_size) - offset)
        var filled = 0
        while filled < bytes.count {
            let count = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress! + filled, $0.count - filled, off_t(offset + filled)) }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { break }
            filled += count
        }
        guard let lastNewline = bytes[0..<filled].lastIndex(of: 0x0A) else { return [] }
        return Array(bytes[0...lastNewline])
    }
}
