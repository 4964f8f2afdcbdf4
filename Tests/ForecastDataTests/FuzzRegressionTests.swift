import Foundation
import Testing
@testable import ForecastData

/// Inputs found by scripts/fuzz.sh, kept so the fixes stay fixed.
@Suite struct FuzzRegressionTests {
    /// csv_etl: a header whose last field opens a quote that never closes holds line breaks
    /// and a NUL byte; the "no amount column" error echoed them and was no longer one line.
    @Test func headerNamesWithLineBreaks_StayOnOneErrorLine() throws {
        let files = try TemporaryFiles()
        defer { files.cleanUp() }
        let bytes: [UInt8] = Array("date,a-ount,or".utf8) + [4, 0, 0, 0] + Array("der_,\"1,Range2024-01-2,D\no2024\n".utf8)
        let input = try files.write(bytes, to: "input.csv")
        do {
            _ = try DailyFeaturesETL.compute(ETLOptions(input: input, output: files.path("out.csv"), jobs: 1))
            Issue.record("expected an error")
        } catch {
            #expect(!error.description.contains("\n"))
            #expect(!error.description.contains("\u{0}"))
            #expect(error.description.contains("'1,Range2024-01-2,D\\no2024\\n'"))
        }
    }

    /// The same for a skipped row's detail: a quoted date holding a line break.
    @Test func skippedRowDetailWithLineBreak_IsEscaped() throws {
        let files = try TemporaryFiles()
        defer { files.cleanUp() }
        let input = try files.write("date,amount\n\"2024-01-01\nx\",1\n")
        do {
            _ = try DailyFeaturesETL.compute(ETLOptions(input: input, output: files.path("out.csv"), jobs: 1))
            Issue.record("expected an error")
        } catch {
            #expect(!error.description.contains("\n"))
            #expect(error.description.contains("'2024-01-01\\nx'"))
        }
    }
}

/// csv_etl: a file ending in a delimiter (a last, empty field without a line end) left that
/// field's slot unset: the first record crashed (a negative length), a later one read the
/// previous record's field instead of an empty one.
@Suite struct TrailingEmptyFieldTests {
    @Test func fileEndingInADelimiter_OnTheFirstRecord_DoesNotCrash() throws {
        let files = try TemporaryFiles()
        defer { files.cleanUp() }
        let bytes: [UInt8] = Array("amount,order\n1".utf8) + [0x01, 0xEF, 0xBB, 0xBF] + Array("Da,".utf8)
        let input = try files.write(bytes, to: "input.csv")
        #expect(throws: ETLError.self) {
            try DailyFeaturesETL.compute(ETLOptions(input: input, output: files.path("out.csv"), maxBadFraction: 1, jobs: 1))
        }
    }

    @Test func fileEndingInADelimiter_IsAnEmptyField_NotThePreviousOne() throws {
        let files = try TemporaryFiles()
        defer { files.cleanUp() }
        let input = try files.write("date,amount,order\n2024-01-01,1,A\n2024-01-02,2,B\n2024-01-02,3,")
        let (summary, records) = try DailyFeaturesETL.compute(
            ETLOptions(input: input, output: files.path("out.csv"), maxBadFraction: 1, jobs: 1)
        )
        #expect(summary.rowsUsed == 2)
        #expect(summary.skipped.entries[.missingOrder]?.count == 1)
        #expect(summary.skipped.entries[.missingOrder]?.firstLine == 4)
        #expect(records.count == 1)
    }
}

/// csv_etl: read in parts, a day met in two parts has its order ids counted again in a recount
/// pass, which also counted the ids of rows skipped for a bad amount: 4 orders instead of 3.
@Suite struct RecountSkippedRowsTests {
    @Test func recount_IgnoresOrderIDsOfSkippedRows() throws {
        let files = try TemporaryFiles()
        defer { files.cleanUp() }
        let bytes: [UInt8] = Array("date,amount,order_id\n2024-01-01,10.5,A".utf8) + [UInt8](repeating: 0xFF, count: 7)
            + Array("\n2024-01-01,3,B\n2024-01-02,\"1,5\",&C\n2024-01-03,-2,D\n2024-01-0der_id\n2024-01-01,10.!5,A\n2024-01-01,3,B\n205,7e1,A\n".utf8)
        let input = try files.write(bytes, to: "input.csv")
        var options = ETLOptions(input: input, output: files.path("out.csv"), maxBadFraction: 1, jobs: 1)
        let (whole, _) = try DailyFeaturesETL.compute(options)
        options.jobs = 2
        options.minimumChunkBytes = 64
        let (split, _) = try DailyFeaturesETL.compute(options)
        #expect(whole.orders == 3)
        #expect(split.recountedDays == 1)
        #expect(split.orders == 3)
    }
}
