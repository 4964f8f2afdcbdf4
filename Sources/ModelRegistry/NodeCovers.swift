import Foundation
import Forest

/// The `node_covers` field of a model file: how many training rows (bootstrap copies counted)
/// reached every node of every tree, which exact TreeSHAP needs to explain a prediction.
/// Little-endian uint32 per node, tree after tree, each tree in the order of
/// `DecisionTree.nodes` (preorder), base64 in one string. Covers are whole counts, so 4 bytes
/// hold them exactly at half the size of a float64 (the daily model gains ~0.8 MB, not 1.6).
///
/// A separate field, not part of `trees`: predicting never reads it, and files written before
/// it existed still load (they just cannot explain). Like the trees, the payload has its own
/// SHA-256, which the metadata checksum covers in place of the payload itself; it is checked
/// when the covers are unpacked (the first explanation), so loading a model never hashes them.
public struct NodeCovers: Sendable, Equatable, Codable {
    /// Describes the layout, so a reader of the JSON knows what `data` holds.
    public static let encodingName = "base64 of little-endian uint32: training rows (bootstrap copies counted) reaching each node, tree after tree, nodes in preorder"

    public var encoding: String
    /// SHA-256 of the payload's bytes (hex).
    public var sha256: String
    public var data: String

    /// Packs one array of covers per tree; nil unless every cover is a whole number from 1 to
    /// `UInt32.max` (what `RandomForestRegressor.fit` records: bootstrap counts).
    public init?(covers: [[Double]]) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(covers.reduce(0) { $0 + $1.count } * 4)
        for tree in covers {
            for cover in tree {
                guard let count = UInt32(exactly: cover), count >= 1 else { return nil }
                withUnsafeBytes(of: count.littleEndian) { bytes.append(contentsOf: $0) }
            }
        }
        encoding = NodeCovers.encodingName
        sha256 = SHA256.hex(of: bytes)
        data = Data(bytes).base64EncodedString()
    }

    /// One array per tree, `nodeCounts[t]` covers for tree `t`; throws when the payload does not
    /// have exactly that many values. (`ForestExplainer` checks the values against the trees.)
    public func unpack(nodeCounts: [Int]) throws(ModelFileError) -> [[Double]] {
        guard encoding == NodeCovers.encodingName else { throw .invalid("node_covers.encoding is not one this build reads") }
        guard let bytes = Data(base64Encoded: data) else { throw .invalid("node_covers.data is not valid base64") }
        let total = nodeCounts.reduce(0, +)
        guard bytes.count == total * 4 else {
            throw .invalid("node_covers.data holds \(bytes.count) bytes, expected \(total * 4) for \(total) nodes")
        }
        let digest = bytes.withUnsafeBytes { buffer in
            var hasher = SHA256()
            hasher.update(buffer: buffer)
            return hasher.finalizeHex()
        }
        guard digest == sha256 else { throw .checksumMismatch("node_covers") }
        return bytes.withUnsafeBytes { buffer in
            var offset = 0
            return nodeCounts.map { count in
                (0..<count).map { _ in
                    let count = UInt32(littleEndian: buffer.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
                    offset += 4
                    return Double(count)
                }
            }
        }
    }
}
