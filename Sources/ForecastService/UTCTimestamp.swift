#if canImport(Glibc)
import Glibc
#endif
import ForecastData

/// ISO 8601 UTC timestamps with milliseconds (`2026-11-22T10:15:30.123Z`, SPEC.md log format).
///
/// Formatted by hand from `clock_gettime` (served by the vDSO) with `Day`'s calendar arithmetic:
/// no DateFormatter, no allocation beyond the 24-byte string, so it costs well under a
/// microsecond per request.
public enum UTCTimestamp {
    /// Now.
    public static func now() -> String {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return format(seconds: spec.tv_sec, milliseconds: spec.tv_nsec / 1_000_000)
    }

    /// `seconds` since 1970-01-01T00:00:00Z plus `milliseconds` (0...999).
    public static func format(seconds: Int, milliseconds: Int) -> String {
        let days = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400
        let secondOfDay = seconds - days * 86400
        let (year, month, day) = Day(ordinal: days).components
        return String(unsafeUninitializedCapacity: 24) { buffer in
            func put(_ value: Int, _ width: Int, at position: Int) {
                var rest = value
                for offset in stride(from: width - 1, through: 0, by: -1) {
                    buffer[position + offset] = UInt8(0x30 + rest % 10)
                    rest /= 10
                }
            }
            put(year, 4, at: 0)
            buffer[4] = 0x2D
            put(month, 2, at: 5)
            buffer[7] = 0x2D
            put(day, 2, at: 8)
            buffer[10] = 0x54
            put(secondOfDay / 3600, 2, at: 11)
            buffer[13] = 0x3A
            put(secondOfDay / 60 % 60, 2, at: 14)
            buffer[16] = 0x3A
            put(secondOfDay % 60, 2, at: 17)
            buffer[19] = 0x2E
            put(milliseconds, 3, at: 20)
            buffer[23] = 0x5A
            return 24
        }
    }
}

/// `UTCTimestamp.now()` for one thread, reusing the text while the millisecond is the same.
///
/// Under load a loop answers dozens of requests within one millisecond, and each timestamp is
/// a 24-byte string to format and allocate (about 900 instructions under callgrind); the clock
/// is read every time, so the text is exactly what `now()` would give.
struct TimestampClock {
    private var second = Int.min
    private var millisecond = -1
    private var text = ""

    mutating func now() -> String {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        let milliseconds = spec.tv_nsec / 1_000_000
        if spec.tv_sec != second || milliseconds != millisecond {
            (second, millisecond) = (spec.tv_sec, milliseconds)
            text = UTCTimestamp.format(seconds: spec.tv_sec, milliseconds: milliseconds)
        }
        return text
    }
}
