// libFuzzer harness: the JSON body parser of the prediction routes (ForecastService.JSONParser)
// and the validation that turns a parsed body into a prediction input. Built and run by
// scripts/fuzz.sh.
//
// Invariants beyond "no crash":
// - whatever parses, written back out as JSON, parses to the same value (nothing lost or
//   invented: strings, numbers to the bit, member order);
// - an input the prediction routes accept has a finite revenue ≥ 0 and an order count ≥ 0,
//   whatever the body held (1e999, -0, 1e-400, huge integers), and its own history (if any)
//   1 to 366 finite revenues ≥ 0;
// - an error names a byte offset inside the body;
// - a body that is one number reads as the double `Double(text)` gives, to the bit (the parser
//   converts short numbers itself).
@testable import ForecastService
import HTTPCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let value: JSONValue
    do {
        value = try JSONParser.parse(bytes)
    } catch {
        expect(error.offset >= 0 && error.offset <= size, "error offset \(error.offset) outside \(size) bytes")
        return 0
    }
    var text: [UInt8] = []
    write(value, to: &text)
    do {
        let again = try JSONParser.parse(text)
        expect(again == value, "round trip changed \(value) into \(again)")
    } catch {
        fatalError("invariant broken: " + "re-serialised JSON failed: \(error) in \(String(decoding: text, as: UTF8.self))")
    }
    checkInputs(value)
    if case let .number(number) = value {
        // Whitespace dropped byte by byte: as Characters, "\r\n" is one grapheme, neither "\r" nor "\n".
        let text = String(decoding: bytes.filter { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }, as: UTF8.self)
        let reference = Double(text)
        expect(reference?.bitPattern == number.bitPattern, "'\(text)' reads as \(number), Double(text) gives \(String(describing: reference))")
    }
    return 0
}

/// What the single and batch routes would read from the body.
private func checkInputs(_ value: JSONValue) {
    var candidates = [value]
    if case let .array(items) = value { candidates += items }
    if case let .object(members) = value {
        for (name, member) in members where name == "items" {
            if case let .array(items) = member { candidates += items }
        }
    }
    for candidate in candidates {
        guard let input = try? PredictionInput.from(candidate, location: "items[0].") else { continue }
        expect(input.revenue.isFinite && input.revenue >= 0, "accepted revenue \(input.revenue)")
        expect(input.orderCount >= 0, "accepted order count \(input.orderCount)")
        if let history = input.history {
            expect((1...PredictionInput.maxHistoryDays).contains(history.revenue.count), "history of \(history.revenue.count) days")
            expect(history.revenue.allSatisfy { $0.isFinite && $0 >= 0 }, "history holds a revenue not finite or negative")
        }
    }
}

/// Compact JSON. Infinite numbers (the parser reads 1e999 as +inf, which validation rejects)
/// are written so that they read back as the same infinity.
private func write(_ value: JSONValue, to out: inout [UInt8]) {
    switch value {
    case .null: out += Array("null".utf8)
    case let .bool(flag): out += Array((flag ? "true" : "false").utf8)
    case let .number(number):
        if number.isInfinite {
            out += Array((number < 0 ? "-1e999" : "1e999").utf8)
        } else {
            out += Array("\(number)".utf8)  // shortest representation that reads back to the same bits
        }
    case let .string(string): writeString(string, to: &out)
    case let .array(items):
        out.append(UInt8(ascii: "["))
        for (index, item) in items.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            write(item, to: &out)
        }
        out.append(UInt8(ascii: "]"))
    case let .object(members):
        out.append(UInt8(ascii: "{"))
        for (index, (name, member)) in members.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            writeString(name, to: &out)
            out.append(UInt8(ascii: ":"))
            write(member, to: &out)
        }
        out.append(UInt8(ascii: "}"))
    }
}

private func writeString(_ string: String, to out: inout [UInt8]) {
    let hex = Array("0123456789abcdef".utf8)
    out.append(UInt8(ascii: "\""))
    for byte in string.utf8 {
        if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
            out += [UInt8(ascii: "\\"), byte]
        } else if byte < 0x20 {
            out += Array("\\u00".utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 15)]]
        } else {
            out.append(byte)
        }
    }
    out.append(UInt8(ascii: "\""))
}
