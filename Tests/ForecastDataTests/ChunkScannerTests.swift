import Testing
@testable import ForecastData

/// The CSV reader on the shapes real exports take (RFC 4180 and its usual deviations).
@Suite struct ChunkScannerTests {
    private func run(_ text: String, _ configure: (inout ETLOptions) -> Void = { _ in }) throws -> (ETLSummary, [DailyRecord]) {
        let files = try TemporaryFiles()
        defer { files.cleanUp() }
        return try files.etl(text, configure)
    }

    private func revenues(_ records: [DailyRecord]) -> [String: Double] {
        Dictionary(uniqueKeysWithValues: records.map { ($0.day.iso, $0.revenue) })
    }

    @Test func quotedFields_HoldDelimitersDoubledQuotesAndLineBreaks() throws {
        let text = #"""
            date,note,amount
            2024-01-01,"a, b",10.5
            2024-01-01,"say ""hi""",2
            2024-01-02,"two
            lines, even",3
            2024-01-03,plain,4

            """#
        let (summary, records) = try run(text)
        #expect(summary.rowsRead == 4)
        #expect(summary.skipped.total == 0)
        #expect(revenues(records) == ["2024-01-01": 12.5, "2024-01-02": 3])
        #expect(records.first?.label == 3)
    }

    @Test func crlfBomBlankLinesAndNoFinalNewline_AreAccepted() throws {
        let text = "\u{FEFF}date,amount\r\n2024-01-01,1\r\n\r\n2024-01-01,2\r\n\n2024-01-02,4"
        let (summary, records) = try run(text)
        #expect(summary.rowsRead == 3)
        #expect(summary.dateColumn == "date")
        #expect(records == [DailyRecord(day: Day(iso: "2024-01-01")!, revenue: 3, orderCount: 2, label: 4)])
    }

    @Test func semicolonFiles_ReadDecimalCommas() throws {
        let text = "Date;Montant;Commande\n01/02/2024;12,50;A\n01/02/2024;\"1,25\";A\n02/02/2024;3;B\n"
        let (summary, records) = try run(text)
        #expect(summary.delimiter == ";")
        #expect(records == [DailyRecord(day: Day(iso: "2024-02-01")!, revenue: 13.75, orderCount: 1, label: 3)])
    }

    @Test func tabFiles_AndForcedDelimiter_Work() throws {
        let (tab, tabRecords) = try run("date\tamount\n2024-01-01\t1\n2024-01-02\t2\n")
        #expect(tab.delimiter == "tab")
        #expect(tabRecords.count == 1)
        let (_, piped) = try run("date|amount\n2024-01-01|1,5\n2024-01-02|2\n") { $0.delimiter = UInt8(ascii: "|") }
        #expect(piped.first?.revenue == 1.5)
    }

    @Test func badRows_AreSkippedAndCountedWithTheirFirstLine() throws {
        let text = #"""
            date,amount,extra
            2024-01-01,1,x
            2024-13-01,2,x
            2024-01-01,abc,x
            2024-01-01,,x
            ,5,x
            2024-01-02,2,"multi
            line"
            2024-01-02,1,x,surplus
            2024-01-31,6,x
            """#
        let (summary, _) = try run(text) { $0.maxBadFraction = 1 }
        let entries = summary.skipped.entries
        #expect(entries[.badDate] == .init(count: 1, firstLine: 3, firstDetail: "'2024-13-01'"))
        #expect(entries[.badAmount] == .init(count: 1, firstLine: 4, firstDetail: "'abc'"))
        #expect(entries[.missingAmount]?.firstLine == 5)
        #expect(entries[.missingDate]?.firstLine == 6)
        // The quoted line break makes the next record start on line 9.
        #expect(entries[.fieldCount]?.firstLine == 9)
        #expect(summary.rowsRead == 8)
        #expect(summary.rowsUsed == 3)
    }

    @Test func unclosedQuote_SkipsTheRestAsOneRow() throws {
        let text = "date,amount\n2024-01-01,1\n2024-01-02,2\n2024-01-03,\"3\n2024-01-04,4\n"
        let (summary, _) = try run(text) { $0.maxBadFraction = 0.5 }
        #expect(summary.skipped.entries[.unclosedQuote]?.firstLine == 4)
        #expect(summary.rowsRead == 3)
    }

    @Test func originalProjectShape_AddressOnTwoLinesAndNoDate() throws {
        var text = "Address,Lot,CC Exp Date,Purchase Price\n"
        for index in 0..<61 {
            text += "\"\(index) Main Street\nSpringfield, ST 12345\",46 in,02/20,\(index).5\n"
        }
        let (summary, records) = try run(text)
        #expect(summary.rowsRead == 61)
        #expect(summary.dateColumn == nil)
        #expect(summary.amountColumn == "Purchase Price")
        // pandas: date_range("2024-01-01", "2024-01-30 23:59:59", periods=61) puts rows 0–2 on Jan 1.
        #expect(records.first == DailyRecord(day: Day(iso: "2024-01-01")!, revenue: 0.5 + 1.5 + 2.5, orderCount: 3,
                                             label: 3.5 + 4.5))
        #expect(records.count == 29)
    }

    @Test func originalProjectSize_TenThousandRowsMatchPandasDays() throws {
        var text = "Address,Lot,AM or PM,Browser Info,Company,Credit Card,CC Exp Date,Purchase Price\n"
        for index in 0..<10_000 {
            text += "\"\(index) Elm Street Apt. \(index % 97)\nNorth Lisa, NV \(10_000 + index)\",4 gC,AM,Mozilla/5.0,\"Acme, Inc\",60115,02/20,1\n"
        }
        let (summary, records) = try run(text)
        #expect(summary.rowsRead == 10_000)
        // pandas 3.1.1: date_range("2024-01-01", "2024-01-30 23:59:59", periods=10000), rows per day.
        #expect(records.prefix(12).map(\.orderCount) == [334, 333, 333, 334, 333, 333, 334, 333, 333, 334, 333, 333])
        #expect(records.count == 29)
    }

    @Test func splitPointInsideAQuotedField_GivesTheSameResult() throws {
        // One quoted field full of line breaks covers the middle of the file, where the second
        // part would start: the first part must read on and the second be dropped.
        var text = "date,amount,note\n"
        for index in 0..<200 { text += "2024-01-0\(1 + index % 5),1,plain\n" }
        text += "2024-01-02,5,\"" + String(repeating: "2024-01-09,1000,fake row\n", count: 400) + "\"\n"
        for index in 0..<200 { text += "2024-01-0\(1 + index % 5),1,plain\n" }
        let (single, one) = try run(text) { $0.jobs = 1 }
        let (split, two) = try run(text) {
            $0.jobs = 2
            $0.minimumChunkBytes = 1024
        }
        #expect(two == one)
        #expect(split.rowsRead == 401)
        #expect(single.rowsRead == 401)
        #expect(one.last?.day.iso == "2024-01-04")
    }

    @Test func longQuotedFieldAcrossBlocks_IsReadWhole() throws {
        let long = String(repeating: "x,\"y\"\n", count: 1_000_000)  // 6 MB: more than one read block
        let text = "date,amount,note\n2024-01-01,1,\"" + long.replacingOccurrences(of: "\"", with: "\"\"") + "\"\n2024-01-02,2,z\n"
        let (summary, records) = try run(text)
        #expect(summary.rowsRead == 2)
        #expect(records.first?.label == 2)
    }
}
