/// Writes a message into room reserved once at the end of a byte array.
///
/// `Array.append(contentsOf:)` checks uniqueness and capacity and calls `memcpy` on every call:
/// some 90 instructions under callgrind, and a response is a score of small pieces. Here the
/// caller adds the message's size bound once, and each piece is one bounds check and a copy.
/// Writing past the room reserved traps (`precondition`), so a wrong bound is a crash, never
/// memory overwritten.
struct ByteWriter {
    private let start: UnsafeMutablePointer<UInt8>
    private let end: UnsafeMutablePointer<UInt8>
    private var cursor: UnsafeMutablePointer<UInt8>

    /// How many bytes were written.
    var count: Int { cursor - start }

    /// Appends to `buffer` whatever `body` writes, in at most `bound` bytes.
    static func append(to buffer: inout [UInt8], bound: Int, _ body: (inout ByteWriter) -> Void) {
        buffer.append(addingCapacity: bound) { span in
            span.withUnsafeMutableBufferPointer { room, initialized in
                let start = room.baseAddress! + initialized
                var writer = ByteWriter(start: start, end: room.baseAddress! + room.count, cursor: start)
                body(&writer)
                initialized += writer.count
            }
        }
    }

    /// Copies `count` bytes from `source`.
    @inline(__always)
    mutating func write(_ source: UnsafeRawPointer, count: Int) {
        precondition(count <= end - cursor, "ByteWriter: the message's size bound was too small")
        UnsafeMutableRawPointer(cursor).copyMemory(from: source, byteCount: count)
        cursor += count
    }

    /// Writes a literal's bytes.
    @inline(__always)
    mutating func write(_ text: StaticString) {
        write(text.utf8Start, count: text.utf8CodeUnitCount)
    }

    /// Writes a string's UTF-8. (Labelled: unlabelled, a literal argument would pick this
    /// overload over the `StaticString` one.)
    mutating func write(string text: String) {
        var text = text
        text.withUTF8 { write($0.baseAddress ?? UnsafePointer(cursor), count: $0.count) }
    }

    /// Writes bytes.
    mutating func write(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { write($0.baseAddress ?? UnsafeRawPointer(cursor), count: $0.count) }
    }

    /// Writes one byte.
    @inline(__always)
    mutating func write(byte: UInt8) {
        precondition(cursor < end, "ByteWriter: the message's size bound was too small")
        cursor.pointee = byte
        cursor += 1
    }

    /// Writes `value` (≥ 0) in decimal.
    mutating func writeDecimal(_ value: Int) {
        precondition(value >= 0, "ByteWriter: a negative decimal")
        var digits = 1
        var rest = value / 10
        while rest > 0 {
            digits += 1
            rest /= 10
        }
        precondition(digits <= end - cursor, "ByteWriter: the message's size bound was too small")
        rest = value
        for index in stride(from: digits - 1, through: 0, by: -1) {
            cursor[index] = 0x30 + UInt8(rest % 10)
            rest /= 10
        }
        cursor += digits
    }
}
