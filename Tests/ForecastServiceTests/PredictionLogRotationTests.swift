import Foundation
import ForecastData
import Testing
@testable import ForecastService

/// Following a log renamed or deleted under the writer (log rotation).
struct PredictionLogRotationTests {
    private func entry(_ index: Int) -> PredictionLogEntry {
        PredictionLogEntry(timestamp: "2026-11-22T10:15:30.123Z", revenue: Double(index), orderCount: index, prediction: 1.5, modelVersion: "v1")
    }

    @Test func unchangedPathIsNotReopened() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let log = try PredictionLog(path: folder.file("log.csv"), policy: .never)
        #expect(try log.reopenIfMoved() == false)
    }

    @Test func renamedLogKeepsItsLines_NewLinesGoToANewFileWithTheHeader() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let log = try PredictionLog(path: folder.file("log.csv"), policy: .batch)
        try log.append(entry(1))
        #expect(rename(folder.file("log.csv"), folder.file("log.csv.1")) == 0)
        try log.append(entry(2))  // before the switch: still the old file
        #expect(try log.reopenIfMoved())
        try log.append(entry(3))
        log.sync(force: true)
        let header = PredictionLogEntry.header + "\n"
        #expect(try folder.read("log.csv.1") == header + entry(1).csvLine + entry(2).csvLine)
        #expect(try folder.read("log.csv") == header + entry(3).csvLine)
        #expect(try log.reopenIfMoved() == false)
    }

    @Test func deletedLogIsRecreated() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let log = try PredictionLog(path: folder.file("log.csv"), policy: .never)
        #expect(unlink(folder.file("log.csv")) == 0)
        #expect(try log.reopenIfMoved())
        try log.append(entry(7))
        #expect(try folder.read("log.csv") == PredictionLogEntry.header + "\n" + entry(7).csvLine)
    }
}
