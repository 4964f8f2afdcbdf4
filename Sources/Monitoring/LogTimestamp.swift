import ForecastData

/// `YYYY-MM-DDTHH:MM:SS.mmmZ` (SPEC.md log timestamps) to seconds since 1970, from bytes.
enum LogTimestamp {
    /// Seconds since 1970 for the 24 bytes at `start`; nil unless the shape and every field
    /// are valid (month 1–12, a day that exists, hour < 24, minute and second < 60).
    static func seconds(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int) -> Double? {
        guard bytes.count - start >= 24 else { return nil }
        func digits(_ offset: Int, _ count: Int) -> Int? {
            var value = 0
            for index in (start + offset)..<(start + offset + count) {
                let digit = Int(bytes[index]) - 48
                guard digit >= 0, digit <= 9 else { return nil }
                value = value * 10 + digit
            }
            return value
        }
        guard bytes[start + 4] == UInt8(ascii: "-"), bytes[start + 7] == UInt8(ascii: "-"),
              bytes[start + 10] == UInt8(ascii: "T"), bytes[start + 13] == UInt8(ascii: ":"),
              bytes[start + 16] == UInt8(ascii: ":"), bytes[start + 19] == UInt8(ascii: "."),
              bytes[start + 23] == UInt8(ascii: "Z"),
              let year = digits(0, 4), let month = digits(5, 2), let day = digits(8, 2),
              let hour = digits(11, 2), let minute = digits(14, 2), let second = digits(17, 2),
              let millisecond = digits(20, 3),
              hour < 24, minute < 60, second < 60,
              let date = Day(year: year, month: month, day: day)
        else { return nil }
        let whole = date.ordinal * 86_400 + hour * 3600 + minute * 60 + second
        return Double(whole) + Double(millisecond) / 1000
    }
}
