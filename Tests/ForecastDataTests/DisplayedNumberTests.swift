import Testing
@testable import ForecastData

@Suite struct DisplayedNumberTests {
    private func decimal(_ text: String, comma: Bool = false) -> Double? {
        Array(text.utf8).withUnsafeBufferPointer { FieldParsers.decimal($0, decimalComma: comma) }
    }

    @Test func currencySigns_AreIgnoredBeforeOrAfter() {
        #expect(decimal("$12.50") == 12.5)
        #expect(decimal("12.50 €") == 12.5)
        #expect(decimal("-£3") == -3)
        #expect(decimal("€-3.25") == -3.25)
        #expect(decimal("12,50 €", comma: true) == 12.5)
    }

    @Test func thousandsSeparators_AreRemovedWhenTheyGroupByThree() {
        #expect(decimal("1,234.50") == 1234.5)
        #expect(decimal("$1,234,567") == 1_234_567)
        #expect(decimal("1.234,50", comma: true) == 1234.5)
        #expect(decimal("1 234,50", comma: true) == 1234.5)
        #expect(decimal("1\u{00A0}234,50\u{00A0}€", comma: true) == 1234.5)
        #expect(decimal("1\u{202F}234", comma: true) == 1234)
    }

    @Test func separatorsThatDoNotGroup_AreStillUnreadable() {
        #expect(decimal("12,5") == nil)
        #expect(decimal("1,23,456.00") == nil)
        #expect(decimal("1,234.5,6") == nil)
        #expect(decimal("12 34") == nil)
        #expect(decimal("€") == nil)
        #expect(decimal("$$12") == nil)
        #expect(decimal("12 € 50") == nil)
    }
}
