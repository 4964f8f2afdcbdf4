/// Civil dates and times in UTC from seconds since 1970, by integer arithmetic (Howard
/// Hinnant's `civil_from_days`), so axis labels never depend on the machine's time zone.
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
        let (year, month, day) = civil(days)
        return Fields(year: year, month: month, day: day, hour: secondOfDay / 3600,
                      minute: secondOfDay % 3600 / 60, second: secondOfDay % 60)
    }

    static func civil(_ days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// Days since 1970-01-01 of `year-month-day` (Hinnant's `days_from_civil`).
    static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func two(_ value: Int) -> String {
        value < 10 ? "0" + String(value) : String(value)
    }
}
