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

    /// Packs `trees`.
    public init(trees: [DecisionTree]) {
        var bytes = [UInt8]()
        bytes.reserveCapacity(trees.reduce(0) { $0 + $1.nodes.count } * PackedTrees.nodeSize)
        for tree in trees {
            for node in tree.nodes {
                withUnsafeBytes(of: node.feature.littleEndian) { bytes += $0 }
                withUnsafeBytes(of: node.right.littleEndian) { bytes += $0 }
                withUnsafeBytes(of: node.value.bitPattern.littleEndian) { bytes += $0 }
            }
        }
        count = trees.count
        nodeCounts = trees.map(\.nodes.count)
        encoding = PackedTrees.encodingName
        sha256 = SHA256.hex(of: bytes)
        data = Data(bytes).base64EncodedString()
    }

    /// Unpacks and validates every tree for `featureCount` features.
    public func unpack(featureCount: Int) throws(ModelFileError) -> [DecisionTree] {
        guard encoding == PackedTrees.encodingName else { throw .invalid("trees.encoding is not one this build reads") }
        guard count == nodeCounts.count, count >= 1 else {
            throw .invalid("trees.count (\(count)) does not match its \(nodeCounts.count) node counts")
        }
        guard let bytes = Data(base64Encoded: data) else { throw .invalid("trees.data is not valid base64") }
        let expectedNodes = nodeCounts.reduce(0) { $0 + max(0, $1) }
        guard nodeCounts.allSatisfy({ $0 >= 1 }), bytes.count == expectedNodes * PackedTrees.nodeSize else {
            throw .invalid("trees.data holds \(bytes.count) bytes, expected \(expectedNodes * PackedTrees.nodeSize)")
        }
        let digest = bytes.withUnsafeBytes { buffer in
            var hasher = SHA256()
            hasher.update(buffer: buffer)
            return hasher.finalizeHex()
        }
        guard digest == sha256 else { throw .checksumMismatch("trees") }

        let nodeLists: [[DecisionTree.Node]] = bytes.withUnsafeBytes { buffer in
            var offset = 0
            return nodeCounts.map { nodeCount in
                var nodes: [DecisionTree.Node] = []
                nodes.reserveCapacity(nodeCount)
                for _ in 0..<nodeCount {
                    let feature = Int32(littleEndian: buffer.loadUnaligned(fromByteOffset: offset, as: Int32.self))
                    let right = Int32(littleEndian: buffer.loadUnaligned(fromByteOffset: offset + 4, as: Int32.self))
                    let bits = UInt64(littleEndian: buffer.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self))
                    nodes.append(DecisionTree.Node(feature: feature, right: right, value: Double(bitPattern: bits)))
                    offset += PackedTrees.nodeSize
                }
                return nodes
            }
        }
        var trees: [DecisionTree] = []
        trees.reserveCapacity(count)
        for (index, nodes) in nodeLists.enumerated() {
            do {
                trees.append(try DecisionTree(nodes: nodes, featureCount: featureCount, index: index))
            } catch {
                throw .invalid(error.description)
            }
        }
        return trees
    }
}
