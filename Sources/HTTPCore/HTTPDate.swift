#if canImport(Glibc)
import Glibc
#endif

/// The `Date` header value (IMF-fixdate, RFC 9110 §5.6.7), recomputed at most once a second.
///
/// Each event loop owns one; formatting by hand with `gmtime_r` keeps DateFormatter off the hot path.
public struct HTTPDate {
    /// The current value, e.g. `Sun, 06 Nov 1994 08:49:37 GMT`.
    public private(set) var bytes: [UInt8] = []
    private var second: Int = -1

    /// An empty cache; the first `refresh` fills it.
    public init() {}

    /// Recomputes the value if the wall-clock second changed.
    public mutating func refresh() {
        let now = time(nil)
        guard now != second else { return }
        second = now
        bytes = HTTPDate.format(now)
    }

    /// IMF-fixdate for `seconds` since the epoch.
    public static func format(_ seconds: Int) -> [UInt8] {
        var clock = time_t(seconds)
        var parts = tm()
        gmtime_r(&clock, &parts)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let text = days[Int(parts.tm_wday)] + ", " + two(parts.tm_mday) + " " + months[Int(parts.tm_mon)] + " "
            + String(parts.tm_year + 1900) + " " + two(parts.tm_hour) + ":" + two(parts.tm_min) + ":"
            + two(parts.tm_sec) + " GMT"
        return Array(text.utf8)
    }
}
