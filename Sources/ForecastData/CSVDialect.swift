/// How a CSV file is written: its delimiter, whether numbers use a decimal comma, and the
/// length of a leading UTF-8 byte-order mark.
///
/// Real exports differ: Excel in a French locale writes `;` and `12,50`; others write tabs.
/// The delimiter is the one of `,` `;` tab that the header line holds most often (outside
/// quotes), unless `--delimiter` names it.
public struct CSVDialect: Sendable, Equatable {
    public var delimiter: UInt8
    /// `12,50` reads as 12.5: allowed whenever the delimiter is not a comma.
    public var decimalComma: Bool
    /// 3 when the file starts with the UTF-8 BOM `EF BB BF`, else 0.
    public var bomLength: Int

    /// A dialect with `delimiter`; the decimal comma follows from it.
    public init(delimiter: UInt8, bomLength: Int = 0) {
        self.delimiter = delimiter
        decimalComma = delimiter != UInt8(ascii: ",")
        self.bomLength = bomLength
    }

    /// The delimiters tried, in tie-break order.
    static let candidates: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "\t")]

    /// Detects the dialect from the first bytes of the file; `forced` wins over detection.
    public static func detect(_ sample: UnsafeBufferPointer<UInt8>, forced: UInt8? = nil) -> CSVDialect {
        let bom = sample.count >= 3 && sample[0] == 0xEF && sample[1] == 0xBB && sample[2] == 0xBF ? 3 : 0
        if let forced { return CSVDialect(delimiter: forced, bomLength: bom) }
        var counts = [Int](repeating: 0, count: candidates.count)
        var inQuotes = false
        var index = bom
        while index < sample.count {
            let byte = sample[index]
            if byte == UInt8(ascii: "\"") {
                inQuotes.toggle()
            } else if !inQuotes {
                if byte == UInt8(ascii: "\n") { break }
                if let slot = candidates.firstIndex(of: byte) { counts[slot] += 1 }
            }
            index += 1
        }
        var best = 0
        for slot in counts.indices where counts[slot] > counts[best] { best = slot }
        return CSVDialect(delimiter: candidates[best], bomLength: bom)
    }

    /// The delimiter named on the command line: one character, or `tab` / `\t`.
    public static func delimiter(named name: String) -> UInt8? {
        switch name {
        case "tab", "\\t", "\t": return UInt8(ascii: "\t")
        default:
            let bytes = Array(name.utf8)
            guard bytes.count == 1, bytes[0] != UInt8(ascii: "\""), bytes[0] != UInt8(ascii: "\n"),
                  bytes[0] != UInt8(ascii: "\r") else { return nil }
            return bytes[0]
        }
    }
}
