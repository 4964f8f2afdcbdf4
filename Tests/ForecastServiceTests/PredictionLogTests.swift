import Foundation
import ForecastData
import Testing
@testable import ForecastService

/// The log file: header once, whole lines, refusal of foreign headers.
struct PredictionLogTests {
    private func entry(_ index: Int) -> PredictionLogEntry {
        PredictionLogEntry(
            timestamp: "2026-11-22T10:15:30.123Z", revenue: Double(index), orderCount: index, prediction: 1.5, modelVersion: "v1",
            calendar: ForecastCalendarFields(date: "2026-11-22", forecastDate: "2026-11-23", lower: 1, upper: 2, requestID: "r\(index)")
        )
    }

    @Test func aFiveColumnLogIsAppendedToInItsOwnShape() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let old = PredictionLogEntry.fiveColumnHeader + "\n2026-11-22T10:15:30.123Z,1.0,1,1.5,v1\n"
        try old.write(toFile: folder.file("log.csv"), atomically: true, encoding: .utf8)
        let log = try PredictionLog(path: folder.file("log.csv"), policy: .never)
        #expect(log.shape == .fiveColumns)
        try log.append(entry(2))
        try log.append([entry(3)])
        let lines = try folder.read("log.csv").split(separator: "\n")
        #expect(lines.count == 4)
        #expect(lines.dropFirst().allSatisfy { $0.split(separator: ",").count == 5 })
        var expected = entry(3)
        expected.calendar = nil
        #expect(PredictionLogEntry.parse(lines[3]) == expected)
    }

    @Test func newLogGetsTheHeaderAndCreatesItsDirectory() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let log = try PredictionLog(path: folder.file("a/b/log.csv"), policy: .always)
        try log.append(entry(1))
        #expect(try folder.read("a/b/log.csv") == PredictionLogEntry.header + "\n" + entry(1).csvLine)
    }

    @Test func reopeningAppendsWithoutASecondHeader() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        try PredictionLog(path: folder.file("log.csv"), policy: .never).append(entry(1))
        try PredictionLog(path: folder.file("log.csv"), policy: .batch).append([entry(2), entry(3)])
        let lines = try folder.read("log.csv").split(separator: "\n")
        #expect(lines.count == 4)
        #expect(lines.filter { $0 == PredictionLogEntry.header }.count == 1)
    }

    @Test func foreignHeaderIsRefusedAndTheFileLeftAlone() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        try "a,b\n1,2\n".write(toFile: folder.file("log.csv"), atomically: true, encoding: .utf8)
        #expect(throws: PredictionLogError.headerMismatch(path: folder.file("log.csv"), found: "a,b")) {
            _ = try PredictionLog(path: folder.file("log.csv"), policy: .never)
        }
        #expect(try folder.read("log.csv") == "a,b\n1,2\n")
    }

    @Test func aLastLineMissingItsNewlineIsEndedBeforeAppending() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        try (PredictionLogEntry.header + "\n2026-11-22T10:15").write(toFile: folder.file("log.csv"), atomically: true, encoding: .utf8)
        try PredictionLog(path: folder.file("log.csv"), policy: .never).append(entry(4))
        let lines = try folder.read("log.csv").split(separator: "\n")
        #expect(lines.last.flatMap { PredictionLogEntry.parse($0) } == entry(4))
    }

    @Test func concurrentOpeningsOfANewLogWriteTheHeaderOnce() async throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let path = folder.file("log.csv")
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<16 {
                group.addTask { try PredictionLog(path: path, policy: .never).append(entry(index)) }
            }
            try await group.waitForAll()
        }
        let lines = try folder.read("log.csv").split(separator: "\n")
        #expect(lines.first.map(String.init) == PredictionLogEntry.header)
        #expect(lines.count == 17)
        #expect(lines.dropFirst().allSatisfy { PredictionLogEntry.parse($0) != nil })
    }

    @Test func unwritablePathIsAClearError() throws {
        #expect(throws: PredictionLogError.self) {
            _ = try PredictionLog(path: "/proc/forecast-cannot-write/log.csv", policy: .never)
        }
    }
}
