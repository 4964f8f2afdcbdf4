/// Formats numbers as the files of SPEC.md want them: plain decimals with `.`, never exponents.
public enum PlainDecimal {
    /// The shortest text that reads back as the same `Double`, without an exponent.
    ///
    /// Swift's `description` is shortest-round-trip but switches to `1e-05` / `1e+16` outside
    /// [1e-4, 2^53); those digits are moved across the decimal point instead, which keeps the
    /// round trip exact (`-3.2e-11` → `-0.000000000032`).
    public static func format(_ value: Double) -> String {
        let text = value.description
        // Fast path (the server formats two numbers per request): most values have no exponent.
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "e") }) else { return text }
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
