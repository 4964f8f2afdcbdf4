/// A small strict JSON parser (RFC 8259) for request bodies, hand-written for the hot path.
///
/// Strict where it matters for safety: UTF-8 only, no trailing commas, no comments, no leading
/// zeros, no unescaped control characters, nesting limited to `maxDepth` so a hostile body
/// cannot exhaust the stack. Errors say what was expected and at which byte offset.
public struct JSONParser {
    /// Deepest nesting accepted; our bodies need 3 (batch: object → array → object).
    public static let maxDepth = 32

    private let bytes: UnsafeRawBufferPointer
    private var position = 0

    /// Parses `bytes` as one JSON text; throws a description of the first problem.
    public static func parse(_ bytes: [UInt8]) throws(JSONParseError) -> JSONValue {
        let result = bytes.withUnsafeBytes { raw -> Result<JSONValue, JSONParseError> in
            var parser = JSONParser(bytes: raw)
            do throws(JSONParseError) {
                parser.skipWhitespace()
                let value = try parser.parseValue(depth: 0)
                parser.skipWhitespace()
                guard parser.position == raw.count else { throw parser.failure("end of input") }
                return .success(value)
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    private init(bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    private mutating func parseValue(depth: Int) throws(JSONParseError) -> JSONValue {
        guard position < bytes.count else { throw failure("a value") }
        switch bytes[position] {
        case 0x7B: return try parseObject(depth: depth + 1)
        case 0x5B: return try parseArray(depth: depth + 1)
        case 0x22: return .string(try parseString())
        case 0x74: try expectWord("true"); return .bool(true)
        case 0x66: try expectWord("false"); return .bool(false)
        case 0x6E: try expectWord("null"); return .null
        case 0x2D, 0x30...0x39: return .number(try parseNumber())
        default: throw failure("a value")
        }
    }

    private mutating func parseObject(depth: Int) throws(JSONParseError) -> JSONValue {
        guard depth <= JSONParser.maxDepth else { throw JSONParseError(reason: "nesting deeper than \(JSONParser.maxDepth) levels", offset: position) }
        position += 1
        var members: [(String, JSONValue)] = []
        // Room for a request's members at once, rather than a reallocation at the 1st and 2nd.
        members.reserveCapacity(4)
        skipWhitespace()
        if position < bytes.count, bytes[position] == 0x7D {
            position += 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard position < bytes.count, bytes[position] == 0x22 else { throw failure("a quoted member name") }
            let key = try parseString()
            skipWhitespace()
            guard position < bytes.count, bytes[position] == 0x3A else { throw failure("':' after a member name") }
            position += 1
            skipWhitespace()
            members.append((key, try parseValue(depth: depth)))
            skipWhitespace()
            guard position < bytes.count else { throw failure("',' or '}'") }
            if bytes[position] == 0x2C {
                position += 1
            } else if bytes[position] == 0x7D {
                position += 1
                return .object(members)
            } else {
                throw failure("',' or '}'")
            }
        }
    }

    private mutating func parseArray(depth: Int) throws(JSONParseError) -> JSONValue {
        guard depth <= JSONParser.maxDepth else { throw JSONParseError(reason: "nesting deeper than \(JSONParser.maxDepth) levels", offset: position) }
        position += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if position < bytes.count, bytes[position] == 0x5D {
            position += 1
            return .array(elements)
        }
        while true {
            skipWhitespace()
            elements.append(try parseValue(depth: depth))
            skipWhitespace()
            guard position < bytes.count else { throw failure("',' or ']'") }
            if bytes[position] == 0x2C {
                position += 1
            } else if bytes[position] == 0x5D {
                position += 1
                return .array(elements)
            } else {
                throw failure("',' or ']'")
            }
        }
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`, converted by the standard library.
    private mutating func parseNumber() throws(JSONParseError) -> Double {
        let start = position
        if bytes[position] == 0x2D { position += 1 }
        guard position < bytes.count, isDigit(bytes[position]) else { throw failure("a digit") }
        if bytes[position] == 0x30 {
            position += 1
            if position < bytes.count, isDigit(bytes[position]) { throw failure("no leading zero") }
        } else {
            while position < bytes.count, isDigit(bytes[position]) { position += 1 }
        }
        if position < bytes.count, bytes[position] == 0x2E {
            position += 1
            guard position < bytes.count, isDigit(bytes[position]) else { throw failure("a digit after '.'") }
            while position < bytes.count, isDigit(bytes[position]) { position += 1 }
        }
        if position < bytes.count, bytes[position] == 0x65 || bytes[position] == 0x45 {
            position += 1
            if position < bytes.count, bytes[position] == 0x2B || bytes[position] == 0x2D { position += 1 }
            guard position < bytes.count, isDigit(bytes[position]) else { throw failure("a digit in the exponent") }
            while position < bytes.count, isDigit(bytes[position]) { position += 1 }
        }
        let token = UnsafeRawBufferPointer(rebasing: bytes[start..<position])
        if let value = JSONParser.exactValue(of: token) { return value }
        let text = String(decoding: token, as: UTF8.self)
        guard let value = Double(text) else { throw JSONParseError(reason: "unreadable number", offset: start) }
        return value
    }

    /// The value of a number token that already matched the grammar, when it can be computed
    /// exactly without the standard library's conversion: at most 19 digits whose integer is at
    /// most 2^53, and a decimal exponent within ±22. Then both the integer and the power of ten
    /// are exact doubles, and one multiplication or division rounds once, correctly, to the
    /// same double `Double(text)` returns (Clinger's fast path). Nil otherwise (the caller
    /// converts the text). Request bodies' numbers (`15000.0`, `320`) all take this path.
    static func exactValue(of token: UnsafeRawBufferPointer) -> Double? {
        var index = 0
        let negative = token[0] == 0x2D
        if negative { index = 1 }
        var significand: UInt64 = 0
        var digits = 0
        var exponent = 0
        while index < token.count, isDigit(token[index]) {
            significand = significand &* 10 &+ UInt64(token[index] &- 0x30)
            digits += 1
            index += 1
        }
        if index < token.count, token[index] == 0x2E {
            index += 1
            while index < token.count, isDigit(token[index]) {
                significand = significand &* 10 &+ UInt64(token[index] &- 0x30)
                digits += 1
                exponent -= 1
                index += 1
            }
        }
        // 19 digits cannot overflow 64 bits; past that the wrapped value would be wrong.
        guard digits <= 19, significand <= 1 << 53 else { return nil }
        if index < token.count {  // 'e' or 'E'
            index += 1
            var exponentSign = 1
            if token[index] == 0x2B || token[index] == 0x2D {
                exponentSign = token[index] == 0x2D ? -1 : 1
                index += 1
            }
            var written = 0
            let first = index
            while index < token.count {
                written = written * 10 + Int(token[index] &- 0x30)
                index += 1
                if index - first > 4 { return nil }  // a huge exponent: leave it to the library
            }
            exponent += exponentSign * written
        }
        guard exponent >= -22 && exponent <= 22 else { return nil }
        let magnitude = exponent < 0
            ? Double(significand) / exactPowersOfTen[-exponent]
            : Double(significand) * exactPowersOfTen[exponent]
        return negative ? -magnitude : magnitude
    }

    /// 10^0 … 10^22, each an exact double: 10^k = 2^k · 5^k and 5^22 < 2^53.
    private static let exactPowersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    private mutating func parseString() throws(JSONParseError) -> String {
        position += 1  // opening quote
        let start = position
        // Fast path: no escapes.
        while position < bytes.count {
            let byte = bytes[position]
            if byte == 0x22 {
                let slice = UnsafeRawBufferPointer(rebasing: bytes[start..<position])
                position += 1
                return try validUTF8(slice, at: start)
            }
            if byte == 0x5C { break }
            if byte < 0x20 { throw failure("no control character in a string (escape it)") }
            position += 1
        }
        var scalars = Array(UnsafeRawBufferPointer(rebasing: bytes[start..<position]))
        while position < bytes.count {
            let byte = bytes[position]
            if byte == 0x22 {
                position += 1
                return try validUTF8(scalars, at: start)
            }
            if byte < 0x20 { throw failure("no control character in a string (escape it)") }
            if byte != 0x5C {
                scalars.append(byte)
                position += 1
                continue
            }
            position += 1
            guard position < bytes.count else { throw failure("an escape") }
            let escape = bytes[position]
            position += 1
            switch escape {
            case 0x22, 0x5C, 0x2F: scalars.append(escape)
            case 0x62: scalars.append(0x08)
            case 0x66: scalars.append(0x0C)
            case 0x6E: scalars.append(0x0A)
            case 0x72: scalars.append(0x0D)
            case 0x74: scalars.append(0x09)
            case 0x75: appendUTF8(try parseUnicodeEscape(), to: &scalars)
            default: throw failure("a valid escape")
            }
        }
        throw failure("a closing quote")
    }

    /// `XXXX` after `\u`, joining a surrogate pair; a lone surrogate becomes U+FFFD.
    private mutating func parseUnicodeEscape() throws(JSONParseError) -> UInt32 {
        let first = try hex4()
        if (0xD800...0xDBFF).contains(first), position + 1 < bytes.count, bytes[position] == 0x5C, bytes[position + 1] == 0x75 {
            position += 2
            let second = try hex4()
            if (0xDC00...0xDFFF).contains(second) {
                return 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
            }
            return 0xFFFD
        }
        return (0xD800...0xDFFF).contains(first) ? 0xFFFD : first
    }

    private mutating func hex4() throws(JSONParseError) -> UInt32 {
        guard position + 4 <= bytes.count else { throw failure("four hex digits") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[position]
            let digit: UInt32
            switch byte {
            case 0x30...0x39: digit = UInt32(byte - 0x30)
            case 0x41...0x46: digit = UInt32(byte - 0x41 + 10)
            case 0x61...0x66: digit = UInt32(byte - 0x61 + 10)
            default: throw failure("four hex digits")
            }
            value = value << 4 | digit
            position += 1
        }
        return value
    }

    private func appendUTF8(_ scalar: UInt32, to bytes: inout [UInt8]) {
        guard let unicode = Unicode.Scalar(scalar) else { return }
        bytes.append(contentsOf: String(Character(unicode)).utf8)
    }

    private func validUTF8(_ bytes: UnsafeRawBufferPointer, at offset: Int) throws(JSONParseError) -> String {
        // ASCII is valid UTF-8 as it is: decoding it (a copy) gives what validating would, at a
        // fraction of the cost. Member names and dates are ASCII.
        if bytes.allSatisfy({ $0 < 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw JSONParseError(reason: "a string that is not valid UTF-8", offset: offset)
        }
        return text
    }

    private func validUTF8(_ bytes: [UInt8], at offset: Int) throws(JSONParseError) -> String {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw JSONParseError(reason: "a string that is not valid UTF-8", offset: offset)
        }
        return text
    }

    private mutating func expectWord(_ word: StaticString) throws(JSONParseError) {
        let count = word.utf8CodeUnitCount
        guard position + count <= bytes.count else { throw failure("'\(word)'") }
        for index in 0..<count where bytes[position + index] != word.utf8Start[index] { throw failure("'\(word)'") }
        position += count
    }

    private mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x09, 0x0A, 0x0D: position += 1
            default: return
            }
        }
    }

    private func failure(_ expected: String) -> JSONParseError {
        JSONParseError(reason: position < bytes.count ? "expected \(expected) at byte \(position)" : "expected \(expected) but the body ended", offset: position)
    }
}

/// A JSON syntax error: what was expected, and where.
public struct JSONParseError: Error, Equatable, CustomStringConvertible {
    /// What went wrong, e.g. "expected ',' or '}' at byte 17".
    public let reason: String
    /// Byte offset in the body.
    public let offset: Int

    public var description: String { reason }
}

private func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
