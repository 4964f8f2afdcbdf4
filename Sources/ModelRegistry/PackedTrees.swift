import Foundation
import Forest

/// The trees of a model file: every node of every tree as 16 little-endian bytes,
/// `int32 feature, int32 right, float64 value` (the in-memory `DecisionTree.Node`), with the
/// node count of each tree and a checksum of the bytes.
///
/// Format 2 (written now): the bytes follow the JSON in the same file (see `ModelFileCodec`),
/// so loading them is one copy into the node array, checked by `PayloadChecksum` at memory speed;
/// the JSON holds `count`, `node_counts`, `encoding`, `bytes` and `checksum`.
/// Format 1 (still read): the bytes are base64 in `data`, checked by SHA-256 in `sha256`.
public struct PackedTrees: Sendable, Equatable, Codable {
    /// Format 1's `encoding`: the nodes are base64 in `data`.
    public static let encodingName = "base64 of little-endian nodes: int32 feature (-1 = leaf), int32 right child, float64 threshold or leaf value; left child = next node"
    /// Format 2's `encoding`: the nodes are the bytes after the JSON.
    public static let binaryEncodingName = "binary after the JSON: little-endian nodes: int32 feature (-1 = leaf), int32 right child, float64 threshold or leaf value; left child = next node"
    static let nodeSize = 16

    public var count: Int
    public var nodeCounts: [Int]
    public var encoding: String
    /// Format 1: SHA-256 of the decoded `data`.
    public var sha256: String?
    /// Format 1: the nodes in base64.
    public var data: String?
    /// Format 2: length of the binary payload.
    public var bytes: Int?
    /// Format 2: `PayloadChecksum` of the binary payload.
    public var checksum: String?
    /// Format 2: the nodes themselves, written after the JSON rather than in it.
    public var nodes: [DecisionTree.Node] = []

    enum CodingKeys: String, CodingKey {
        case count
        case nodeCounts = "node_counts"
        case encoding, sha256, data, bytes, checksum
    }

    /// Packs the forest's trees (format 2).
    public init(forest: RandomForestRegressor) {
        nodes = forest.nodes
        count = forest.treeCount
        nodeCounts = (0..<forest.treeCount).map { forest.treeStarts[$0 + 1] - forest.treeStarts[$0] }
        encoding = PackedTrees.binaryEncodingName
        bytes = nodes.count * PackedTrees.nodeSize
        let nodes = self.nodes
        checksum = PhaseTimings.measure("pack") { PackedTrees.withPayload(of: nodes) { PayloadChecksum.hex(of: $0) } }
    }

    /// Whether the nodes travel as a binary payload after the JSON (format 2).
    public var isBinary: Bool { encoding == PackedTrees.binaryEncodingName }

    /// Calls `body` with the nodes' bytes in the file's layout (little-endian 16-byte nodes):
    /// on a little-endian machine the array's own memory, no copy.
    static func withPayload<Result>(
        of nodes: [DecisionTree.Node], _ body: (UnsafeRawBufferPointer) -> Result
    ) -> Result {
        #if _endian(little)
        if MemoryLayout<DecisionTree.Node>.stride == nodeSize {
            return nodes.withUnsafeBytes(body)
        }
        #endif
        var bytes = [UInt8](repeating: 0, count: nodes.count * nodeSize)
        bytes.withUnsafeMutableBytes { buffer in
            for (index, node) in nodes.enumerated() {
                let offset = index * nodeSize
                buffer.storeBytes(of: node.feature.littleEndian, toByteOffset: offset, as: Int32.self)
                buffer.storeBytes(of: node.right.littleEndian, toByteOffset: offset + 4, as: Int32.self)
                buffer.storeBytes(of: node.value.bitPattern.littleEndian, toByteOffset: offset + 8, as: UInt64.self)
            }
        }
        return bytes.withUnsafeBytes(body)
    }

    /// Checks the counts against each other; returns the total number of nodes.
    func checkedNodeTotal() throws(ModelFileError) -> Int {
        guard count == nodeCounts.count, count >= 1 else {
            throw .invalid("trees.count (\(count)) does not match its \(nodeCounts.count) node counts")
        }
        guard nodeCounts.allSatisfy({ $0 >= 1 && $0 <= Int(Int32.max) }) else {
            throw .invalid("trees.node_counts holds an impossible count")
        }
        return nodeCounts.reduce(0, +)
    }

    /// Format 2: takes the binary payload, after checking its size and checksum.
    mutating func attachPayload(_ payload: UnsafeRawBufferPointer) throws(ModelFileError) {
        guard payload.count % PackedTrees.nodeSize == 0 else {
            throw .invalid("the trees' payload holds \(payload.count) bytes, not a whole number of nodes")
        }
        try attach(nodes: PackedTrees.nodes(from: payload, count: payload.count / PackedTrees.nodeSize))
    }

    /// Format 2: takes the nodes read from the payload, after checking their number and checksum.
    mutating func attach(nodes payloadNodes: [DecisionTree.Node]) throws(ModelFileError) {
        guard isBinary else { throw .invalid("trees.encoding is not one this build reads") }
        let expectedNodes = try checkedNodeTotal()
        let size = payloadNodes.count * PackedTrees.nodeSize
        guard bytes == size, payloadNodes.count == expectedNodes else {
            throw .invalid("the trees' payload holds \(size) bytes, expected \(expectedNodes * PackedTrees.nodeSize)")
        }
        let digest = PackedTrees.withPayload(of: payloadNodes) { PayloadChecksum.hex(of: $0) }
        guard let checksum, digest == checksum else { throw .checksumMismatch("trees") }
        nodes = payloadNodes
    }

    /// The nodes of every tree, after checking the payload's size and checksum (the trees'
    /// structure is checked by `RandomForestRegressor.validated`).
    public func unpackNodes() throws(ModelFileError) -> [DecisionTree.Node] {
        if isBinary {
            // `attachPayload` checked them when the file was read.
            guard nodes.count == (try checkedNodeTotal()) else { throw .invalid("the trees' payload is missing") }
            return nodes
        }
        guard encoding == PackedTrees.encodingName else { throw .invalid("trees.encoding is not one this build reads") }
        let expectedNodes = try checkedNodeTotal()
        guard let data, let sha256 else { throw .invalid("trees.data or trees.sha256 is missing") }
        guard let decoded = Data(base64Encoded: data) else { throw .invalid("trees.data is not valid base64") }
        guard decoded.count == expectedNodes * PackedTrees.nodeSize else {
            throw .invalid("trees.data holds \(decoded.count) bytes, expected \(expectedNodes * PackedTrees.nodeSize)")
        }
        let digest = decoded.withUnsafeBytes { buffer in
            var hasher = SHA256()
            hasher.update(buffer: buffer)
            return hasher.finalizeHex()
        }
        guard digest == sha256 else { throw .checksumMismatch("trees") }
        return decoded.withUnsafeBytes { PackedTrees.nodes(from: $0, count: expectedNodes) }
    }

    /// Nodes from their file bytes: one memory copy on a little-endian machine.
    static func nodes(from payload: UnsafeRawBufferPointer, count: Int) -> [DecisionTree.Node] {
        [DecisionTree.Node](unsafeUninitializedCapacity: count) { nodes, initialized in
            #if _endian(little)
            if MemoryLayout<DecisionTree.Node>.stride == nodeSize, let source = payload.baseAddress, count > 0 {
                UnsafeMutableRawPointer(nodes.baseAddress!).copyMemory(from: source, byteCount: count * nodeSize)
                initialized = count
                return
            }
            #endif
            for index in 0..<count {
                let offset = index * nodeSize
                let feature = Int32(littleEndian: payload.loadUnaligned(fromByteOffset: offset, as: Int32.self))
                let right = Int32(littleEndian: payload.loadUnaligned(fromByteOffset: offset + 4, as: Int32.self))
                let bits = UInt64(littleEndian: payload.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self))
                nodes.initializeElement(
                    at: index, to: DecisionTree.Node(feature: feature, right: right, value: Double(bitPattern: bits))
                )
            }
            initialized = count
        }
    }
}
