import Testing
@testable import ForecastData

@Suite struct CSVDialectTests {
    private func detect(_ text: String, forced: UInt8? = nil) -> CSVDialect {
        Array(text.utf8).withUnsafeBufferPointer { CSVDialect.detect($0, forced: forced) }
    }

    @Test func delimiter_IsTheMostFrequentOutsideQuotesOnTheHeaderLine() {
        #expect(detect("a,b,c\n1;2;3;4;5\n").delimiter == UInt8(ascii: ","))
        #expect(detect("date;montant;\"x,y,z\"\n").delimiter == UInt8(ascii: ";"))
        #expect(detect("date\tamount\n").delimiter == UInt8(ascii: "\t"))
        #expect(detect("amount\n1\n").delimiter == UInt8(ascii: ","))
    }

    @Test func decimalComma_FollowsTheDelimiter() {
        #expect(detect("a;b\n").decimalComma)
        #expect(detect("a\tb\n").decimalComma)
        #expect(!detect("a,b\n").decimalComma)
    }

    @Test func byteOrderMark_IsMeasured() {
        #expect(detect("\u{FEFF}a;b\n").bomLength == 3)
        #expect(detect("\u{FEFF}a;b\n").delimiter == UInt8(ascii: ";"))
        #expect(detect("a;b\n").bomLength == 0)
    }

    @Test func forcedDelimiter_WinsOverDetection() {
        #expect(detect("a,b,c|d\n", forced: UInt8(ascii: "|")).delimiter == UInt8(ascii: "|"))
    }

    @Test func delimiterNames_AcceptOneCharacterOrTab() {
        #expect(CSVDialect.delimiter(named: "tab") == UInt8(ascii: "\t"))
        #expect(CSVDialect.delimiter(named: ";") == UInt8(ascii: ";"))
        #expect(CSVDialect.delimiter(named: ";;") == nil)
        #expect(CSVDialect.delimiter(named: "\"") == nil)
    }
}
