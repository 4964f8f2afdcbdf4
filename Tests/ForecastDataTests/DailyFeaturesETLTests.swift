import Foundation
import Testing
@testable import ForecastData

/// Whole runs: failures that write nothing, and the output file.
@Suite struct DailyFeaturesETLTests {
    @Test func run_WritesTheFeaturesFile() throws {
        let files = try TemporaryFiles()
        defer { files.cleanUp() }
        let input = try files.write("date,amount\n2024-01-01,1.5\n2024-01-02,2\n2024-01-03,3\n")
        let summary = try DailyFeaturesETL.run(ETLOptions(input: input, output: files.path("out/features.csv")))
        #expect(summary.rowsWritten == 2)
        let written = try String(contentsOfFile: files.path("out/features.csv"), encoding: .utf8)
        #expect(written == "date,ca_total,nb_commandes,label\n2024-01-01,1.5,1,2.0\n2024-01-02,2.0,1,3.0\n")
    }

    @Test func tooManyBadRows_FailsAndLeavesThePreviousOutput() throws {
        let files = try TemporaryFiles()
        defer { files.cleanUp() }
        let output = try files.write("previous", to: "features.csv")
        var text = "date,amount\n"
        for index in 0..<99 { text += "2024-01-0\(1 + index % 2),1\n" }
        text += "2024-01-01,bad\n2024-01-01,bad\n"
        let input = try files.write(text)
        #expect(throws: ETLError.self) { try DailyFeaturesETL.run(ETLOptions(input: input, output: output)) }
        #expect(try String(contentsOfFile: output, encoding: .utf8) == "previous")
        // One bad row in 100 is exactly the default 1 %: accepted.
        let (summary, _) = try files.etl(text.replacingOccurrences(of: "2024-01-01,bad\n2024-01-01,bad\n", with: "2024-01-01,bad\n"))
        #expect(summary.skipped.total == 1)
    }

    @Test func missingFile_NamesThePath() {
        let options = ETLOptions(input: "/nonexistent/x.csv", output: "/tmp/unused.csv")
        #expect(throws: ETLError.unreadable(path: "/nonexistent/x.csv", reason: "No such file or directory")) {
            try DailyFeaturesETL.compute(options)
        }
    }

    @Test func emptyHeaderOnlyAndSingleDayFiles_AreClearErrors() throws {
        let files = try TemporaryFiles()
        defer { files.cleanUp() }
        #expect(throws: ETLError.emptyFile(path: try files.write("", to: "a.csv"))) {
            try DailyFeaturesETL.compute(ETLOptions(input: files.path("a.csv"), output: files.path("o.csv")))
        }
        #expect(throws: ETLError.noUsableRows(path: try files.write("date,amount\n", to: "b.csv"), read: 0, firstProblem: nil)) {
            try DailyFeaturesETL.compute(ETLOptions(input: files.path("b.csv"), output: files.path("o.csv")))
        }
        let single = try files.write("date,amount\n2024-05-01,1\n2024-05-01 10:00,2\n", to: "c.csv")
        #expect(throws: ETLError.singleDay(path: single, day: Day(iso: "2024-05-01")!)) {
            try DailyFeaturesETL.compute(ETLOptions(input: single, output: files.path("o.csv")))
        }
    }

    @Test func lineNumbersOfParts_MoveToFileLines() {
        let error = ETLError.recordTooLong(path: "p.csv", line: 3, limitBytes: 64 << 20)
        #expect(error.movingLine(by: 10) == .recordTooLong(path: "p.csv", line: 13, limitBytes: 64 << 20))
        #expect(error.description.contains("line 3: a row longer than 64 MiB"))
        #expect(ETLError.emptyFile(path: "p").movingLine(by: 10) == .emptyFile(path: "p"))
    }
}
