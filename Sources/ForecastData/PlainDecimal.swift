import ByteWriting

/// Formats numbers as the files of SPEC.md want them: plain decimals with `.`, never exponents.
public enum PlainDecimal {
    /// The most bytes `format` gives for any `Double`: the smallest subnormal, `-5e-324`, is
    /// `-0.` and 323 zeros before its 5 (327 bytes); the largest finite value has 309 digits.
    public static let maxBytes = 330

    /// The shortest text that reads back as the same `Double`, without an exponent.
    ///
    /// Swift's `description` is shortest-round-trip but switches to `1e-05` / `1e+16` outside
    /// [1e-4, 2^53); those digits are moved across the decimal point instead, which keeps the
    /// round trip exact (`-3.2e-11` → `-0.000000000032`).
    public static func format(_ value: Double) -> String {
        let text = value.description
        // Fast path (the server formats four numbers per request): most values have no exponent.
        guard text.utf8.contains(UInt8(ascii: "e")) else { return text }
        return withoutExponent(text)
    }

    /// Appends `format(value)`'s bytes to `buffer`.
    public static func append(_ value: Double, to buffer: inout [UInt8]) {
        let start = buffer.count
        appendDescription(value, to: &buffer)
        // Well inside [1e-4, 2^53) `description` never writes an exponent: no need to look for one.
        let magnitude = value.magnitude
        guard value != 0, magnitude < 1e-3 || magnitude >= 1e15,
              buffer[start...].contains(UInt8(ascii: "e"))
        else { return }
        let text = String(decoding: buffer[start...], as: UTF8.self)
        buffer.removeSubrange(start...)
        buffer.appendUTF8(withoutExponent(text))
    }

    /// Appends `value.description`'s bytes (Swift's shortest round-trip text, `1e-05` and `inf`
    /// included) without building the String: the server formats eight numbers per request.
    public static func appendDescription(_ value: Double, to buffer: inout [UInt8]) {
        // `write(to:)` spells a NaN with its payload (`-snan(0x…)`); `description` says `nan`.
        guard value.isFinite else { return buffer.appendUTF8(value.description) }
        var sink = ByteSink()
        swap(&sink.bytes, &buffer)  // moves the storage in and out: no copy
        value.write(to: &sink)
        swap(&sink.bytes, &buffer)
    }

    /// The stream `Double.write(to:)` writes its digits to.
    private struct ByteSink: TextOutputStream {
        var bytes: [UInt8] = []

        mutating func write(_ string: String) { bytes.appendUTF8(string) }

        /// `Double.write(to:)` hands its digits, formatted on the stack, to this requirement of
        /// `TextOutputStream` (underscored, but public). Its default makes a String of them
        /// and calls `write`: about 480 more instructions a number under callgrind.
        mutating func _writeASCII(_ buffer: UnsafeBufferPointer<UInt8>) { bytes.append(contentsOf: buffer) }
    }

    /// Appends `value`'s decimal digits (a sign if negative) to `buffer`, without a String.
    public static func append(_ value: Int, to buffer: inout [UInt8]) {
        ByteWriter.append(to: &buffer, bound: ByteWriter.maxDecimalBytes) { $0.writeDecimal(value) }
    }

    /// `text` (Swift's shortest round-trip form, with an exponent) with its digits moved across
    /// the decimal point instead.
    private static func withoutExponent(_ text: String) -> String {
        guard let exponentMark = text.firstIndex(where: { $0 == "e" || $0 == "E" }),
              let exponent = Int(text[text.index(after: exponentMark)...])
        else { return text }
        var mantissa = text[..<exponentMark]
        let negative = mantissa.hasPrefix("-")
        if negative { mantissa = mantissa.dropFirst() }
        // Digits without the point, and where the point sits among them.
        let point = mantissa.firstIndex(of: ".").map { mantissa.distance(from: mantissa.startIndex, to: $0) } ?? mantissa.count
        let digits = mantissa.filter { $0 != "." }
        let newPoint = point + exponent
        var plain: String
        if newPoint <= 0 {
            plain = "0." + String(repeating: "0", count: -newPoint) + digits
        } else if newPoint >= digits.count {
            plain = digits + String(repeating: "0", count: newPoint - digits.count) + ".0"
        } else {
            plain = String(digits.prefix(newPoint)) + "." + String(digits.dropFirst(newPoint))
        }
        if plain.contains(".") && !plain.hasSuffix(".0") {
            while plain.hasSuffix("0") { plain.removeLast() }
            if plain.hasSuffix(".") { plain += "0" }
        }
        return (negative ? "-" : "") + plain
    }
}
