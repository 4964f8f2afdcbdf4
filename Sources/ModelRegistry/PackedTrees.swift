import Foundation
import Forest

/// The trees of a model file: every node of every tree, packed little-endian as
/// `int32 feature, int32 right, float64 value` (16 bytes, the in-memory `DecisionTree.Node`),
/// base64-encoded in one string, with the node count of each tree and the SHA-256 of the bytes.
///
/// One string rather than JSON arrays of numbers keeps the file small and its loading a single
/// base64 decode plus a copy (the daily model loads in a few milliseconds).
public struct PackedTrees: Sendable, Equatable, Codable {
    /// Describes the layout, so a reader of the JSON knows what `data` holds.
    public static let encodingName = "base64 of little-endian nodes: int32 feature (-1 = leaf), int32 right child, float64 threshold or leaf value; left child = next node"
    static let nodeSize = 16

    public var count: Int
    public var nodeCounts: [Int]
    public var encoding: String
    public var sha256: String
    public var data: String

    enum CodingKeys: String, CodingKey {
        case count
        case nodeCounts = "node_counts"
        case encoding, sha256, data
    }

    /// Packs the forest's trees.
    public init(forest: RandomForestRegressor) {
        let nodes = forest.nodes
        var bytes = [UInt8](repeating: 0, count: nodes.count * PackedTrees.nodeSize)
        bytes.withUnsafeMutableBytes { buffer in
            for (index, node) in nodes.enumerated() {
                let offset = index * PackedTrees.nodeSize
                buffer.storeBytes(of: node.feature.littleEndian, toByteOffset: offset, as: Int32.self)
                buffer.storeBytes(of: node.right.littleEndian, toByteOffset: offset + 4, as: Int32.self)
                buffer.storeBytes(of: node.value.bitPattern.littleEndian, toByteOffset: offset + 8, as: UInt64.self)
            }
        }
        count = forest.treeCount
        nodeCounts = (0..<forest.treeCount).map { forest.treeStarts[$0 + 1] - forest.treeStarts[$0] }
        encoding = PackedTrees.encodingName
        sha256 = bytes.withUnsafeBytes { buffer in
            var hasher = SHA256()
            hasher.update(buffer: buffer)
            return hasher.finalizeHex()
        }
        data = Data(bytes).base64EncodedString()
    }

    /// Decodes the nodes of every tree, after checking the payload's size and checksum (the
    /// trees' structure is checked by `RandomForestRegressor.validated`).
    public func unpackNodes() throws(ModelFileError) -> [DecisionTree.Node] {
        guard encoding == PackedTrees.encodingName else { throw .invalid("trees.encoding is not one this build reads") }
        guard count == nodeCounts.count, count >= 1 else {
            throw .invalid("trees.count (\(count)) does not match its \(nodeCounts.count) node counts")
        }
        guard let bytes = Data(base64Encoded: data) else { throw .invalid("trees.data is not valid base64") }
        guard nodeCounts.allSatisfy({ $0 >= 1 && $0 <= Int(Int32.max) }) else {
            throw .invalid("trees.node_counts holds an impossible count")
        }
        let expectedNodes = nodeCounts.reduce(0, +)
        guard bytes.count == expectedNodes * PackedTrees.nodeSize else {
            throw .invalid("trees.data holds \(bytes.count) bytes, expected \(expectedNodes * PackedTrees.nodeSize)")
        }
        let digest = bytes.withUnsafeBytes { buffer in
            var hasher = SHA256()
            hasher.update(buffer: buffer)
            return hasher.finalizeHex()
        }
        guard digest == sha256 else { throw .checksumMismatch("trees") }
        return bytes.withUnsafeBytes { buffer in
            [DecisionTree.Node](unsafeUninitializedCapacity: expectedNodes) { nodes, initialized in
                for index in 0..<expectedNodes {
                    let offset = index * PackedTrees.nodeSize
                    let feature = Int32(littleEndian: buffer.loadUnaligned(fromByteOffset: offset, as: Int32.self))
                    let right = Int32(littleEndian: buffer.loadUnaligned(fromByteOffset: offset + 4, as: Int32.self))
                    let bits = UInt64(littleEndian: buffer.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self))
                    nodes.initializeElement(
                        at: index, to: DecisionTree.Node(feature: feature, right: right, value: Double(bitPattern: bits))
                    )
                }
                initialized = expectedNodes
            }
        }
    }
}
