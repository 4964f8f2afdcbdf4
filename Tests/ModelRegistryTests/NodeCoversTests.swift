import Foundation
import ForecastData
import Forest
import Testing
@testable import ModelRegistry

/// The `node_covers` field: packed and unpacked exactly, saved with the model, covered by the
/// metadata checksum, and optional so files written before it still load.
@Suite struct NodeCoversTests {
    @Test func pack_UnpacksToTheSameCovers() throws {
        let covers: [[Double]] = [[6, 3, 3], [5], [7, 2, 5, 1, 4]]
        let packed = try #require(NodeCovers(covers: covers))
        #expect(try packed.unpack(nodeCounts: [3, 1, 5]) == covers)
        // Covers are whole counts of at least one row; anything else is not packed.
        #expect(NodeCovers(covers: [[2.5]]) == nil)
        #expect(NodeCovers(covers: [[0]]) == nil)
        #expect(NodeCovers(covers: [[-1]]) == nil)
        #expect(throws: ModelFileError.self) { try packed.unpack(nodeCounts: [3, 1, 4]) }
        var broken = packed
        broken.data = "not base64!"
        #expect(throws: ModelFileError.self) { try broken.unpack(nodeCounts: [3, 1, 5]) }
    }

    @Test func savedModel_KeepsItsCoversAndCanBeExplained() throws {
        let store = ModelStore(directory: try Fixtures.temporaryDirectory())
        let trained = try Fixtures.trained(.extended)
        var file = trained.file
        let covers = try #require(trained.forest?.nodeCovers)
        file.nodeCovers = NodeCovers(covers: covers)
        let registered = try store.register(file)
        let loaded = try store.load(version: registered.modelVersion)
        let forest = try #require(loaded.forest)
        let stored = try #require(loaded.file.nodeCovers)
        let unpacked = try stored.unpack(nodeCounts: loaded.file.trees.nodeCounts)
        #expect(unpacked == covers)
        let explainer = try ForestExplainer(
            trees: forest.trees, covers: unpacked, featureCount: forest.featureCount
        )
        let row = [12000, 240, 3, 11000, 10500, 9000, 1.09]
        let explanation = explainer.explain(row: row)
        let total = explanation.expectedValue + explanation.contributions.reduce(0, +)
        #expect(abs(total - forest.predict(row: row)) < 1e-9)
        // Bytes, not text: a model file may end with binary trees after its JSON.
        let bytes = try Data(contentsOf: URL(fileURLWithPath: store.path(of: registered.modelVersion)))
        #expect(bytes.range(of: Data("\"node_covers\"".utf8)) != nil)
    }

    @Test func modelWithoutCovers_StillLoads() throws {
        let store = ModelStore(directory: try Fixtures.temporaryDirectory())
        let registered = try store.register(try Fixtures.trained().file)
        let loaded = try store.load(version: registered.modelVersion)
        #expect(loaded.file.nodeCovers == nil)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: store.path(of: registered.modelVersion)))
        #expect(bytes.range(of: Data("node_covers".utf8)) == nil)
    }

    @Test func editedCovers_AreCaughtByTheirChecksum_WhenUnpacked() throws {
        let store = ModelStore(directory: try Fixtures.temporaryDirectory())
        let trained = try Fixtures.trained()
        var file = trained.file
        let fitted = try #require(trained.forest?.nodeCovers)
        let original = try #require(NodeCovers(covers: fitted))
        file.nodeCovers = original
        let registered = try store.register(file)
        let path = store.path(of: registered.modelVersion)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let edited = try #require(NodeCovers(covers: fitted.map { $0.map { $0 + 1 } }))

        // The payload alone changed: the model loads and predicts (covers play no part), but
        // the covers no longer match their checksum, so explaining is refused.
        try replacing([(original.data, edited.data)], in: bytes).write(to: URL(fileURLWithPath: path))
        let loaded = try store.load(version: registered.modelVersion)
        #expect(throws: ModelFileError.checksumMismatch("node_covers")) {
            try loaded.file.nodeCovers?.unpack(nodeCounts: loaded.file.trees.nodeCounts)
        }
        #expect(throws: ExplanationError.self) {
            try loaded.explain(revenue: 1, orderCount: 1, day: Day(iso: "2024-03-01")!, earlier: [])
        }

        // Payload and its checksum both changed: the metadata checksum refuses the file.
        try replacing([(original.data, edited.data), (original.sha256, edited.sha256)], in: bytes)
            .write(to: URL(fileURLWithPath: path))
        #expect(throws: ModelFileError.checksumMismatch("metadata")) { try store.load(version: registered.modelVersion) }
    }

    /// `bytes` with each text replaced by another of the same length (so any binary part after
    /// the JSON keeps its offsets).
    private func replacing(_ pairs: [(String, String)], in bytes: Data) throws -> Data {
        var result = bytes
        for (old, new) in pairs {
            precondition(old.utf8.count == new.utf8.count)
            let range = try #require(result.range(of: Data(old.utf8)))
            result.replaceSubrange(range, with: Data(new.utf8))
        }
        return result
    }
}
