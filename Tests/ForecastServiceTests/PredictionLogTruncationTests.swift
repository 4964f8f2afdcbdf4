import Foundation
import ForecastData
import Testing
@testable import ForecastService

/// A log truncated in place under the writer (logrotate's `copytruncate`) gets its header back
/// and keeps every line.
struct PredictionLogTruncationTests {
    private func entry(_ index: Int) -> PredictionLogEntry {
        PredictionLogEntry(timestamp: "2026-11-22T10:15:30.123Z", revenue: Double(index), orderCount: index, prediction: 1.5, modelVersion: "v1")
    }

    private static let header = PredictionLogEntry.header + "\n"

    /// What logrotate's copytruncate does: copy the file, then truncate the original in place.
    private func copyTruncate(_ folder: TemporaryFolder) throws {
        try FileManager.default.copyItem(atPath: folder.file("log.csv"), toPath: folder.file("log.csv.1"))
        #expect(truncate(folder.file("log.csv"), 0) == 0)
    }

    @Test func intactLogNeedsNoRepair() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let log = try PredictionLog(path: folder.file("log.csv"), policy: .never)
        try log.append(entry(1))
        #expect(try log.repairIfTruncated() == nil)
        #expect(try folder.read("log.csv") == Self.header + entry(1).csvLine)
    }

    @Test func truncatedLogGetsItsHeaderBack_LinesWrittenSinceAreKept() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let log = try PredictionLog(path: folder.file("log.csv"), policy: .batch)
        try log.append(entry(1))
        try copyTruncate(folder)
        try log.append(entry(2))  // lands at offset 0, no header
        try log.append(entry(3))
        #expect(try log.repairIfTruncated() == 2)
        try log.append(entry(4))
        #expect(try folder.read("log.csv.1") == Self.header + entry(1).csvLine)
        #expect(try folder.read("log.csv") == Self.header + entry(2).csvLine + entry(3).csvLine + entry(4).csvLine)
        #expect(try log.repairIfTruncated() == nil)
        #expect(!FileManager.default.fileExists(atPath: folder.file("log.csv.repair-\(getpid())")))
    }

    @Test func emptyTruncatedLogGetsItsHeaderBeforeAnyLine() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let log = try PredictionLog(path: folder.file("log.csv"), policy: .never)
        try log.append(entry(1))
        try copyTruncate(folder)
        #expect(try log.repairIfTruncated() == 0)
        try log.append(entry(2))
        #expect(try folder.read("log.csv") == Self.header + entry(2).csvLine)
    }

    @Test func fiveColumnLogIsRepairedWithItsOwnHeader() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        try (PredictionLogEntry.fiveColumnHeader + "\n").write(toFile: folder.file("log.csv"), atomically: false, encoding: .utf8)
        let log = try PredictionLog(path: folder.file("log.csv"), policy: .never)
        try copyTruncate(folder)
        try log.append(entry(5))
        #expect(try log.repairIfTruncated() == 1)
        #expect(try folder.read("log.csv") == PredictionLogEntry.fiveColumnHeader + "\n" + entry(5).csvLine(shape: .fiveColumns))
    }

    /// A line that reaches the truncated file after the repair copied it (a write in flight, or
    /// another server sharing the log that has not switched yet) is moved to the new file.
    @Test func lateLinesOnTheTruncatedFileAreMovedOver() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let log = try PredictionLog(path: folder.file("log.csv"), policy: .never)
        let otherWriter = open(folder.file("log.csv"), O_WRONLY | O_APPEND)
        #expect(otherWriter >= 0)
        defer { close(otherWriter) }
        try copyTruncate(folder)
        try log.append(entry(1))
        #expect(try log.repairIfTruncated() == 1)
        let late = entry(2).csvLine
        #expect(write(otherWriter, late, late.utf8.count) == late.utf8.count)
        try log.append(entry(3))
        #expect(try log.repairIfTruncated() == nil)  // a tick: the late line moves over
        let partial = "2026-11-22T10:15:30.123Z,9"
        #expect(write(otherWriter, partial, partial.utf8.count) == partial.utf8.count)
        log.moveRetiredTail(final: true)  // shutdown: a line still being written is not moved torn
        #expect(try folder.read("log.csv") == Self.header + entry(1).csvLine + entry(3).csvLine + late)
    }

    /// A repair that fails (here: its temporary file cannot be made) leaves lines going to the
    /// truncated file, is not retried every tick (each try copies the file whole), and is
    /// retried when forced (SIGHUP).
    @Test func failedRepairIsRetriedOnlyWhenForced() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let log = try PredictionLog(path: folder.file("log.csv"), policy: .never)
        let blocker = folder.file("log.csv.repair-\(getpid())")
        try FileManager.default.createDirectory(atPath: blocker, withIntermediateDirectories: false)
        try copyTruncate(folder)
        try log.append(entry(1))
        #expect(throws: PredictionLogError.self) { try log.repairIfTruncated() }
        try log.append(entry(2))
        #expect(try log.repairIfTruncated() == nil)
        #expect(try folder.read("log.csv") == entry(1).csvLine + entry(2).csvLine)
        try FileManager.default.removeItem(atPath: blocker)
        #expect(try log.repairIfTruncated(force: true) == 2)
        #expect(try folder.read("log.csv") == Self.header + entry(1).csvLine + entry(2).csvLine)
    }
}
