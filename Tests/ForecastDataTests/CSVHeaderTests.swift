import Testing
@testable import ForecastData

@Suite struct CSVHeaderTests {
    private func parse(_ text: String, whole: Bool = true) -> (names: [String], end: Int, lineBreaks: Int)? {
        Array(text.utf8).withUnsafeBufferPointer {
            CSVHeader.parse($0, from: 0, delimiter: UInt8(ascii: ","), isWholeFile: whole)
        }
    }

    @Test func names_AreUnquotedAndTrimmed() throws {
        let header = try #require(parse(" a , \"b, c\",\"say \"\"d\"\"\",e\r\n1,2,3,4\n"))
        #expect(header.names == ["a", "b, c", "say \"d\"", "e"])
        #expect(header.end == 27)  // just after "\r\n"
        #expect(header.lineBreaks == 1)
    }

    @Test func quotedLineBreak_CountsAsALine() throws {
        let header = try #require(parse("\"two\nlines\",x\n"))
        #expect(header.names == ["two\nlines", "x"])
        #expect(header.lineBreaks == 2)
    }

    @Test func headerWithoutLineEnd_NeedsTheWholeFile() {
        #expect(parse("a,b", whole: false) == nil)
        #expect(parse("a,b")?.names == ["a", "b"])
    }
}
