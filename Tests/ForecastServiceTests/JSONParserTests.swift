import Testing
@testable import ForecastService

/// The strict request-body parser.
struct JSONParserTests {
    private func parse(_ text: String) throws -> JSONValue { try JSONParser.parse(Array(text.utf8)) }

    @Test func parsesEveryKindOfValue() throws {
        let value = try parse(" {\"a\": [1, -2.5e2, true, false, null], \"b\": {\"c\": \"d\\n\\u00e9\\ud83d\\ude00\"}} ")
        #expect(value["a"] == .array([.number(1), .number(-250), .bool(true), .bool(false), .null]))
        #expect(value["b"]?["c"] == .string("d\né😀"))
    }

    @Test(arguments: ["", "{", "{\"a\":1,}", "[1,]", "01", "1.", "-", "\"a", "{\"a\" 1}", "tru", "1 2", "{'a':1}", "\"\u{01}\"", "[1]x"])
    func rejectsMalformedText(_ text: String) {
        #expect(throws: JSONParseError.self) { _ = try parse(text) }
    }

    @Test func rejectsNestingBeyondTheLimit() {
        let deep = String(repeating: "[", count: JSONParser.maxDepth + 1) + String(repeating: "]", count: JSONParser.maxDepth + 1)
        #expect(throws: JSONParseError.self) { _ = try parse(deep) }
        let ok = String(repeating: "[", count: JSONParser.maxDepth) + String(repeating: "]", count: JSONParser.maxDepth)
        #expect(throws: Never.self) { _ = try parse(ok) }
    }

    @Test func rejectsInvalidUTF8InStrings() {
        #expect(throws: JSONParseError.self) { _ = try JSONParser.parse([0x22, 0xFF, 0x22]) }
    }

    @Test func hugeNumbersBecomeInfinityForValidationToReject() throws {
        #expect(try parse("1e999") == .number(.infinity))
    }

    @Test func repeatedKeysKeepTheLastValue() throws {
        #expect(try parse("{\"a\":1,\"a\":2}")["a"] == .number(2))
    }
}
