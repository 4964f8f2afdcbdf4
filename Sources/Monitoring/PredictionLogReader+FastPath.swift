#if canImport(Glibc)
import Glibc
#endif
import ForecastData

extension PredictionLogReader {
    /// One line parsed by the fast path; the model version is left as a byte range.
    struct FastRow {
        let time: Double
        let revenue: Double
        let orders: Double
        let prediction: Double
        let versionStart: Int
        let versionEnd: Int
        let calendar: PredictionLogData.Calendar
        /// 5, or 10 with the calendar columns (even when they are empty).
        let fieldCount: Int
    }

    /// `timestamp,revenue,orders,prediction,version` with plain numbers and an unquoted
    /// version, optionally followed by `,date,forecast_date,lower,upper,request_id` (plain days
    /// and numbers, an unquoted id) or by five empty fields; nil for anything else (the caller
    /// then tries the reference parser).
    static func fastRow(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, days: inout LineDays) -> FastRow? {
        guard end - start > 25, bytes[start + 24] == UInt8(ascii: ","),
              let time = LogTimestamp.seconds(bytes, start, days: &days.timestamp) else { return nil }
        var position = start + 25
        guard let revenue = number(bytes, &position, end),
              let orders = wholeNumber(bytes, &position, end),
              let prediction = number(bytes, &position, end),
              position < end else { return nil }
        let versionStart = position
        while position < end, bytes[position] != UInt8(ascii: ",") {
            // A quoted version takes the reference parser.
            if bytes[position] == UInt8(ascii: "\"") { return nil }
            position += 1
        }
        let versionEnd = position
        guard versionEnd > versionStart else { return nil }
        var calendar = PredictionLogData.Calendar.absent
        let fieldCount = position < end ? 10 : 5
        if position < end {
            position += 1
            guard let tail = calendarTail(bytes, position, end, days: &days) else { return nil }
            calendar = tail
        }
        return FastRow(time: time, revenue: revenue, orders: orders, prediction: prediction, versionStart: versionStart,
                       versionEnd: versionEnd, calendar: calendar, fieldCount: fieldCount)
    }

    /// The five calendar fields starting at `position`: `YYYY-MM-DD,YYYY-MM-DD,lower,upper,id`
    /// with an unquoted id, or five empty fields (a calendar line without calendar).
    private static func calendarTail(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int,
                                     days: inout LineDays) -> PredictionLogData.Calendar? {
        if end - start == 4, (start..<end).allSatisfy({ bytes[$0] == UInt8(ascii: ",") }) { return PredictionLogData.Calendar.absent }
        var position = start
        guard let date = day(bytes, &position, end, cache: &days.date),
              let forecastDay = day(bytes, &position, end, cache: &days.forecastDate),
              let lower = number(bytes, &position, end), let upper = number(bytes, &position, end)
        else { return nil }
        // The request id: the rest of the line, no comma (an 11th field) and no quote.
        for index in position..<end where bytes[index] == UInt8(ascii: ",") || bytes[index] == UInt8(ascii: "\"") {
            return nil
        }
        return PredictionLogData.Calendar(date: date, forecastDay: forecastDay, lower: lower, upper: upper)
    }

    /// `YYYY-MM-DD` followed by a comma, as a `Day` ordinal; moves past the comma.
    private static func day(_ bytes: UnsafeBufferPointer<UInt8>, _ position: inout Int, _ end: Int,
                            cache: inout DayCache) -> Int32? {
        guard end - position > 10, bytes[position + 10] == UInt8(ascii: ","),
              let ordinal = cache.ordinal(bytes, position) else { return nil }
        position += 11
        return Int32(ordinal)
    }

    /// One `DayCache` per day field of a line.
    struct LineDays {
        var timestamp = DayCache()
        var date = DayCache()
        var forecastDate = DayCache()
    }

    /// Exact powers of ten as doubles: 10^22 is the largest that is exact (5^22 < 2^53).
    private static let exactPowersOfTen: [Double] = (0...22).map { exponent in
        (0..<exponent).reduce(1.0) { value, _ in value * 10 }
    }

    /// A decimal number ending at the next comma (digits, sign, point, exponent only); moves
    /// past the comma. Correctly rounded, like Swift's `Double(String)`, by one of two roads.
    private static func number(_ bytes: UnsafeBufferPointer<UInt8>, _ position: inout Int, _ end: Int) -> Double? {
        if let value = plainDecimal(bytes, &position, end) { return value }
        return anyDecimal(bytes, &position, end)
    }

    /// `-?digits(.digits)?` with at most 15 significant digits and 22 decimals, as the server
    /// writes them: the digits as an integer (exact below 2^53) divided by an exact power of
    /// ten. One IEEE division of two exact values is correctly rounded (Clinger's fast path),
    /// so this equals `strtod` at a fraction of its cost. Anything else returns nil.
    private static func plainDecimal(_ bytes: UnsafeBufferPointer<UInt8>, _ position: inout Int, _ end: Int) -> Double? {
        var index = position
        let negative = index < end && bytes[index] == UInt8(ascii: "-")
        if negative { index += 1 }
        var mantissa: UInt64 = 0
        var digits = 0
        var decimals = 0
        var sawPoint = false
        while index < end {
            let byte = bytes[index]
            if byte == UInt8(ascii: ",") { break }
            if byte == UInt8(ascii: ".") {
                guard !sawPoint, digits > 0 else { return nil }
                sawPoint = true
            } else {
                let digit = byte &- UInt8(ascii: "0")
                guard digit <= 9 else { return nil }
                mantissa = mantissa &* 10 &+ UInt64(digit)
                digits += 1
                if sawPoint { decimals += 1 }
            }
            index += 1
        }
        guard digits > 0, digits <= 15, decimals <= 22, !sawPoint || decimals > 0, index < end else { return nil }
        let magnitude = Double(mantissa) / exactPowersOfTen[decimals]
        position = index + 1
        return negative ? -magnitude : magnitude
    }

    /// Any other spelling `strtod` reads in full (exponents, `+`, long mantissas).
    private static func anyDecimal(_ bytes: UnsafeBufferPointer<UInt8>, _ position: inout Int, _ end: Int) -> Double? {
        var index = position
        var sawDigit = false
        while index < end, bytes[index] != UInt8(ascii: ",") {
            switch bytes[index] {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): sawDigit = true
            case UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"): break
            default: return nil
            }
            index += 1
        }
        guard sawDigit, index < end, let base = bytes.baseAddress else { return nil }
        var stop: UnsafeMutablePointer<CChar>?
        let value = (base + position).withMemoryRebound(to: CChar.self, capacity: index - position + 1) { pointer in
            strtod(pointer, &stop)
        }
        let expectedStop = UnsafeRawPointer(base.advanced(by: index))
        guard let stop, UnsafeRawPointer(stop) == expectedStop, value.isFinite else { return nil }
        position = index + 1
        return value
    }

    /// Digits only (an order count), ending at the next comma; moves past the comma.
    private static func wholeNumber(_ bytes: UnsafeBufferPointer<UInt8>, _ position: inout Int, _ end: Int) -> Double? {
        var index = position
        var value = 0
        while index < end, bytes[index] != UInt8(ascii: ",") {
            let digit = Int(bytes[index]) - 48
            guard digit >= 0, digit <= 9, index - position < 18 else { return nil }
            value = value * 10 + digit
            index += 1
        }
        guard index > position, index < end else { return nil }
        position = index + 1
        return Double(value)
    }
}
