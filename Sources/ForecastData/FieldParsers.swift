/// Byte-level parsers for the two values the ETL reads from every row: a calendar day and a
/// decimal amount.
///
/// They work on raw bytes (no `String`, no `Date`, no locale): the ETL calls them tens of
/// millions of times, and a shop's export is ASCII in these fields anyway.
enum FieldParsers {
    /// Powers of ten exactly representable as `Double` (10^0 … 10^22).
    static let exactPowersOfTen: [Double] = (0...22).map { exponent in
        var value = 1.0
        for _ in 0..<exponent { value *= 10 }
        return value
    }

    /// The day a date or timestamp field names, or nil when it is not one of the accepted shapes.
    ///
    /// Accepted (issue 2): `YYYY-MM-DD`, `YYYY-MM-DD HH:MM[:SS[.fff]]`, the same with `T` and a
    /// zone (`Z`, `±HH`, `±HH:MM`, `±HHMM`), `YYYYMMDD`, `YYYY/MM/DD`, `DD/MM/YYYY` (also `.` or `-` between
    /// the parts, one-digit day and month, an optional time) or `MM/DD/YYYY` with `monthFirst`.
    /// A zoned timestamp counts on the calendar day written in it: that is its local day in that
    /// zone, so the zone only needs validating, never applying.
    static func day(_ bytes: UnsafeBufferPointer<UInt8>, monthFirst: Bool) -> Day? {
        var text = trimmed(bytes)
        guard text.count >= 8 else { return nil }
        var year = 0, month = 0, dayOfMonth = 0
        var rest = 0  // index where the time part starts
        if text.count >= 10, text[4] == dash, text[7] == dash {
            guard let y = number(text, 0, 4), let m = number(text, 5, 2), let d = number(text, 8, 2) else { return nil }
            (year, month, dayOfMonth, rest) = (y, m, d, 10)
        } else if let y = number(text, 0, 4), text[4] == slash || text[4] == dot {
            // YYYY/MM/DD (year first is never ambiguous; also one-digit month and day).
            var index = 5
            guard let m = digits(text, &index, max: 2), index < text.count, text[index] == text[4] else { return nil }
            index += 1
            guard let d = digits(text, &index, max: 2) else { return nil }
            (year, month, dayOfMonth, rest) = (y, m, d, index)
        } else if let y = number(text, 0, 4), let m = number(text, 4, 2), let d = number(text, 6, 2),
                  text.count == 8 || !isDigit(text[8]) {
            (year, month, dayOfMonth, rest) = (y, m, d, 8)
        } else {
            // D/M/YYYY family: 1–2 digits, a separator, 1–2 digits, the same separator, 4 digits.
            var index = 0
            guard let first = digits(text, &index, max: 2), index < text.count else { return nil }
            let separator = text[index]
            guard separator == slash || separator == dot || separator == dash else { return nil }
            index += 1
            guard let second = digits(text, &index, max: 2), index < text.count, text[index] == separator else { return nil }
            index += 1
            let yearStart = index
            guard let y = digits(text, &index, max: 4), index - yearStart == 4 else { return nil }
            (year, month, dayOfMonth, rest) = monthFirst ? (y, first, second, index) : (y, second, first, index)
        }
        guard (1900...2199).contains(year), let day = Day(year: year, month: month, day: dayOfMonth) else { return nil }
        text = UnsafeBufferPointer(rebasing: text[rest...])
        return isTimeOfDay(text) ? day : nil
    }

    /// Whether `text` is empty or ` HH:MM[:SS[.f…]][zone]` (or with `T`): the time is validated
    /// so that a corrupt field is reported rather than half-read.
    static func isTimeOfDay(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        if text.isEmpty { return true }
        if text.count == 9 { return isPlainTime(text) }
        guard text.count >= 6, text[0] == space || text[0] == letterT,
              let hour = number(text, 1, 2), hour <= 24, text[3] == colon, let minute = number(text, 4, 2), minute <= 59
        else { return false }
        var index = 6
        if index < text.count, text[index] == colon {
            guard let second = number(text, index + 1, 2), second <= 60 else { return false }
            index += 3
            if index < text.count, text[index] == dot || text[index] == comma {
                index += 1
                let start = index
                while index < text.count, isDigit(text[index]) { index += 1 }
                guard index > start else { return false }
            }
        }
        if index < text.count, text[index] == space { index += 1 }
        return isZone(UnsafeBufferPointer(rebasing: text[index...]))
    }

    /// Exactly ` HH:MM:SS` (or with `T`), the common case, checked without branches per byte.
    @inline(__always)
    static func isPlainTime(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard text[0] == space || text[0] == letterT, text[3] == colon, text[6] == colon else { return false }
        let h1 = text[1] &- zero, h2 = text[2] &- zero, m1 = text[4] &- zero, m2 = text[5] &- zero
        let s1 = text[7] &- zero, s2 = text[8] &- zero
        guard h1 < 10, h2 < 10, m1 < 6, m2 < 10, s1 < 7, s2 < 10 else { return false }
        return h1 * 10 + h2 <= 24 && s1 * 10 + s2 <= 60
    }

    /// Empty, `Z`, `UTC`, `±HH`, `±HH:MM` or `±HHMM`.
    static func isZone(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        switch text.count {
        case 0: return true
        case 1: return text[0] == letterZ
        case 3: return (text[0] == letterU && text[1] == letterT && text[2] == letterC) || signedHours(text)
        case 5: return signedHours(text) && number(text, 3, 2).map { $0 <= 59 } == true
        case 6: return signedHours(text) && text[3] == colon && number(text, 4, 2).map { $0 <= 59 } == true
        default: return false
        }
    }

    private static func signedHours(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        (text[0] == plus || text[0] == minus) && number(text, 1, 2).map { $0 <= 14 } == true
    }

    /// A decimal number: optional sign, digits, an optional fraction after `.` (or `,` when
    /// `decimalComma`), an optional exponent; spaces around are ignored. Nil when it is none.
    ///
    /// Up to 19 significant digits and 22 fraction digits the result is one exact integer
    /// divided by one exact power of ten, so IEEE division rounds it correctly (Clinger's fast
    /// path); anything longer goes through `strtod`, which is correctly rounded too.
    @inline(__always)
    static func decimal(_ bytes: UnsafeBufferPointer<UInt8>, decimalComma: Bool) -> Double? {
        // Fast path: `[-]digits[.digits]` whose digits make an integer below 2^53, nothing else
        // (what exports write); exact integer / exact power of ten rounds correctly.
        let count = bytes.count
        if count > 0, count <= 20, let base = bytes.baseAddress {
            var index = base[0] == minus ? 1 : 0
            var mantissa: UInt64 = 0
            var digits = 0
            var fraction = -1
            while index < count {
                let digit = base[index] &- zero
                if digit < 10 {
                    mantissa = mantissa &* 10 &+ UInt64(digit)
                    digits += 1
                } else if fraction < 0, base[index] == dot || (decimalComma && base[index] == comma) {
                    fraction = count - index - 1
                } else {
                    break
                }
                index += 1
            }
            if index == count, digits > 0, digits <= 18, mantissa <= 1 << 53 {
                let value = Double(mantissa) / powerOfTen(max(0, fraction))
                return base[0] == minus ? -value : value
            }
        }
        return generalDecimal(bytes, decimalComma: decimalComma)
    }

    /// 10^exponent for 0…18, exactly.
    @inline(__always)
    private static func powerOfTen(_ exponent: Int) -> Double {
        switch exponent {
        case 0: return 1
        case 1: return 10
        case 2: return 100
        case 3: return 1000
        default:
            var value = 10_000.0
            for _ in 4..<exponent { value *= 10 }
            return value
        }
    }

    /// Every other accepted shape: spaces around, `+`, exponents, long digit strings, and what
    /// spreadsheets add for display: a currency sign (`$`, `€`, `£`, before or after) and
    /// thousands separators (`1,234.50`; with a decimal comma `1.234,50` or `1 234,50`).
    private static func generalDecimal(_ bytes: UnsafeBufferPointer<UInt8>, decimalComma: Bool) -> Double? {
        let text = trimmed(bytes)
        guard !text.isEmpty else { return nil }
        if let value = plainDecimal(text, decimalComma: decimalComma) { return value }
        guard let cleaned = DisplayedNumber.plain(text, decimalComma: decimalComma) else { return nil }
        return cleaned.withUnsafeBufferPointer { plainDecimal($0, decimalComma: decimalComma) }
    }

    /// Sign, digits, fraction, exponent, nothing else (`text` is trimmed).
    private static func plainDecimal(_ text: UnsafeBufferPointer<UInt8>, decimalComma: Bool) -> Double? {
        guard !text.isEmpty else { return nil }
        var index = 0
        var negative = false
        if text[0] == minus || text[0] == plus {
            negative = text[0] == minus
            index = 1
        }
        var mantissa: UInt64 = 0
        var digitCount = 0
        var fractionDigits = 0
        var sawDigit = false
        while index < text.count, isDigit(text[index]) {
            if digitCount < 19 { mantissa = mantissa * 10 + UInt64(text[index] &- zero) } else { return viaStrtod(text, decimalComma) }
            if mantissa > 0 { digitCount += 1 }
            sawDigit = true
            index += 1
        }
        if index < text.count, text[index] == dot || (decimalComma && text[index] == comma) {
            index += 1
            while index < text.count, isDigit(text[index]) {
                if digitCount >= 19 || fractionDigits >= 22 { return viaStrtod(text, decimalComma) }
                mantissa = mantissa * 10 + UInt64(text[index] &- zero)
                if mantissa > 0 { digitCount += 1 }
                fractionDigits += 1
                sawDigit = true
                index += 1
            }
        }
        guard sawDigit else { return nil }
        if index < text.count {
            guard text[index] == letterE || text[index] == letterSmallE else { return nil }
            return viaStrtod(text, decimalComma)
        }
        guard mantissa <= 1 << 53 else { return viaStrtod(text, decimalComma) }
        let value = Double(mantissa) / exactPowersOfTen[fractionDigits]
        return negative ? -value : value
    }

    /// The slow path for long or exponent numbers: copies the text (with `.` as separator) to a
    /// C string for `strtod`, and accepts it only if `strtod` used every byte.
    private static func viaStrtod(_ text: UnsafeBufferPointer<UInt8>, _ decimalComma: Bool) -> Double? {
        guard text.count < 512 else { return nil }
        var copy = [CChar](repeating: 0, count: text.count + 1)
        for index in 0..<text.count {
            let byte = text[index]
            guard isDigit(byte) || byte == plus || byte == minus || byte == dot || byte == comma
                    || byte == letterE || byte == letterSmallE else { return nil }
            copy[index] = CChar(bitPattern: decimalComma && byte == comma ? dot : byte)
        }
        return copy.withUnsafeMutableBufferPointer { buffer -> Double? in
            var end: UnsafeMutablePointer<CChar>?
            let value = strtod(buffer.baseAddress!, &end)
            guard let end, end - buffer.baseAddress! == text.count, value.isFinite else { return nil }
            return value
        }
    }

    /// `bytes` without leading and trailing spaces or tabs.
    @inline(__always)
    static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var start = 0
        var end = bytes.count
        while start < end, bytes[start] == space || bytes[start] == tab { start += 1 }
        while end > start, bytes[end - 1] == space || bytes[end - 1] == tab { end -= 1 }
        return UnsafeBufferPointer(rebasing: bytes[start..<end])
    }

    /// The number written by exactly `count` digits at `start`, or nil.
    @inline(__always)
    static func number(_ text: UnsafeBufferPointer<UInt8>, _ start: Int, _ count: Int) -> Int? {
        guard start + count <= text.count else { return nil }
        var value = 0
        for index in start..<(start + count) {
            let byte = text[index]
            guard isDigit(byte) else { return nil }
            value = value * 10 + Int(byte &- zero)
        }
        return value
    }

    /// Reads 1…`max` digits at `index`, advancing it.
    private static func digits(_ text: UnsafeBufferPointer<UInt8>, _ index: inout Int, max: Int) -> Int? {
        let start = index
        var value = 0
        while index < text.count, index - start < max, isDigit(text[index]) {
            value = value * 10 + Int(text[index] &- zero)
            index += 1
        }
        return index > start ? value : nil
    }

    @inline(__always) static func isDigit(_ byte: UInt8) -> Bool { byte &- zero < 10 }

    static let zero = UInt8(ascii: "0"), dash = UInt8(ascii: "-"), slash = UInt8(ascii: "/"), dot = UInt8(ascii: ".")
    static let comma = UInt8(ascii: ","), colon = UInt8(ascii: ":"), space = UInt8(ascii: " "), tab = UInt8(ascii: "\t")
    static let plus = UInt8(ascii: "+"), minus = UInt8(ascii: "-"), letterT = UInt8(ascii: "T"), letterZ = UInt8(ascii: "Z")
    static let letterU = UInt8(ascii: "U"), letterC = UInt8(ascii: "C"), letterE = UInt8(ascii: "E")
    static let letterSmallE = UInt8(ascii: "e")
}

#if canImport(Glibc)
import Glibc
#endif
