import Foundation
import Testing
@testable import ForecastData

/// Spark's output read as it is: a folder of part files, headers optional, rows in any order.
@Suite struct FeaturesFolderTests {
    private let header = FeaturesFile.header + "\n"

    private func day(_ iso: String) throws -> Day { try #require(Day(iso: iso)) }

    @Test func partsInAnyOrder_WithAndWithoutHeaders_ReadAsOneTableInDateOrder() throws {
        let files = try TemporaryFiles()
        defer { files.cleanUp() }
        let folder = files.path("spark")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        // Part 0 holds the latest days, part 1 has no header and its rows out of order; Java
        // writes 12345678.9 as 1.23456789E7.
        try files.write(header + "2024-01-04,1.23456789E7,7,40.5\n2024-01-03,30,3,1.23456789E7\n", to: "spark/part-00000-abc-c000.csv")
        try files.write("2024-01-02,20.25,2,30\r\n2024-01-01,10,1,20.25\r\n", to: "spark/part-00001-abc-c000.csv")
        try files.write(header, to: "spark/part-00002-abc-c000.csv")  // an empty partition
        try files.write("", to: "spark/_SUCCESS")
        try files.write("crc", to: "spark/.part-00000-abc-c000.csv.crc")

        let records = try FeaturesFile.read(from: folder)
        #expect(records == [
            DailyRecord(day: try day("2024-01-01"), revenue: 10, orderCount: 1, label: 20.25),
            DailyRecord(day: try day("2024-01-02"), revenue: 20.25, orderCount: 2, label: 30),
            DailyRecord(day: try day("2024-01-03"), revenue: 30, orderCount: 3, label: 12_345_678.9),
            DailyRecord(day: try day("2024-01-04"), revenue: 12_345_678.9, orderCount: 7, label: 40.5),
        ])
    }

    @Test func aGapAcrossParts_IsRefusedNamingTheDays() {
        let parts = [("d/part-0.csv", header + "2024-01-01,1,1,1\n"), ("d/part-1.csv", "2024-01-03,1,1,1\n")]
        #expect(throws: FeaturesFileError(
            path: "d/part-1.csv", line: 1,
            problem: "no row for the days between 2024-01-01 and 2024-01-03: days must be consecutive"
        )) {
            try FeaturesFolder.assemble(parts.map { (path: $0.0, text: $0.1) }, directory: "d")
        }
    }

    @Test func aDayInTwoParts_IsRefusedNamingBoth() {
        let parts = [("d/part-0.csv", "2024-01-01,1,1,1\n2024-01-02,1,1,1\n"), ("d/part-1.csv", "2024-01-02,1,1,1\n")]
        #expect(throws: FeaturesFileError(
            path: "d/part-1.csv", line: 1, problem: "2024-01-02 appears twice (also d/part-0.csv line 2)"
        )) {
            try FeaturesFolder.assemble(parts.map { (path: $0.0, text: $0.1) }, directory: "d")
        }
    }

    @Test func aBadRow_NamesItsPartAndLine() {
        let parts = [("d/part-0.csv", header + "2024-01-01,1,1,1\n2024-01-02,x,1,1\n")]
        #expect(throws: FeaturesFileError(path: "d/part-0.csv", line: 3, problem: "'2024-01-02,x,1,1' has a field that is not a number")) {
            try FeaturesFolder.assemble(parts.map { (path: $0.0, text: $0.1) }, directory: "d")
        }
    }

    @Test func onlyHeaders_IsAnEmptyTable() {
        #expect(throws: FeaturesFileError(path: "d", line: 0, problem: "the part files hold no rows")) {
            try FeaturesFolder.assemble([(path: "d/part-0.csv", text: header)], directory: "d")
        }
    }

    @Test func partNames_SkipsBookkeepingAndRefusesOtherFiles() throws {
        let names = ["_SUCCESS", "part-00001.csv", ".part-00001.csv.crc", "part-00000.csv", "_committed_123"]
        #expect(try FeaturesFolder.partNames(names, directory: "d") == ["part-00000.csv", "part-00001.csv"])
        #expect(throws: FeaturesFileError.self) {
            try FeaturesFolder.partNames(["part-00000.csv.gz", "_SUCCESS"], directory: "d")
        }
        #expect(throws: FeaturesFileError(path: "d", line: 0, problem: "the folder holds no part-*.csv file")) {
            try FeaturesFolder.partNames(["_SUCCESS"], directory: "d")
        }
    }

    @Test func folderErrors_ReadAsOneLineWithoutALineNumber() {
        let error = FeaturesFileError(path: "out/features", line: 0, problem: "the folder holds no part-*.csv file")
        #expect(error.description
            == "out/features: the folder holds no part-*.csv file; regenerate it with 'forecast etl' (or scripts/spark/daily_features.py)")
    }
}
