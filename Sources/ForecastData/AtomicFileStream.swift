#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// A file written in pieces that appears whole or not at all, like `AtomicFile.write`.
///
/// `forecast generate --rows 10000000` writes ~570 MB: too much to build in memory first, so
/// the bytes stream to a temporary file in the destination's folder, and `commit()` syncs and
/// `rename(2)`s it over the destination (SPEC.md: a failed run leaves the previous file as it was).
/// Dropping the stream without committing removes the temporary file.
public final class AtomicFileStream {
    private let path: String
    private let temporary: String
    private var descriptor: Int32
    private var buffer: [UInt8] = []
    /// Bytes buffered before one `write(2)`.
    private static let flushThreshold = 1 << 20

    /// Creates the temporary file next to `path` (and `path`'s folder if needed).
    public init(path: String) throws(FileError) {
        self.path = path
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw .cannotWrite(path: path, reason: "cannot create folder \(directory.path): \(error.localizedDescription)")
        }
        AtomicFileStream.removeOrphans(of: url.lastPathComponent, in: directory.path)
        temporary = directory.appendingPathComponent(".\(url.lastPathComponent).\(getpid()).\(UUID().uuidString).tmp").path
        descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw .cannotWrite(path: path, reason: String(cString: strerror(errno))) }
        buffer.reserveCapacity(Self.flushThreshold + 4096)
    }

    /// Removes the temporary files (`.NAME.PID.UUID.tmp`) a killed run (SIGKILL, power loss)
    /// left in `directory` for `name` (any name when nil): those whose writer process no longer
    /// exists. A live writer's file is left alone.
    public static func removeOrphans(of name: String? = nil, in directory: String) {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        for entry in entries where entry.hasPrefix("." + (name.map { $0 + "." } ?? "")) && entry.hasSuffix(".tmp") {
            let parts = entry.dropLast(4).split(separator: ".")
            guard parts.count >= 3, let pid = Int32(parts[parts.count - 2]), pid > 0 else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH { unlink(directory + "/" + entry) }
        }
    }

    deinit {
        if descriptor >= 0 {
            close(descriptor)
            unlink(temporary)
        }
    }

    /// Appends `bytes`; they reach the disk in 1 MiB writes.
    public func append(_ bytes: some Sequence<UInt8>) throws(FileError) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= Self.flushThreshold { try flush() }
    }

    /// Appends the UTF-8 bytes of `text`.
    public func append(_ text: String) throws(FileError) {
        try append(text.utf8)
    }

    /// Writes what is buffered, syncs, and renames the file over the destination.
    public func commit() throws(FileError) {
        try flush()
        guard descriptor >= 0 else { throw .cannotWrite(path: path, reason: "the file was already committed") }
        let synced = fsync(descriptor) == 0
        let reason = synced ? nil : String(cString: strerror(errno))
        close(descriptor)
        descriptor = -1
        if let reason {
            unlink(temporary)
            throw .cannotWrite(path: path, reason: reason)
        }
        if rename(temporary, path) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw .cannotWrite(path: path, reason: reason)
        }
    }

    private func flush() throws(FileError) {
        guard descriptor >= 0 else { throw .cannotWrite(path: path, reason: "the file was already committed") }
        var failure: String?
        buffer.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = String(cString: strerror(errno))
                    return
                }
                offset += written
            }
        }
        buffer.removeAll(keepingCapacity: true)
        if let failure { throw .cannotWrite(path: path, reason: failure) }
    }
}
