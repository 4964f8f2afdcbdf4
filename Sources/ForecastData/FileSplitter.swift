#if canImport(Glibc)
import Glibc
#endif

/// Where the parts of a file start, for reading them on several threads.
///
/// Each part after the first starts just after a `\n` near a multiple of `partBytes`. That
/// `\n` may lie inside a quoted field: the part before then reads past it to the end of the
/// file (`ChunkResult.ranToEnd`) and the later, speculative parts are dropped, so results never
/// depend on guessing quote parity right, only the speed does.
enum FileSplitter {
    /// One part with one job; else about one part per `partBytes` (at least one).
    static func partStarts(_ descriptor: Int32, path: String, dataStart: Int, size: Int, jobs: Int, partBytes: Int)
        throws(ETLError) -> [Int] {
        let length = size - dataStart
        let parts = jobs <= 1 ? 1 : max(1, min(4096, length / max(1, partBytes)))
        var starts = [dataStart]
        guard parts > 1 else { return starts }
        var probe = [UInt8](repeating: 0, count: 64 << 10)
        for part in 1..<parts {
            var offset = dataStart + length / parts * part
            guard offset > starts.last! else { continue }
            searching: while offset < size {
                let wanted = min(probe.count, size - offset)
                let got = probe.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, wanted, off_t(offset)) }
                guard got > 0 else {
                    if got < 0, errno == EINTR { continue }
                    throw .unreadable(path: path, reason: got < 0 ? String(cString: strerror(errno)) : "unexpected end of file")
                }
                if let newline = probe[0..<got].firstIndex(of: UInt8(ascii: "\n")) {
                    offset += newline + 1
                    break searching
                }
                offset += got
            }
            if offset < size { starts.append(offset) }
        }
        return starts
    }
}
