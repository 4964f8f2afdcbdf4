/// The demand pattern `forecast generate --shape` draws orders from. `calendar` is the full
/// synthetic shop (`ShopCalendar`); the others are plain shapes for judging forecasters
/// (issue 9's benchmark): each strips the calendar down to one thing a model must cope with.
public enum DemandShape: String, Sendable, CaseIterable {
    /// Trend, weekly and yearly profile, holiday peaks (the default, the shipped sample).
    case calendar
    /// A constant level: only noise and flash promotions.
    case stable
    /// A constant level with the weekly profile.
    case weekly
    /// The weekly profile, and the level doubles halfway through the days.
    case levelShift = "level-shift"
    /// The weekly profile on a level that grows by 100 % a year.
    case growth

    /// Expected orders on `day`, the `dayIndex`-th of `days` generated days.
    public func expectedOrders(on day: Day, dayIndex: Int, days: Int) -> Double {
        let weekly = ShopCalendar.baseOrders * ShopCalendar.weekly[day.weekday - 1]
        switch self {
        case .calendar: return ShopCalendar.expectedOrders(on: day, dayIndex: dayIndex)
        case .stable: return ShopCalendar.baseOrders
        case .weekly: return weekly
        case .levelShift: return dayIndex >= days / 2 ? 2 * weekly : weekly
        case .growth: return weekly * (1 + Double(dayIndex) / 365)
        }
    }
}
