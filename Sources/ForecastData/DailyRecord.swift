/// One row of the daily features table (SPEC.md `data/processed/features_daily.csv`).
///
/// Wire names: `date`, `ca_total` (revenue), `nb_commandes` (order count), `label` (the next
/// calendar day's revenue).
public struct DailyRecord: Equatable, Sendable {
    public var day: Day
    /// Revenue of the day (refunds included, so it may be negative).
    public var revenue: Double
    /// Distinct orders of the day (or rows, when the input has no order column).
    public var orderCount: Int
    /// The next calendar day's revenue: what the model learns to predict.
    public var label: Double

    public init(day: Day, revenue: Double, orderCount: Int, label: Double) {
        self.day = day
        self.revenue = revenue
        self.orderCount = orderCount
        self.label = label
    }
}
