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
        let covers = try #require(trained.forest.nodeCovers)
        file.nodeCovers = NodeCovers(covers: covers)
        let registered = try store.register(file)
        let loaded = try store.load(version: registered.modelVersion)
        let stored = try #require(loaded.file.nodeCovers)
        let unpacked = try stored.unpack(nodeCounts: loaded.file.trees.nodeCounts)
        #expect(unpacked == covers)
        let explainer = try ForestExplainer(
            trees: loaded.forest.trees, covers: unpacked, featureCount: loaded.forest.featureCount
        )
        let row = [12000, 240, 3, 11000, 10500, 9000, 1.09]
        let explanation = explainer.explain(row: row)
        let total = explanation.expectedValue + explanation.contributions.reduce(0, +)
        #expect(abs(total - loaded.forest.predict(row: row)) < 1e-9)
        let text = try String(contentsOfFile: store.path(of: registered.modelVersion), encoding: .utf8)
        #expect(text.contains("\"node_covers\""))
    }

    @Test func modelWithoutCovers_StillLoads() throws {
        let store = ModelStore(directory: try Fixtures.temporaryDirectory())
        let registered = try store.register(try Fixtures.trained().file)
        let loaded = try store.load(version: registered.modelVersion)
        #expect(loaded.file.nodeCovers == nil)
        let text = try String(contentsOfFile: store.path(of: registered.modelVersion), encoding: .utf8)
        #expect(!text.contains("node_covers"))
    }

    @Test func editedCovers_AreCaughtByTheirChecksum_WhenUnpacked() throws {
        let store = ModelStore(directory: try Fixtures.temporaryDirectory())
        let trained = try Fixtures.trained()
        var file = trained.file
        let fitted = try #require(trained.forest.nodeCovers)
        let original = try #require(NodeCovers(covers: fitted))
        file.nodeCovers = original
        let registered = try store.register(file)
        let path = store.path(of: registered.modelVersion)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let edited = try #require(NodeCovers(covers: fitted.map { $0.map { $0 + 1 } }))

        // The payload alone changed: the model loads and predicts (covers play no part), but
        // the covers no longer match their checksum, so explaining is refused.
        try Data(text.replacingOccurrences(of: original.data, with: edited.data).utf8).write(to: URL(fileURLWithPath: path))
        let loaded = try store.load(version: registered.modelVersion)
        #expect(throws: ModelFileError.checksumMismatch("node_covers")) {
            try loaded.file.nodeCovers?.unpack(nodeCounts: loaded.file.trees.nodeCounts)
        }
        #expect(throws: ExplanationError.self) {
            try loaded.explain(revenue: 1, orderCount: 1, day: Day(iso: "2024-03-01")!, earlier: [])
        }

        // Payload and its checksum both changed: the metadata checksum refuses the file.
        try Data(text.replacingOccurrences(of: original.data, with: edited.data)
            .replacingOccurrences(of: original.sha256, with: edited.sha256).utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: ModelFileError.checksumMismatch("metadata")) { try store.load(version: registered.modelVersion) }
    }
}
