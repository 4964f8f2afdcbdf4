/// The artificial days of a file without a date column (SPEC.md), spread exactly as the
/// original pandas pipeline did: `pd.date_range(start, start + days - 1 at 23:59:59,
/// periods=n)`, keeping the date part.
///
/// pandas computes that range as `np.linspace(0, end - start, n, dtype="int64") + start` in
/// integer nanoseconds: a float64 step `(end - start) / (n - 1)`, point `i` at `floor(i × step)`,
/// the last point exactly `end`. Doing the same float operations here gives the same days, even
/// for rows that fall a rounding error away from midnight.
public struct EvenSpread: Sendable, Equatable {
    public let start: Day
    public let days: Int
    public let count: Int
    /// pandas' time unit per second (nanoseconds).
    static let unitsPerSecond: Int64 = 1_000_000_000
    static let unitsPerDay: Int64 = 86_400 * unitsPerSecond
    private let span: Int64
    private let step: Double

    /// Spreads `count` rows over `days` days from `start`.
    public init(start: Day, days: Int, count: Int) {
        self.start = start
        self.days = days
        self.count = count
        span = Int64(days) * Self.unitsPerDay - Self.unitsPerSecond
        step = count > 1 ? Double(span) / Double(count - 1) : .nan
    }

    /// The day of row `index` (0-based, in file order).
    public func day(of index: Int) -> Day {
        let offset: Int64
        if count <= 1 || index == 0 {
            offset = 0
        } else if index == count - 1 {
            offset = Int64(Double(span))  // numpy sets the endpoint to `stop` itself
        } else {
            offset = Int64((Double(index) * step).rounded(.down))
        }
        return start.adding(days: Int(offset / Self.unitsPerDay))
    }
}
