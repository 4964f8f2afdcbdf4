import ForecastData

/// Civil dates and times in UTC from seconds since 1970, by `Day`'s integer arithmetic, so axis
/// labels never depend on the machine's time zone.
struct UTCCalendar {
    static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    static let secondsPerDay = 86_400.0

    /// The calendar fields of one instant.
    struct Fields: Equatable {
        let year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int
    }

    static func fields(_ seconds: Double) -> Fields {
        // To the millisecond first, so 10:00:00.9999999 is 10:00:01 and not 10:00:00.
        let whole = Int(((seconds * 1000).rounded() / 1000).rounded(.down))
        let days = whole >= 0 ? whole / 86_400 : (whole - 86_399) / 86_400
        let secondOfDay = whole - days * 86_400
        let (year, month, day) = Day(ordinal: days).components
        return Fields(year: year, month: month, day: day, hour: secondOfDay / 3600,
                      minute: secondOfDay % 3600 / 60, second: secondOfDay % 60)
    }

    /// Days since 1970-01-01 of `year-month-day`.
    static func days(year: Int, month: Int, day: Int) -> Int {
        Day.ordinal(year: year, month: month, day: day)
    }

    static func two(_ value: Int) -> String {
        value < 10 ? "0" + String(value) : String(value)
    }
}
