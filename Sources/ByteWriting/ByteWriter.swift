/// Writes a message into room reserved once at the end of a byte array.
///
/// `Array.append(contentsOf:)` checks uniqueness and capacity and calls `memcpy` on every call:
/// some 90 instructions under callgrind, and a response or a log line is a score of small
/// pieces. Here the caller adds the message's size bound once, and each piece is one bounds
/// check and a copy. Writing past the room reserved traps (`precondition`), so a wrong bound is
/// a crash, never memory overwritten. Shared by the HTTP layer and the file formats (a module
/// of its own: neither depends on the other).
@frozen
public struct ByteWriter {
    @usableFromInline let start: UnsafeMutablePointer<UInt8>
    @usableFromInline let end: UnsafeMutablePointer<UInt8>
    @usableFromInline var cursor: UnsafeMutablePointer<UInt8>

    @inlinable
    init(start: UnsafeMutablePointer<UInt8>, end: UnsafeMutablePointer<UInt8>) {
        self.start = start
        self.end = end
        self.cursor = start
    }

    /// How many bytes were written.
    @inlinable
    public var count: Int { cursor - start }

    /// Appends to `buffer` whatever `body` writes, in at most `bound` bytes.
    @inlinable
    public static func append(to buffer: inout [UInt8], bound: Int, _ body: (inout ByteWriter) -> Void) {
        buffer.append(addingCapacity: bound) { span in
            span.withUnsafeMutableBufferPointer { room, initialized in
                var writer = ByteWriter(start: room.baseAddress! + initialized, end: room.baseAddress! + room.count)
                body(&writer)
                initialized += writer.count
            }
        }
    }

    /// Copies `count` bytes from `source`.
    @inlinable @inline(__always)
    public mutating func write(_ source: UnsafeRawPointer, count: Int) {
        precondition(count <= end - cursor, "ByteWriter: the message's size bound was too small")
        UnsafeMutableRawPointer(cursor).copyMemory(from: source, byteCount: count)
        cursor += count
    }

    /// Writes a literal's bytes.
    @inlinable @inline(__always)
    public mutating func write(_ text: StaticString) {
        write(text.utf8Start, count: text.utf8CodeUnitCount)
    }

    /// Writes a string's UTF-8. (Labelled: unlabelled, a literal argument would pick this
    /// overload over the `StaticString` one.)
    @inlinable
    public mutating func write(string text: String) {
        var text = text
        text.withUTF8 { write($0.baseAddress ?? UnsafePointer(cursor), count: $0.count) }
    }

    /// Writes bytes.
    @inlinable
    public mutating func write(_ bytes: UnsafeBufferPointer<UInt8>) {
        write(bytes.baseAddress ?? UnsafePointer(cursor), count: bytes.count)
    }

    /// Writes bytes.
    @inlinable
    public mutating func write(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { write($0) }
    }

    /// Writes one byte.
    @inlinable @inline(__always)
    public mutating func write(byte: UInt8) {
        precondition(cursor < end, "ByteWriter: the message's size bound was too small")
        cursor.pointee = byte
        cursor += 1
    }

    /// The most bytes `writeDecimal` writes (`Int.min`: a sign and 19 digits).
    public static let maxDecimalBytes = 20

    /// Writes `value` in decimal, with a sign when negative.
    @inlinable
    public mutating func writeDecimal(_ value: Int) {
        if value < 0 { write(byte: UInt8(ascii: "-")) }
        var digits = 1
        var rest = value.magnitude / 10
        while rest > 0 {
            digits += 1
            rest /= 10
        }
        precondition(digits <= end - cursor, "ByteWriter: the message's size bound was too small")
        rest = value.magnitude
        for index in stride(from: digits - 1, through: 0, by: -1) {
            cursor[index] = UInt8(ascii: "0") + UInt8(rest % 10)
            rest /= 10
        }
        cursor += digits
    }
}
