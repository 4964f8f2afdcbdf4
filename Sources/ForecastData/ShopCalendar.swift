/// The demand shape of the synthetic shop: how many orders a day expects, before noise.
///
/// Multiplies a base volume by a linear trend, a weekly profile, a yearly profile and named
/// peaks (Black Friday, Cyber Monday, the Christmas run-up, the French sales periods), the
/// patterns a next-day revenue model should be able to pick up.
public enum ShopCalendar {
    /// Orders on an ordinary Thursday at the start of the series.
    public static let baseOrders = 50.0
    /// Growth per year of the trend (25 %).
    public static let yearlyGrowth = 0.25

    /// ISO weekday 1 (Monday) … 7 (Sunday): weekends sell more online.
    static let weekly: [Double] = [0.92, 0.88, 0.93, 1.0, 1.08, 1.27, 1.18]
    /// January … December: quiet late winter and summer, busy autumn.
    static let monthly: [Double] = [1.02, 0.90, 0.94, 0.96, 0.98, 0.95, 0.92, 0.86, 0.97, 1.02, 1.10, 1.25]

    /// Expected orders on `day`, `dayIndex` days after the first generated day.
    public static func expectedOrders(on day: Day, dayIndex: Int) -> Double {
        let (_, month, _) = day.components
        let trend = 1 + yearlyGrowth * Double(dayIndex) / 365
        return baseOrders * trend * weekly[day.weekday - 1] * monthly[month - 1] * peak(on: day)
    }

    /// The holiday or promotion multiplier of `day` (1 on ordinary days).
    public static func peak(on day: Day) -> Double {
        let (year, month, dayOfMonth) = day.components
        let blackFriday = blackFriday(year)
        switch day.ordinal - blackFriday.ordinal {
        case 0: return 2.6
        case 1, 2: return 1.6
        case 3: return 1.9  // Cyber Monday
        default: break
        }
        switch (month, dayOfMonth) {
        case (12, 1...14): return 1.25
        case (12, 15...22): return 1.5
        case (12, 23): return 1.2
        case (12, 24): return 0.8
        case (12, 25): return 0.45
        case (12, 31), (1, 1): return 0.6
        case (2, 14): return 1.3
        default: break
        }
        // French winter and summer sales: the first days of each period sell most.
        for start in [salesStart(year: year, month: 1), salesStart(year: year, month: 6)] {
            switch day.ordinal - start.ordinal {
            case 0: return 1.8
            case 1...6: return 1.35
            case 7...27: return 1.1
            default: continue
            }
        }
        return 1
    }

    /// Black Friday: the day after the fourth Thursday of November (US Thanksgiving).
    static func blackFriday(_ year: Int) -> Day {
        let first = Day(year: year, month: 11, day: 1)!
        let offset = (4 - first.weekday + 7) % 7  // ISO Thursday is 4
        return first.adding(days: offset + 21 + 1)
    }

    /// The second Wednesday of January (winter sales) or the last Wednesday of June (summer sales).
    static func salesStart(year: Int, month: Int) -> Day {
        if month == 1 {
            let first = Day(year: year, month: 1, day: 1)!
            return first.adding(days: (3 - first.weekday + 7) % 7 + 7)
        }
        let last = Day(year: year, month: 6, day: 30)!
        return last.adding(days: -((last.weekday - 3 + 7) % 7))
    }
}
