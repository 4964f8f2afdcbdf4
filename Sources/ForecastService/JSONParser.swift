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
        let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
        guard let value = Double(text) else { throw JSONParseError(reason: "unreadable number", offset: start) }
        return value
    }

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

    private func validUTF8<Bytes: Sequence<UInt8>>(_ bytes: Bytes, at offset: Int) throws(JSONParseError) -> String {
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
