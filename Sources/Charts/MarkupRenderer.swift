/// Turns `MarkupNode` trees into text. The only place that escapes: `&`, `<`, `>` in text and
/// also `"` and `'` in attribute values (XML 1.0 §2.4, §3.1), plus control characters that XML
/// 1.0 forbids, which are replaced by U+FFFD so that the output always parses.
public enum MarkupRenderer {
    /// Elements rendered without a closing tag in HTML (HTML Living Standard, "void elements").
    static let htmlVoidElements: Set<String> = ["meta", "link", "img", "br", "hr", "input"]

    /// Renders `node` as XML: empty elements self-close.
    public static func xml(_ node: MarkupNode) -> String {
        var output = ""
        render(node, html: false, into: &output)
        return output
    }

    /// Renders `node` as HTML: void elements have no end tag, others always do.
    public static func html(_ node: MarkupNode) -> String {
        var output = ""
        render(node, html: true, into: &output)
        return output
    }

    static func render(_ node: MarkupNode, html: Bool, into output: inout String) {
        switch node {
        case .text(let text):
            output += escape(text, quotes: false)
        case let .element(name, attributes, children):
            output += "<" + name
            for attribute in attributes {
                output += " " + attribute.name + "=\"" + escape(attribute.value, quotes: true) + "\""
            }
            if children.isEmpty {
                if html {
                    output += htmlVoidElements.contains(name) ? ">" : "></" + name + ">"
                } else {
                    output += "/>"
                }
                return
            }
            output += ">"
            for child in children { render(child, html: html, into: &output) }
            output += "</" + name + ">"
            if !html && (name == "g" || name == "svg") { output += "\n" }
        }
    }

    /// Escapes markup characters; `quotes` also escapes `"` and `'` (for attribute values).
    public static func escape(_ text: String, quotes: Bool) -> String {
        guard text.unicodeScalars.contains(where: { needsEscape($0, quotes: quotes) }) else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"" where quotes: result += "&quot;"
            case "'" where quotes: result += "&#39;"
            default:
                if isForbidden(scalar) {
                    result.unicodeScalars.append("\u{FFFD}")
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result
    }

    private static func needsEscape(_ scalar: Unicode.Scalar, quotes: Bool) -> Bool {
        switch scalar {
        case "&", "<", ">": true
        case "\"", "'": quotes
        default: isForbidden(scalar)
        }
    }

    /// XML 1.0 Char: tab, LF, CR and U+0020 up; U+FFFE and U+FFFF are not characters either.
    private static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        return (value < 0x20 && value != 0x09 && value != 0x0A && value != 0x0D) || value == 0xFFFE || value == 0xFFFF
    }
}
