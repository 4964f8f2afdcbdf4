import ByteWriting

/// Writes JSON string literals by hand: responses are formatted without Foundation on the hot path.
public enum JSONText {
    /// `text` as a JSON string literal, quotes included, escaped per RFC 8259 §7.
    public static func quoted(_ text: String) -> String {
        var needsEscape = false
        for byte in text.utf8 where byte < 0x20 || byte == 0x22 || byte == 0x5C {
            needsEscape = true
            break
        }
        guard needsEscape else { return "\"" + text + "\"" }
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// The most bytes `writeQuoted(text)` writes: every byte escaped as `\u00XX`, and the quotes.
    public static func quotedByteBound(_ text: String) -> Int { 6 * text.utf8.count + 2 }

    /// Writes `quoted(text)`; text with nothing to escape (the usual case on the request path)
    /// is copied without building a string.
    public static func writeQuoted(_ text: String, to out: inout ByteWriter) {
        var text = text
        // Over the contiguous bytes: the generic UTF8View loop costs ~35 instructions a byte,
        // and the model version is checked on every request.
        let plain = text.withUTF8 { $0.allSatisfy(isPlain) }
        guard plain else { return out.write(string: quoted(text)) }
        out.write(byte: 0x22)
        out.write(string: text)
        out.write(byte: 0x22)
    }

    /// A byte a JSON string holds as is (no escape).
    private static func isPlain(_ byte: UInt8) -> Bool { byte >= 0x20 && byte != 0x22 && byte != 0x5C }
}
