/// Text from an input file made safe to show inside a one-line message.
///
/// A quoted CSV field may hold line breaks and other control characters; echoed as is, it
/// would split the error line (or write terminal escapes). Found by scripts/fuzz.sh (csv_etl).
enum ShownText {
    /// `text` with each control character written as an escape (`\n`, `\r`, `\t`, `\u{1B}`).
    static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where isControl(scalar): result += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }
}
