#if canImport(Glibc)
import Glibc
#endif
import Foundation
import ForecastData
import Forest

/// Reads a model file from disk the fast way: the trailer, then the JSON part, then the binary
/// trees straight into the node array with `pread` (no intermediate buffer, no parsing); a file
/// without a format 2 trailer is read whole and decoded by `ModelFileCodec.decode`.
enum ModelFileReader {
    static func read(path: String) throws -> (ModelFile, Forecaster) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw FileError.cannotRead(path: path, reason: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw FileError.cannotRead(path: path, reason: String(cString: strerror(errno)))
        }
        let size = Int(status.st_size)
        typealias Trailer = ModelFileCodec.Trailer
        var tail = Data(count: min(size, Trailer.size))
        try readFully(descriptor, into: &tail, at: size - tail.count, path: path)
        guard let start = Trailer.offset(in: tail), start <= size - Trailer.size else {
            // Format 1 (all JSON) or a damaged file: decode it whole, which names the problem.
            var whole = Data(count: size)
            try readFully(descriptor, into: &whole, at: 0, path: path)
            return try ModelFileCodec.decodeForecaster(whole, path: path)
        }
        var json = Data(count: start)
        try readFully(descriptor, into: &json, at: 0, path: path)
        var file = try ModelFileCodec.decodeJSON(json, hasPayload: true, path: path)
        let payloadBytes = size - Trailer.size - start
        guard payloadBytes % PackedTrees.nodeSize == 0 else {
            throw ModelFileError.invalid("the trees' payload holds \(payloadBytes) bytes, not a whole number of nodes")
        }
        let nodes = try readNodes(descriptor, count: payloadBytes / PackedTrees.nodeSize, at: start, path: path)
        try file.trees.attach(nodes: nodes)
        return (file, try ModelFileCodec.forecaster(of: file))
    }

    /// `count` nodes from `offset`: read straight into the array's memory when it has the file's
    /// layout (little-endian, 16-byte nodes), else through a byte buffer.
    private static func readNodes(_ descriptor: Int32, count: Int, at offset: Int, path: String) throws -> [DecisionTree.Node] {
        #if _endian(little)
        if MemoryLayout<DecisionTree.Node>.stride == PackedTrees.nodeSize {
            var failure: (any Error)?
            let nodes = [DecisionTree.Node](unsafeUninitializedCapacity: count) { buffer, initialized in
                do {
                    try readFully(descriptor, into: UnsafeMutableRawBufferPointer(buffer), at: offset, path: path)
                    initialized = count
                } catch {
                    failure = error
                    initialized = 0
                }
            }
            if let failure { throw failure }
            return nodes
        }
        #endif
        var bytes = Data(count: count * PackedTrees.nodeSize)
        try readFully(descriptor, into: &bytes, at: offset, path: path)
        return bytes.withUnsafeBytes { PackedTrees.nodes(from: $0, count: count) }
    }

    private static func readFully(_ descriptor: Int32, into data: inout Data, at offset: Int, path: String) throws {
        try data.withUnsafeMutableBytes { try readFully(descriptor, into: $0, at: offset, path: path) }
    }

    /// Fills `buffer` from `offset`, retrying short reads and EINTR.
    private static func readFully(_ descriptor: Int32, into buffer: UnsafeMutableRawBufferPointer, at offset: Int, path: String) throws {
        var done = 0
        while done < buffer.count {
            let got = pread(descriptor, buffer.baseAddress! + done, buffer.count - done, off_t(offset + done))
            if got < 0, errno == EINTR { continue }
            guard got > 0 else {
                throw FileError.cannotRead(path: path, reason: got < 0 ? String(cString: strerror(errno)) : "it ended early")
            }
            done += got
        }
    }
}
