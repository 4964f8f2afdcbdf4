/// The header fields the server acts on, and the ones nearly every client sends, recognised
/// once when a head is decoded.
///
/// A recognised name is stored as a string made once per process (no allocation, no UTF-8
/// check, no lowercasing pass per request), and the framing rules switch on this tag instead of
/// comparing each name with five strings: together some 1,500 instructions of a `/predict`
/// under callgrind.
enum KnownField: Int, CaseIterable, Sendable, Equatable {
    case host, contentLength, contentType, transferEncoding, connection, expect
    case authorization, requestID, userAgent, accept

    /// The lowercased name, as bytes in the binary (matched against a head without a string).
    var bytes: StaticString {
        switch self {
        case .host: "host"
        case .contentLength: "content-length"
        case .contentType: "content-type"
        case .transferEncoding: "transfer-encoding"
        case .connection: "connection"
        case .expect: "expect"
        case .authorization: "authorization"
        case .requestID: "x-request-id"
        case .userAgent: "user-agent"
        case .accept: "accept"
        }
    }

    /// The lowercased name, made once per process from `bytes`.
    var name: String { KnownField.names[rawValue] }

    private static let names = allCases.map { String(describing: $0.bytes) }

    /// The field named `name` (already lowercased), or nil.
    init?(lowercasedName name: String) {
        guard let field = KnownField.allCases.first(where: { $0.name == name }) else { return nil }
        self = field
    }

    /// The field whose name is `bytes[start..<end]` in any case, or nil. The bytes must be token
    /// characters (the decoder checked): then `byte | 0x20` equals a name's lowercase letter
    /// only for that letter in either case, and equals `-` only for `-` (0x0D, the other byte
    /// that maps to it, is not a token character).
    static func matching(_ bytes: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> KnownField? {
        let candidates: (KnownField, KnownField?)
        switch end - start {
        case 4: candidates = (.host, nil)
        case 6: candidates = (.expect, .accept)
        case 10: candidates = (.connection, .userAgent)
        case 12: candidates = (.contentType, .requestID)
        case 13: candidates = (.authorization, nil)
        case 14: candidates = (.contentLength, nil)
        case 17: candidates = (.transferEncoding, nil)
        default: return nil
        }
        if candidates.0.matches(bytes, start) { return candidates.0 }
        if let second = candidates.1, second.matches(bytes, start) { return second }
        return nil
    }

    /// Whether the name's bytes start at `bytes[start]`, in any case (same length assumed).
    /// Compared a word at a time, the last word overlapping the one before (every name has at
    /// least 4 bytes); setting bit 5 of each byte lowercases the letters (see `matching`).
    private func matches(_ bytes: UnsafeRawBufferPointer, _ start: Int) -> Bool {
        let name = self.bytes
        let expected = UnsafeRawPointer(name.utf8Start)
        let count = name.utf8CodeUnitCount
        func sameWord<Word: FixedWidthInteger>(at offset: Int, _: Word.Type) -> Bool {
            let lowercase = Word(truncatingIfNeeded: 0x2020_2020_2020_2020 as UInt64)
            return bytes.loadUnaligned(fromByteOffset: start + offset, as: Word.self) | lowercase
                == expected.loadUnaligned(fromByteOffset: offset, as: Word.self)
        }
        if count < 8 { return sameWord(at: 0, UInt32.self) && sameWord(at: count - 4, UInt32.self) }
        var offset = 0
        while offset + 8 < count {
            guard sameWord(at: offset, UInt64.self) else { return false }
            offset += 8
        }
        return sameWord(at: count - 8, UInt64.self)
    }
}
