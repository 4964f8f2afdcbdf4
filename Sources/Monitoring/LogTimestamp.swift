import ForecastData

/// `YYYY-MM-DDTHH:MM:SS.mmmZ` (SPEC.md log timestamps) to seconds since 1970, from bytes.
enum LogTimestamp {
    /// Seconds since 1970 for the 24 bytes at `start`; nil unless the shape and every field
    /// are valid (month 1–12, a day that exists, hour < 24, minute and second < 60).
    static func seconds(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int) -> Double? {
        var cache = DayCache()
        return seconds(bytes, start, days: &cache)
    }

    /// The same, with the day part looked up in `days` first (consecutive lines share it).
    static func seconds(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, days: inout DayCache) -> Double? {
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
        guard bytes[start + 10] == UInt8(ascii: "T"), bytes[start + 13] == UInt8(ascii: ":"),
              bytes[start + 16] == UInt8(ascii: ":"), bytes[start + 19] == UInt8(ascii: "."),
              bytes[start + 23] == UInt8(ascii: "Z"),
              let day = days.ordinal(bytes, start),
              let hour = digits(11, 2), let minute = digits(14, 2), let second = digits(17, 2),
              let millisecond = digits(20, 3),
              hour < 24, minute < 60, second < 60
        else { return nil }
        let whole = day * 86_400 + hour * 3600 + minute * 60 + second
        return Double(whole) + Double(millisecond) / 1000
    }
}

/// The last `YYYY-MM-DD` read and its `Day` ordinal. Log lines come in time order, so a line's
/// days are nearly always the previous line's ten bytes: comparing them is cheaper than parsing
/// and validating the date again. Only valid dates are kept, so a hit is always valid.
struct DayCache {
    private var head: UInt64 = 0
    private var tail: UInt16 = 0
    private var cached: Int?

    /// The ordinal of the `YYYY-MM-DD` at `start` (at least 10 bytes must follow), nil when it
    /// is not a real day.
    mutating func ordinal(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int) -> Int? {
        guard let base = bytes.baseAddress, bytes.count - start >= 10 else { return nil }
        let raw = UnsafeRawPointer(base + start)
        let newHead = raw.loadUnaligned(as: UInt64.self)
        let newTail = raw.loadUnaligned(fromByteOffset: 8, as: UInt16.self)
        if let cached, newHead == head, newTail == tail { return cached }
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
              let year = digits(0, 4), let month = digits(5, 2), let dayOfMonth = digits(8, 2),
              let day = Day(year: year, month: month, day: dayOfMonth) else { return nil }
        (head, tail, cached) = (newHead, newTail, day.ordinal)
        return day.ordinal
    }
}
