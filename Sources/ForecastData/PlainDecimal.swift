import Foundation

/// Formats numbers as the files of SPEC.md want them: plain decimals with `.`, never exponents.
public enum PlainDecimal {
    /// The shortest text that reads back as the same `Double`, without an exponent.
    ///
    /// Swift's `description` is shortest-round-trip but switches to `1e-05` / `1e+16` outside
    /// [1e-4, 2^53); those rare values are written with `%f` instead.
    public static func format(_ value: Double) -> String {
        if value == 0 { return "0.0" }
        let text = value.description
        guard text.contains("e") else { return text }
        if abs(value) >= 1 {
            return String(format: "%.1f", value)
        }
        // Tiny values (a sum of refunds and sales that cancel up to rounding): 17 significant digits.
        let digits = min(340, 17 - Int(floor(log10(abs(value)))))
        var plain = String(format: "%.\(digits)f", value)
        while plain.hasSuffix("0") { plain.removeLast() }
        if plain.hasSuffix(".") { plain += "0" }
        return plain
    }
}
