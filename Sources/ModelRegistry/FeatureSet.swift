import ForecastData
import Forest

/// Which inputs the model sees for a day. Each row describes day `d` and is labelled with the
/// revenue of day `d + 1` (SPEC.md features file).
///
/// - `basic`: the original pipeline's two features, `ca_total` and `nb_commandes` of day `d`.
/// - `extended`: those two plus what daily revenue depends on and they cannot show — the day
///   of week being forecast, the 7- and 28-day mean revenue, the revenue one week before the
///   forecast day, and today's revenue relative to the 7-day mean. Windows are shortened at the
///   start of the data (a mean over the days there are), so no row is dropped.
public enum FeatureSet: String, Sendable, Codable, CaseIterable {
    case basic
    case extended

    /// The set `forecast train` uses unless told otherwise: `extended`, because it beat `basic`
    /// in the rolling-origin backtest on the shipped sample (README: Training and the model
    /// registry has the figures).
    public static let standard = FeatureSet.extended

    /// Days of revenue before the current day that the extended features look at (28-day mean).
    public static let historyLength = 27

    /// Feature names as stored in the model file and shown to users (wire names).
    public var featureNames: [String] {
        switch self {
        case .basic:
            ["ca_total", "nb_commandes"]
        case .extended:
            ["ca_total", "nb_commandes", "next_weekday", "ca_mean_7d", "ca_mean_28d", "ca_week_before", "ca_ratio_7d"]
        }
    }

    /// One row per record, in record order (records are consecutive days, as the features file
    /// guarantees).
    public func matrix(for records: [DailyRecord]) throws -> FeatureMatrix {
        let revenues = records.map(\.revenue)
        var rows: [[Double]] = []
        rows.reserveCapacity(records.count)
        for (index, record) in records.enumerated() {
            let earlier = revenues[max(0, index - FeatureSet.historyLength)..<index]
            rows.append(row(revenue: record.revenue, orderCount: record.orderCount, day: record.day, earlier: earlier))
        }
        return try FeatureMatrix(rows: rows, featureCount: featureNames.count)
    }

    /// The features of `day` given its revenue and order count and the revenue of the days just
    /// before it (oldest first, at most `historyLength` of them).
    public func row(revenue: Double, orderCount: Int, day: Day, earlier: ArraySlice<Double>) -> [Double] {
        switch self {
        case .basic:
            return [revenue, Double(orderCount)]
        case .extended:
            let window = ExtendedWindow(earlier: earlier)
            return window.features(revenue: revenue, orderCount: orderCount, day: day)
        }
    }
}

/// The part of the extended features that depends only on the days before the current one, so
/// the server computes it once per model and each request adds just its own day.
public struct ExtendedWindow: Sendable, Equatable {
    /// Sum and count of the up to 6 days before the current one (for the 7-day mean).
    let sum6: Double, count6: Int
    /// Sum and count of the up to 27 days before the current one (for the 28-day mean).
    let sum27: Double, count27: Int
    /// Revenue 6 days before the current day: one week before the forecast day. nil when the
    /// history is shorter.
    let weekBefore: Double?

    /// Summarises `earlier` (oldest first; only the last `FeatureSet.historyLength` are used).
    public init(earlier: ArraySlice<Double>) {
        let last27 = earlier.suffix(FeatureSet.historyLength)
        let last6 = earlier.suffix(6)
        sum6 = last6.reduce(0, +)
        count6 = last6.count
        sum27 = last27.reduce(0, +)
        count27 = last27.count
        weekBefore = earlier.count >= 6 ? earlier[earlier.endIndex - 6] : nil
    }

    /// The extended row for the current day (see `FeatureSet.extended`).
    public func features(revenue: Double, orderCount: Int, day: Day) -> [Double] {
        var row = [Double](repeating: 0, count: ExtendedWindow.featureCount)
        row.withUnsafeMutableBufferPointer { write(revenue: revenue, orderCount: orderCount, day: day, into: $0) }
        return row
    }

    /// Number of extended features.
    public static let featureCount = 7

    /// Writes the extended row into `row` (`featureCount` slots) without allocating: the
    /// server's per-request path.
    public func write(revenue: Double, orderCount: Int, day: Day, into row: UnsafeMutableBufferPointer<Double>) {
        let mean7 = (sum6 + revenue) / Double(count6 + 1)
        let mean28 = (sum27 + revenue) / Double(count27 + 1)
        row[0] = revenue
        row[1] = Double(orderCount)
        row[2] = Double(day.adding(days: 1).weekday)
        row[3] = mean7
        row[4] = mean28
        row[5] = weekBefore ?? mean7
        row[6] = mean7 != 0 ? revenue / mean7 : 1
    }
}
