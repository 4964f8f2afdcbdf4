/// Finds the bytes that matter inside records — the delimiter, `\n` and `"` — 64 bytes at a
/// time.
///
/// Most bytes of a CSV file are field content that needs no look. Each 64-byte block becomes
/// one 64-bit mask (bit i set when byte i is special) with plain integer operations (SWAR:
/// a 64-bit word tests eight bytes at once), and the scanner then walks the set bits. Walking
/// bits branches once per field instead of once per byte, and those branches are predictable.
/// The scanner keeps the current block's mask and walks it inline.
struct SpecialByteIndex {
    private let delimiter: UInt8
    private let delimiters: UInt64
    private static let newlines: UInt64 = 0x0A0A_0A0A_0A0A_0A0A
    private static let quotes: UInt64 = 0x2222_2222_2222_2222
    private static let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
    /// Multiplying the eight byte-flags (bit 0 of each byte) by this gathers them in the top byte.
    private static let gather: UInt64 = 0x0102_0408_1020_4080

    init(delimiter: UInt8) {
        self.delimiter = delimiter
        delimiters = UInt64(delimiter) &* 0x0101_0101_0101_0101
    }

    /// The mask of special bytes in `start..<min(start + 64, limit)`.
    func bits(_ buffer: UnsafeMutablePointer<UInt8>, start: Int, limit: Int) -> UInt64 {
        var result: UInt64 = 0
        if start + 64 <= limit {
            let base = UnsafeRawPointer(buffer + start)
            for word in 0..<8 {
                let value = base.loadUnaligned(fromByteOffset: word * 8, as: UInt64.self).littleEndian
                let hits = Self.zeroBytes(value ^ delimiters) | Self.zeroBytes(value ^ Self.newlines)
                    | Self.zeroBytes(value ^ Self.quotes)
                result |= (((hits >> 7) &* Self.gather) >> 56) << UInt64(word * 8)
            }
            return result
        }
        var index = start
        while index < limit {
            let byte = buffer[index]
            if byte == delimiter || byte == 10 || byte == 34 { result |= 1 << UInt64(index - start) }
            index += 1
        }
        return result
    }

    /// The high bit of each byte of `word` that is zero, exactly (no carries between bytes).
    @inline(__always)
    private static func zeroBytes(_ word: UInt64) -> UInt64 {
        ~(((word & low7) &+ low7) | word) & ~low7
    }
}
