import Foundation
import Testing
import ForecastData
@testable import ModelRegistry

/// Save, load, same predictions; and each kind of bad file refused with its own message.
@Suite struct ModelFileCodecTests {
    private func registered(_ featureSet: FeatureSet = .basic) throws -> (ModelStore, ModelFile, TrainingResult) {
        let store = ModelStore(directory: try Fixtures.temporaryDirectory())
        let trained = try Fixtures.trained(featureSet)
        return (store, try store.register(trained.file), trained)
    }

    /// Edits the JSON part of a model file as a careful hand would: the binary trees after it and
    /// the trailer saying where they start are kept consistent.
    private func rewrite(_ store: ModelStore, _ version: String, _ change: (inout String) -> Void) throws {
        let path = store.path(of: version)
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let start = try #require(ModelFileCodec.Trailer.payloadStart(in: data))
        var text = String(decoding: data[..<start], as: UTF8.self)
        change(&text)
        var edited = Data(text.utf8)
        let payloadStart = edited.count
        edited.append(data[start..<(data.count - ModelFileCodec.Trailer.size)])
        edited.append(contentsOf: ModelFileCodec.Trailer.bytes(payloadStart: payloadStart))
        try edited.write(to: URL(fileURLWithPath: path))
    }

    /// Replaces the whole file's bytes.
    private func rewriteBytes(_ store: ModelStore, _ version: String, _ change: (inout Data) -> Void) throws {
        let path = store.path(of: version)
        var data = try Data(contentsOf: URL(fileURLWithPath: path))
        change(&data)
        try data.write(to: URL(fileURLWithPath: path))
    }

    @Test func savedModel_LoadsWithIdenticalTreesAndPredictions() throws {
        let (store, file, trained) = try registered()
        let loaded = try store.load(version: file.modelVersion)
        let forest = try #require(trained.forest)
        #expect(loaded.forest?.trees == forest.trees)
        let interval = try #require(file.interval)
        for (revenue, orders) in [(9000.0, 150), (15000.0, 320), (0.0, 0)] {
            let expected = forest.predictWithInterval(row: [revenue, Double(orders)])
            let got = loaded.predict(revenue: revenue, orderCount: orders, day: Day(ordinal: 0), earlier: [])
            let bounds = interval.bounds(around: expected.value)
            #expect(got.value == expected.value && got.lower == bounds.lower && got.upper == bounds.upper)
        }
        #expect(loaded.file.testPredictions.count == file.training.testRows)
    }

    @Test func infoJSON_HasTheMetadataButNoTrees() throws {
        let (store, file, _) = try registered()
        let info = try store.load(version: file.modelVersion).infoJSON
        let object = try #require(try JSONSerialization.jsonObject(with: Data(info.utf8)) as? [String: Any])
        #expect(object["model_version"] as? String == file.modelVersion)
        #expect(object["feature_names"] as? [String] == ["ca_total", "nb_commandes"])
        #expect(object["metrics"] is [String: Any])
        #expect(object["training"] is [String: Any])
        #expect(object["hyperparameters"] is [String: Any])
        #expect(!info.contains(try #require(file.trees.checksum)))
    }

    @Test func savedModel_IsJSONThenTheBinaryTrees() throws {
        let (store, file, trained) = try registered()
        let data = try Data(contentsOf: URL(fileURLWithPath: store.path(of: file.modelVersion)))
        let start = try #require(ModelFileCodec.Trailer.payloadStart(in: data))
        let object = try #require(try JSONSerialization.jsonObject(with: data[..<start]) as? [String: Any])
        #expect(object["format_version"] as? Int == 2)
        let trees = try #require(object["trees"] as? [String: Any])
        #expect(trees["data"] == nil && trees["sha256"] == nil)
        #expect(trees["bytes"] as? Int == trained.forest!.nodes.count * 16)
        #expect(data.count - start - ModelFileCodec.Trailer.size == trained.forest!.nodes.count * 16)
    }

    @Test func truncatedFile_IsUnreadable() throws {
        let (store, file, _) = try registered()
        try rewriteBytes(store, file.modelVersion) { $0 = $0.prefix($0.count / 2) }
        #expect(throws: ModelFileError.unreadable(path: store.path(of: file.modelVersion), reason: "not valid JSON (truncated?)")) {
            try store.load(version: file.modelVersion)
        }
    }

    @Test func corruptedTrees_FailTheTreesChecksum() throws {
        let (store, file, _) = try registered()
        // One bit of one node in the middle of the binary trees.
        try rewriteBytes(store, file.modelVersion) { data in
            let start = ModelFileCodec.Trailer.payloadStart(in: data)!
            let middle = (start + data.count - ModelFileCodec.Trailer.size) / 2
            data[middle] ^= 0x10
        }
        #expect(throws: ModelFileError.checksumMismatch("trees")) { try store.load(version: file.modelVersion) }
    }

    @Test func treesChecksumEdited_FailsTheMetadataChecksum() throws {
        let (store, file, _) = try registered()
        let checksum = try #require(file.trees.checksum)
        let forged = String(checksum.reversed())
        try rewrite(store, file.modelVersion) { $0 = $0.replacingOccurrences(of: checksum, with: forged) }
        #expect(throws: ModelFileError.self) { try store.load(version: file.modelVersion) }
    }

    @Test func editThatMovesThePayload_IsRefused() throws {
        let (store, file, _) = try registered()
        // A text editor's edit that changes the JSON's length leaves the trailer pointing wrong.
        try rewriteBytes(store, file.modelVersion) { data in
            let start = ModelFileCodec.Trailer.payloadStart(in: data)!
            data.insert(contentsOf: Array("  ".utf8), at: start - 1)
        }
        #expect(throws: ModelFileError.self) { try store.load(version: file.modelVersion) }
    }

    @Test func handEditedMetadata_FailsTheMetadataChecksum() throws {
        let (store, file, _) = try registered()
        try rewrite(store, file.modelVersion) {
            $0 = $0.replacingOccurrences(of: "\"min_samples_leaf\" : 1", with: "\"min_samples_leaf\" : 2")
        }
        #expect(throws: ModelFileError.checksumMismatch("metadata")) { try store.load(version: file.modelVersion) }
    }

    @Test func newerFormat_AsksForAnUpgrade() throws {
        let (store, file, _) = try registered()
        try rewrite(store, file.modelVersion) {
            $0 = $0.replacingOccurrences(of: "\"format_version\" : 2", with: "\"format_version\" : 3")
                .replacingOccurrences(of: "\"trees\" : {", with: "\"forest\" : {")
        }
        #expect(throws: ModelFileError.newerFormat(found: 3, supported: 2)) { try store.load(version: file.modelVersion) }
    }

    @Test func missingField_IsNamed() throws {
        let (store, file, _) = try registered()
        try rewrite(store, file.modelVersion) { $0 = $0.replacingOccurrences(of: "\"feature_set\" :", with: "\"set\" :") }
        #expect(throws: ModelFileError.invalid("field 'feature_set' is missing")) { try store.load(version: file.modelVersion) }
    }

    @Test func fileClaimingAnotherVersion_IsRefused() throws {
        let (store, file, _) = try registered()
        let other = "v0099-20260101T000000Z"
        try FileManager.default.copyItem(atPath: store.path(of: file.modelVersion), toPath: store.path(of: other))
        #expect(throws: ModelFileError.self) { try store.load(version: other) }
    }

    @Test func extendedModel_PredictsTheTrainingRowOfTheDayItIsGiven() throws {
        let (store, file, trained) = try registered(.extended)
        let loaded = try store.load(version: file.modelVersion)
        #expect(loaded.historyLength == FeatureSet.historyLength)
        let records = Fixtures.records()
        let matrix = try FeatureSet.extended.matrix(for: records)
        let revenues = records.map(\.revenue)
        // The first day (no earlier days), one inside the 28-day warm-up, and the last.
        for index in [0, 10, records.count - 1] {
            let record = records[index]
            let earlier = revenues[max(0, index - FeatureSet.historyLength)..<index]
            let served = loaded.predict(revenue: record.revenue, orderCount: record.orderCount, day: record.day, earlier: earlier)
            #expect(served.value == trained.forest?.predict(row: matrix.row(index)))
        }
    }
}
