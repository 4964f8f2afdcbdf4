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

    /// The parser converts short numbers itself (`JSONParser.exactValue`) and the rest with the
    /// standard library: either way, the double must be the one `Double(text)` gives, to the bit.
    @Test(arguments: [
        "0", "-0", "-0.0", "0e5", "320", "15000.0", "0.1", "0.3", "4.35", "0.000123", "2.5e-3", "1E5", "1e+5",
        "1e22", "1e23", "1e-22", "1e-23", "9007199254740992", "9007199254740993", "123456789012345678",
        "1234567890123456789", "12345678901234567890", "1.7976931348623157e308", "5e-324", "1e-400",
        "0.00000000000000000001", "99999999999999999999e-5", "1e00022", "1e000023",
    ])
    func numbersReadAsTheStandardLibraryReadsThem(_ text: String) throws {
        guard case let .number(value) = try parse(text) else { Issue.record("\(text) is not a number"); return }
        #expect(value.bitPattern == Double(text)!.bitPattern, "\(text): \(value) against \(Double(text)!)")
    }

    @Test func numbersMayStandBetweenAnyJSONWhitespace() throws {
        // Found by the json_body fuzz harness (its own check, not the parser, split "\r\n" wrongly).
        #expect(try parse("\r\r2\r\n") == .number(2))
        #expect(try parse(" \t\n-0.5\r\n ") == .number(-0.5))
    }

    @Test func randomNumbersReadAsTheStandardLibraryReadsThem() throws {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        func digits(_ count: Int) -> String { String((0..<count).map { _ in Character(String(next(10))) }) }
        for _ in 0..<20_000 {
            var text = next(2) == 0 ? "" : "-"
            let whole = digits(1 + next(20))
            text += whole.count > 1 && whole.first == "0" ? "1" + whole.dropFirst() : whole
            if next(2) == 0 { text += "." + digits(1 + next(20)) }
            if next(3) == 0 { text += ["e", "E"][next(2)] + ["", "+", "-"][next(3)] + String(next(40)) }
            guard case let .number(value) = try parse(text) else { Issue.record("\(text) is not a number"); return }
            #expect(value.bitPattern == Double(text)!.bitPattern, "\(text): \(value) against \(Double(text)!)")
        }
    }

    @Test func repeatedKeysKeepTheLastValue() throws {
        #expect(try parse("{\"a\":1,\"a\":2}")["a"] == .number(2))
    }
}
