import Foundation
import Testing
@testable import ModelRegistry

/// Every registry operation, including concurrent registration.
@Suite struct ModelStoreTests {
    @Test func emptyRegistry_HasNoCurrentModel() throws {
        let store = ModelStore(directory: try Fixtures.temporaryDirectory() + "/models")
        #expect(try store.currentVersion() == nil)
        #expect(try store.loadCurrent() == nil)
        #expect(try store.versions().isEmpty)
        #expect(throws: ModelFileError.nothingToRollBack) { try store.rollback() }
    }

    @Test func register_AddsNumberedVersions_AndMakesEachCurrent() throws {
        let store = ModelStore(directory: try Fixtures.temporaryDirectory())
        let model = try Fixtures.trained()
        let first = try store.register(model.file, now: Date(timeIntervalSince1970: 1_795_000_000))
        let second = try store.register(model.file, now: Date(timeIntervalSince1970: 1_795_000_060))
        // 1_795_000_000 s after the epoch is 2026-11-18 11:06:40 UTC.
        #expect(first.modelVersion == "v0001-20261118T110640Z")
        #expect(ModelVersion.number(of: second.modelVersion) == 2)
        #expect(try store.versions() == [first.modelVersion, second.modelVersion])
        #expect(try store.currentVersion() == second.modelVersion)
        #expect(try store.loadCurrent()?.version == second.modelVersion)
        #expect(first.createdAt == "2026-11-18T11:06:40Z")
    }

    @Test func useAndRollback_MoveTheCurrentPointer() throws {
        let store = ModelStore(directory: try Fixtures.temporaryDirectory())
        let file = try Fixtures.trained().file
        let v1 = try store.register(file).modelVersion
        let v2 = try store.register(file).modelVersion
        let v3 = try store.register(file).modelVersion
        try store.use(version: v1)
        #expect(try store.currentVersion() == v1)
        #expect(try store.currentStack() == [v1, v3, v2, v1])
        let back = try store.rollback()
        #expect(back.from == v1 && back.to == v3)
        #expect(try store.rollback().to == v2)
        #expect(try store.rollback().to == v1)
        #expect(throws: ModelFileError.nothingToRollBack) { try store.rollback() }
        #expect(try store.currentVersion() == v1)
    }

    @Test func useOfTheCurrentVersion_ChangesNothing() throws {
        let store = ModelStore(directory: try Fixtures.temporaryDirectory())
        let version = try store.register(try Fixtures.trained().file).modelVersion
        try store.use(version: version)
        #expect(try store.currentStack() == [version])
    }

    @Test func unknownVersions_AreRefusedWithTheLatestNamed() throws {
        let store = ModelStore(directory: try Fixtures.temporaryDirectory())
        let version = try store.register(try Fixtures.trained().file).modelVersion
        #expect(throws: ModelFileError.unknownVersion("v0009", available: [version])) { try store.resolve("v0009") }
        #expect(throws: ModelFileError.self) { try store.use(version: "v0002-20260101T000000Z") }
        #expect(throws: ModelFileError.self) { try store.load(version: "../../etc/passwd") }
        #expect(try store.resolve("1") == version)
        #expect(try store.resolve("v1") == version)
        #expect(try store.resolve(version) == version)
    }

    @Test func versionFiles_AreNeverChangedByLaterOperations() throws {
        let store = ModelStore(directory: try Fixtures.temporaryDirectory())
        let file = try Fixtures.trained().file
        let v1 = try store.register(file).modelVersion
        let before = try Data(contentsOf: URL(fileURLWithPath: store.path(of: v1)))
        _ = try store.register(file)
        try store.use(version: v1)
        _ = try store.rollback()
        #expect(try Data(contentsOf: URL(fileURLWithPath: store.path(of: v1))) == before)
    }

    @Test func concurrentRegistrations_GetDistinctVersions_AndAConsistentPointer() async throws {
        let directory = try Fixtures.temporaryDirectory()
        let file = try Fixtures.trained(trees: 2).file
        let versions = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<8 {
                // Separate stores, as separate `forecast train` processes would have.
                group.addTask { try ModelStore(directory: directory).register(file).modelVersion }
            }
            return try await group.reduce(into: [String]()) { $0.append($1) }
        }
        let store = ModelStore(directory: directory)
        #expect(Set(versions).count == 8)
        #expect(Set(try store.versions()) == Set(versions))
        let stack = try store.currentStack()
        #expect(Set(stack) == Set(versions))
        #expect(stack.count == 8)
        for version in versions { _ = try store.load(version: version) }
    }

    @Test func corruptPointer_IsReportedNotFollowed() throws {
        let directory = try Fixtures.temporaryDirectory()
        let store = ModelStore(directory: directory)
        _ = try store.register(try Fixtures.trained().file)
        try Data("../secret\n".utf8).write(to: URL(fileURLWithPath: directory + "/CURRENT"))
        #expect(throws: ModelFileError.self) { try store.currentVersion() }
    }
}
