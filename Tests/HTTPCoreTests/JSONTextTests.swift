import ByteWriting
import Testing
@testable import HTTPCore

/// JSON string literals written by hand, escaped per RFC 8259 §7.
struct JSONTextTests {
    @Test(arguments: ["v0001-20261203T114535Z", "", "a\"b", "back\\slash", "line\nbreak", "tab\tand\u{01}", "é ünïcode"])
    func writingAndQuotingGiveTheSameLiteral(text: String) {
        // Into room of the announced bound (a write past it traps).
        var bytes: [UInt8] = [UInt8(ascii: "[")]
        ByteWriter.append(to: &bytes, bound: JSONText.quotedByteBound(text)) { JSONText.writeQuoted(text, to: &$0) }
        #expect(String(decoding: bytes, as: UTF8.self) == "[" + JSONText.quoted(text))
    }

    @Test func controlCharactersQuotesAndBackslashesAreEscaped() {
        #expect(JSONText.quoted("a\"b\\c\nd\u{01}") == "\"a\\\"b\\\\c\\nd\\u0001\"")
    }
}
