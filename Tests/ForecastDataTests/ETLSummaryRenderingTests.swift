import Foundation
import Testing
@testable import ForecastData

@Suite struct ETLSummaryRenderingTests {
    private func summary() throws -> ETLSummary {
        let files = try TemporaryFiles()
        defer { files.cleanUp() }
        let text = "order;date;amount\nA;2024-01-01;1000,5\nB;2024-01-02;-0,5\nC;2024-01-04;x\"y\n" + String(repeating: "D;2024-01-04;1\n", count: 97)
        return try files.etl(text).0
    }

    @Test func json_IsOneObjectWithTheSummaryFields() throws {
        let json = try summary().json
        #expect(!json.contains("\n"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["rows_read"] as? Int == 100)
        #expect(object["rows_skipped"] as? Int == 1)
        #expect(object["days"] as? Int == 4)
        #expect(object["empty_days"] as? Int == 1)
        #expect(object["first_day"] as? String == "2024-01-01")
        #expect(object["revenue_total"] as? Double == 1097)
        #expect(object["delimiter"] as? String == ";")
        let skipped = try #require(object["skipped"] as? [[String: Any]])
        #expect(skipped.first?["reason"] as? String == "bad_amount")
        #expect(skipped.first?["first_line"] as? Int == 4)
        #expect(skipped.first?["first_value"] as? String == "'x\"y'")
        let refunds = try #require(object["refunds"] as? [String: Any])
        #expect(refunds["rows"] as? Int == 1)
        #expect(refunds["total"] as? Double == -0.5)
    }

    @Test func text_NamesRowsSkipsDaysAndMoney() throws {
        let lines = try summary().textLines
        #expect(lines.allSatisfy { $0.hasPrefix("etl: ") })
        let text = lines.joined(separator: "\n")
        #expect(text.contains("read 100 rows"))
        #expect(text.contains("1 unreadable amount (first at line 4: 'x\"y')"))
        #expect(text.contains("4 days from 2024-01-01 to 2024-01-04 (1 without sales)"))
        #expect(text.contains("revenue 1,097.00 in total"))
        #expect(text.contains("refunds -0.50 over 1 rows"))
    }

    @Test func numbers_AreGroupedForPeople() {
        #expect(ETLSummary.grouped(1_234_567) == "1,234,567")
        #expect(ETLSummary.grouped(12) == "12")
        #expect(ETLSummary.money(-1234.5) == "-1,234.50")
        #expect(ETLSummary.money(0.004) == "0.00")
    }
}
