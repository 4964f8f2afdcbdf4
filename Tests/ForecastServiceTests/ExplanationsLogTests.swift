import Foundation
import ForecastData
import Testing
@testable import ForecastService

/// The explanations log file: header once, one line per contribution, refusal of foreign files,
/// and no line at all when a request's explanation is refused.
@Suite struct ExplanationsLogTests {
    static let explanation = PredictionExplanation(expectedValue: 1000.25, contributions: [
        .init(feature: "ca_total", value: 12.5), .init(feature: "nb_commandes", value: -0.1), .init(feature: "ca_ratio_7d", value: 3e-12),
    ])

    @Test func appendWritesTheHeaderOnceAndOneLinePerContribution() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        try ExplanationsLog(path: folder.file("a/explanations.csv"), policy: .always).append(
            Self.explanation, timestamp: "2026-11-22T10:15:30.123Z", requestID: "r1", modelVersion: "v1", forecastDate: "2026-11-23"
        )
        let again = try ExplanationsLog(path: folder.file("a/explanations.csv"), policy: .never)
        try again.append(Self.explanation, timestamp: "2026-11-22T10:15:31.000Z", requestID: "r2", modelVersion: "v1",
                         forecastDate: "2026-11-23")
        let lines = try folder.read("a/explanations.csv").split(separator: "\n")
        #expect(lines.first.map(String.init) == ExplanationLogEntry.header)
        let entries = try lines.dropFirst().map { try ExplanationLogEntry.parse($0).get() }
        #expect(entries.count == 6)
        #expect(entries.map(\.requestID) == ["r1", "r1", "r1", "r2", "r2", "r2"])
        #expect(entries.prefix(3).map(\.feature) == Self.explanation.contributions.map(\.feature))
        #expect(entries.prefix(3).map(\.contribution) == Self.explanation.contributions.map(\.value))
        #expect(entries.allSatisfy { $0.expectedValue == 1000.25 && $0.forecastDate == "2026-11-23" })
    }

    @Test func foreignHeaderIsRefusedNamingTheOption() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let path = folder.file("explanations.csv")
        try "timestamp,ca_total\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: ExplanationsLogError.headerMismatch(path: path, found: "timestamp,ca_total")) {
            _ = try ExplanationsLog(path: path, policy: .never)
        }
        #expect(ExplanationsLogError.headerMismatch(path: path, found: "x").description.contains("--explanations-log"))
        #expect(try folder.read("explanations.csv") == "timestamp,ca_total\n")
    }

    @Test func aPredictionLogIsNotAnExplanationsLog() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        _ = try PredictionLog(path: folder.file("log.csv"), policy: .never)
        #expect(throws: ExplanationsLogError.self) { _ = try ExplanationsLog(path: folder.file("log.csv"), policy: .never) }
        _ = try ExplanationsLog(path: folder.file("explanations.csv"), policy: .never)
        #expect(throws: PredictionLogError.self) { _ = try PredictionLog(path: folder.file("explanations.csv"), policy: .never) }
    }

    @Test func aRotatedLogIsReopenedWithItsHeader() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let log = try ExplanationsLog(path: folder.file("explanations.csv"), policy: .batch)
        #expect(try !log.reopenIfMoved())
        try FileManager.default.moveItem(atPath: folder.file("explanations.csv"), toPath: folder.file("explanations.csv.1"))
        #expect(try log.reopenIfMoved())
        try log.append(Self.explanation, timestamp: "2026-11-22T10:15:30.123Z", requestID: "r1", modelVersion: "v1",
                       forecastDate: "2026-11-23")
        log.sync()
        #expect(try folder.read("explanations.csv").split(separator: "\n").count == 4)
        #expect(try folder.read("explanations.csv.1") == ExplanationLogEntry.header + "\n")
    }

    @Test func aLogTruncatedInPlaceGetsItsHeaderBack() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let path = folder.file("explanations.csv")
        let log = try ExplanationsLog(path: path, policy: .never)
        try log.append(Self.explanation, timestamp: "2026-11-22T10:15:30.123Z", requestID: "r1", modelVersion: "v1",
                       forecastDate: "2026-11-23")
        #expect(try log.repairIfTruncated() == nil)
        #expect(truncate(path, 0) == 0)  // logrotate's copytruncate
        try log.append(Self.explanation, timestamp: "2026-11-22T10:15:31.000Z", requestID: "r2", modelVersion: "v1",
                       forecastDate: "2026-11-23")
        #expect(try log.repairIfTruncated() == 3)
        let lines = try folder.read("explanations.csv").split(separator: "\n")
        #expect(lines.first.map(String.init) == ExplanationLogEntry.header)
        #expect(try lines.dropFirst().map { try ExplanationLogEntry.parse($0).get().requestID } == ["r2", "r2", "r2"])
        log.moveRetiredTail(final: true)
    }
}
