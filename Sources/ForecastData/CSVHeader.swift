/// The header record of a CSV file: its column names, unquoted and trimmed.
enum CSVHeader {
    /// The names and where the header ends, read from the start of the file (after any BOM).
    ///
    /// - Parameter isWholeFile: the sample is the entire file, so a header without a final
    ///   line break still ends at the sample's end.
    /// - Returns: nil when the sample ends inside the header (read a longer one).
    static func parse(_ sample: UnsafeBufferPointer<UInt8>, from start: Int, delimiter: UInt8, isWholeFile: Bool)
        -> (names: [String], end: Int, lineBreaks: Int)? {
        let quote = UInt8(ascii: "\""), newline = UInt8(ascii: "\n")
        var names: [String] = []
        var field: [UInt8] = []
        var index = start
        var inQuotes = false
        var lineBreaks = 0
        while index < sample.count {
            let byte = sample[index]
            index += 1
            if inQuotes {
                if byte == quote {
                    if index < sample.count, sample[index] == quote {
                        field.append(quote)
                        index += 1
                    } else {
                        inQuotes = false
                    }
                } else {
                    if byte == newline { lineBreaks += 1 }
                    field.append(byte)
                }
            } else if byte == quote, field.allSatisfy({ $0 == UInt8(ascii: " ") }) {
                field.removeAll()
                inQuotes = true
            } else if byte == delimiter {
                names.append(name(field))
                field.removeAll()
            } else if byte == newline {
                names.append(name(field))
                return (names, index, lineBreaks + 1)
            } else {
                field.append(byte)
            }
        }
        guard isWholeFile else { return nil }
        names.append(name(field))
        return (names, index, lineBreaks)
    }

    private static func name(_ bytes: [UInt8]) -> String {
        var text = String(decoding: bytes, as: UTF8.self)
        if text.hasSuffix("\r") { text.removeLast() }
        return text.trimmingCharacters(in: .whitespaces)
    }
}

import Foundation
