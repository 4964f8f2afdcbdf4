import Testing
@testable import ForecastData

@Suite struct FieldParsersTests {
    private func day(_ text: String, monthFirst: Bool = false) -> String? {
        Array(text.utf8).withUnsafeBufferPointer { FieldParsers.day($0, monthFirst: monthFirst) }?.iso
    }

    private func decimal(_ text: String, comma: Bool = false) -> Double? {
        Array(text.utf8).withUnsafeBufferPointer { FieldParsers.decimal($0, decimalComma: comma) }
    }

    @Test func isoDatesAndTimestamps_GiveTheirCalendarDay() {
        #expect(day("2024-03-07") == "2024-03-07")
        #expect(day("2024-03-07 23:59") == "2024-03-07")
        #expect(day("2024-03-07 23:59:59") == "2024-03-07")
        #expect(day("2024-03-07 23:59:59.123456") == "2024-03-07")
        #expect(day(" 2024-03-07T08:00:00 ") == "2024-03-07")
        #expect(day("20240307") == "2024-03-07")
        #expect(day("20240307 10:00") == "2024-03-07")
        #expect(day("2024/03/07") == "2024-03-07")
        #expect(day("2024/3/7 08:15:00") == "2024-03-07")
        #expect(day("2024.03.07") == "2024-03-07")
    }

    @Test func zonedTimestamps_CountOnTheDayWrittenInTheirZone() {
        // 23:30 at UTC-05 is 04:30 UTC the next day, but the shop's local day is the 7th.
        #expect(day("2024-03-07T23:30:00-05:00") == "2024-03-07")
        #expect(day("2024-03-07T00:30:00+02:00") == "2024-03-07")
        #expect(day("2024-03-07T00:30:00Z") == "2024-03-07")
        #expect(day("2024-03-07T00:30:00.5+0530") == "2024-03-07")
        #expect(day("2024-03-07 00:30:00 +01") == "2024-03-07")
        #expect(day("2024-03-07T00:30:00+25:00") == nil)
    }

    @Test func slashedDates_AreDayFirstUnlessMonthFirst() {
        #expect(day("03/07/2024") == "2024-07-03")
        #expect(day("03/07/2024", monthFirst: true) == "2024-03-07")
        #expect(day("3/7/2024 14:05") == "2024-07-03")
        #expect(day("31.12.2024") == "2024-12-31")
        #expect(day("31-12-2024") == "2024-12-31")
        #expect(day("31/12/2024", monthFirst: true) == nil)
    }

    @Test func impossibleOrGarbledDates_AreRejected() {
        for text in ["2023-02-29", "2024-13-01", "2024-00-10", "2024-01-32", "2024-01-15 25:00", "2024-01-15 10:61",
                     "2024-01-15x", "hello", "", "15/01/24", "2024/01-15", "1850-01-01", "2024-01-15 10:00 junk"] {
            #expect(day(text) == nil, "\(text) should not parse")
        }
        #expect(day("2024-02-29") == "2024-02-29")
    }

    @Test func decimals_ParseWithDotSignsAndSpaces() {
        #expect(decimal("12.50") == 12.5)
        #expect(decimal("-3") == -3)
        #expect(decimal("+0.07") == 0.07)
        #expect(decimal(" 1234.5 ") == 1234.5)
        #expect(decimal(".5") == 0.5)
        #expect(decimal("7.") == 7)
        #expect(decimal("1e3") == 1000)
        #expect(decimal("2.5E-1") == 0.25)
    }

    @Test func decimalComma_IsReadOnlyWhenAllowed() {
        #expect(decimal("12,50", comma: true) == 12.5)
        #expect(decimal("12,50") == nil)
        #expect(decimal("-0,99", comma: true) == -0.99)
    }

    @Test func decimals_AreCorrectlyRoundedLikeStrtod() {
        for text in ["0.1", "0.3", "123456.789", "9007199254740993", "12345678901234567890.5", "0.000000000000000000000001",
                     "98.14", "1.7976931348623157"] {
            #expect(decimal(text) == Double(text), "\(text)")
        }
    }

    @Test func nonNumbers_AreRejected() {
        for text in ["", " ", "abc", "12a", "1.2.3", "--1", "12 3", "nan", "inf", "-", "1e", "1e999"] {
            #expect(decimal(text) == nil, "\(text) should not parse")
        }
    }
}
