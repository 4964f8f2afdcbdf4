/// Turns a number as a spreadsheet displays it into plain digits: currency signs and thousands
/// separators removed, after checking the separators really group thousands.
///
/// `1,234.50` (US), `1.234,50` and `1 234,50 €` (French, also with a no-break space) read as
/// 1234.5; `12,5` in a file whose decimal is `.` is not a grouping and stays unreadable rather
/// than becoming 125.
enum DisplayedNumber {
    /// UTF-8 of `€`, `£`, `$`.
    static let currencySigns: [[UInt8]] = [[0xE2, 0x82, 0xAC], [0xC2, 0xA3], [0x24]]
    /// UTF-8 of the no-break space and the narrow no-break space (French grouping).
    static let wideSpaces: [[UInt8]] = [[0xC2, 0xA0], [0xE2, 0x80, 0xAF]]

    /// The plain number text, or nil when `text` is not a displayed number.
    static func plain(_ text: UnsafeBufferPointer<UInt8>, decimalComma: Bool) -> [UInt8]? {
        let space = UInt8(ascii: " "), minus = UInt8(ascii: "-"), plus = UInt8(ascii: "+")
        var bytes = replacingWideSpaces(Array(text))
        var sign: UInt8?
        func trim() {
            while bytes.first == space { bytes.removeFirst() }
            while bytes.last == space { bytes.removeLast() }
        }
        func takeSign() {
            guard let first = bytes.first, first == minus || first == plus, sign == nil else { return }
            sign = first
            bytes.removeFirst()
            trim()
        }
        trim()
        takeSign()
        if let symbol = currencySigns.first(where: { bytes.starts(with: $0) }) {
            bytes.removeFirst(symbol.count)
            trim()
            takeSign()
        } else if let symbol = currencySigns.first(where: { bytes.count > $0.count && Array(bytes.suffix($0.count)) == $0 }) {
            bytes.removeLast(symbol.count)
            trim()
        }
        guard let ungrouped = ungroup(bytes, decimalComma: decimalComma) else { return nil }
        return (sign.map { [$0] } ?? []) + ungrouped
    }

    /// `bytes` without thousands separators, or nil when separators do not group by three.
    private static func ungroup(_ bytes: [UInt8], decimalComma: Bool) -> [UInt8]? {
        let decimal = decimalComma ? UInt8(ascii: ",") : UInt8(ascii: ".")
        let groupings: [UInt8] = decimalComma ? [UInt8(ascii: "."), UInt8(ascii: " ")] : [UInt8(ascii: ","), UInt8(ascii: " ")]
        let decimalIndex = bytes.lastIndex(of: decimal) ?? bytes.count
        let integer = bytes[..<decimalIndex]
        let fraction = bytes[decimalIndex...]
        guard !fraction.contains(where: groupings.contains) else { return nil }
        guard integer.contains(where: groupings.contains) else { return bytes }
        let groups = integer.split(omittingEmptySubsequences: false, whereSeparator: groupings.contains)
        guard let first = groups.first, (1...3).contains(first.count),
              groups.dropFirst().allSatisfy({ $0.count == 3 }),
              groups.allSatisfy({ $0.allSatisfy { $0 &- UInt8(ascii: "0") < 10 } })
        else { return nil }
        return Array(groups.joined()) + Array(fraction)
    }

    private static func replacingWideSpaces(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.contains(where: { $0 >= 0x80 }) else { return bytes }
        var result: [UInt8] = []
        var index = 0
        while index < bytes.count {
            if let wide = wideSpaces.first(where: { bytes[index...].starts(with: $0) }) {
                result.append(UInt8(ascii: " "))
                index += wide.count
            } else {
                result.append(bytes[index])
                index += 1
            }
        }
        return result
    }
}
