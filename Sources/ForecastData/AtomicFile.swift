import Foundation

/// Writes a whole file or nothing: the bytes go to a temporary file in the same directory, are
/// synced, then `rename(2)`d over the destination (`AtomicFileStream` does the work). Readers see the old file or the new one,
/// never a partial one, and a failed run leaves the previous file as it was (SPEC.md).
public enum AtomicFile {
    /// Replaces `path` with `data`, creating parent directories as needed.
    public static func write(_ data: Data, to path: String) throws(FileError) {
        let stream = try AtomicFileStream(path: path)
        try stream.append(data)
        try stream.commit()
    }

    /// Replaces `path` with the UTF-8 bytes of `text`.
    public static func write(_ text: String, to path: String) throws(FileError) {
        try write(Data(text.utf8), to: path)
    }
}

/// A file could not be read or written; the message names the file and the fix.
public enum FileError: Error, Equatable, Sendable, CustomStringConvertible {
    case cannotRead(path: String, reason: String)
    case cannotWrite(path: String, reason: String)

    public var description: String {
        switch self {
        case let .cannotRead(path, reason):
            "cannot read \(path): \(reason); check the path and its permissions"
        case let .cannotWrite(path, reason):
            "cannot write \(path): \(reason); check that the folder exists, is writable and the disk has room"
        }
    }
}
