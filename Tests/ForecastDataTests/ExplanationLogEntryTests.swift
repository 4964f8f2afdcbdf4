import Testing
@testable import ForecastData

/// One line of the explanations log: written whole, read back bit for bit, refused with the
/// column at fault.
@Suite struct ExplanationLogEntryTests {
    static let entry = ExplanationLogEntry(
        timestamp: "2026-11-22T10:15:30.123Z", requestID: "id,with \"quotes\"", modelVersion: "v0001-20261122T101530Z",
        forecastDate: "2026-11-23", expectedValue: 10207.556505263161, feature: "revenue_2026-11-20", contribution: -3.2e-11
    )

    @Test func lineRoundTripsExactly_QuotingWhatNeedsIt() throws {
        var line = Self.entry.csvLine
        #expect(line.hasSuffix("\n"))
        line.removeLast()
        #expect(line.contains("\"id,with \"\"quotes\"\"\""))
        #expect(line.hasSuffix(",-0.000000000032"), "no exponent in the file")
        #expect(try ExplanationLogEntry.parse(Substring(line)).get() == Self.entry)
    }

    @Test func badLinesNameTheColumnAtFault() throws {
        let good = "2026-11-22T10:15:30.123Z,r1,v1,2026-11-23,100.5,ca_total,-2.5"
        #expect(try ExplanationLogEntry.parse(Substring(good)).get().contribution == -2.5)
        let cases: [(String, String?)] = [
            ("2026-11-22T10:15:30.123Z,r1,v1,2026-11-23,100.5,ca_total,abc", "contribution"),
            ("2026-11-22T10:15:30.123Z,r1,v1,2026-11-23,inf,ca_total,1", "expected_value"),
            ("2026-11-22T10:15:30.123Z,r1,v1,2026-02-30,100.5,ca_total,1", "forecast_date"),
            ("2026-11-22 10:15:30,r1,v1,2026-11-23,100.5,ca_total,1", "timestamp"),
            ("2026-11-22T10:15:30.123Z,r1,,2026-11-23,100.5,ca_total,1", "model_version"),
            ("2026-11-22T10:15:30.123Z,r1,v1,2026-11-23,100.5,,1", "feature"),
            ("2026-11-22T10:15:30.123Z,r1,v1,2026-11-23,100.5,ca_total", nil),  // torn
            ("2026-11-22T10:15:30.123Z,\"r1,v1,2026-11-23,100.5,ca_total,1", nil),  // unbalanced quote
        ]
        for (line, column) in cases {
            guard case .failure(let failure) = ExplanationLogEntry.parse(Substring(line)) else {
                Issue.record("accepted: \(line)")
                continue
            }
            #expect(failure.column == column, "\(line)")
        }
    }
}
