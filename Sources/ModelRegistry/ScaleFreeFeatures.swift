import Forest
import ForecastData

/// The level-free inputs of the scale-free forest (issue 9). A forest on revenue levels cannot
/// predict a level it never saw (a shop that doubles, a launch peak); this one learns the next
/// day's revenue *relative to the 7-day mean* from ratios only, and its answer is multiplied
/// back by the current 7-day mean, so it carries over to any level.
///
/// Features of day `d` (all ratios are 1 when their denominator is 0):
/// - `ca_ratio_7d`, `ca_ratio_28d`: today's revenue over the 7- and 28-day means;
/// - `mean_ratio_7d_28d`: the 7-day mean over the 28-day mean (the recent trend);
/// - `next_weekday`: ISO weekday of the forecast day;
/// - `same_weekday_ratio`: the forecast day's weekday one week before, over the 7-day mean;
/// - `same_weekday_4w_ratio`: that weekday's mean over four weeks, over the 7-day mean.
public enum ScaleFreeFeatures {
    /// The name the model file gives this feature set.
    public static let name = "scale_free"

    /// Feature names as stored in the model file (wire names).
    public static let featureNames = [
        "ca_ratio_7d", "ca_ratio_28d", "mean_ratio_7d_28d", "next_weekday", "same_weekday_ratio", "same_weekday_4w_ratio",
    ]

    /// The level a prediction is relative to: the 7-day mean revenue, today included.
    public static func scale(_ recent: RecentRevenue) -> Double {
        recent.mean(days: 7)
    }

    /// The features of the day `recent` ends on; `weekday` is the forecast day's ISO weekday.
    public static func row(_ recent: RecentRevenue, forecastWeekday weekday: Int) -> [Double] {
        [Double](unsafeUninitializedCapacity: featureNames.count) { row, count in
            write(recent, forecastWeekday: weekday, into: row)
            count = featureNames.count
        }
    }

    /// The same features written into `row` (`featureNames.count` slots) without allocating: the server's
    /// per-request path.
    public static func write(_ recent: RecentRevenue, forecastWeekday weekday: Int, into row: UnsafeMutableBufferPointer<Double>) {
        let mean7 = recent.mean(days: 7), mean28 = recent.mean(days: 28)
        func ratio(_ value: Double, _ base: Double) -> Double { base > 0 ? value / base : 1 }
        row[0] = ratio(recent.today, mean7)
        row[1] = ratio(recent.today, mean28)
        row[2] = ratio(mean7, mean28)
        row[3] = Double(weekday)
        row[4] = ratio(recent.sameWeekday(weeksBack: 1) ?? mean7, mean7)
        row[5] = ratio(recent.sameWeekdayMean(weeks: 4) ?? mean7, mean7)
    }

    /// Rows, scales and relative targets for every record, in record order.
    static func table(for records: [DailyRecord]) throws -> (matrix: FeatureMatrix, scales: [Double], targets: [Double]) {
        let revenues = records.map(\.revenue)
        var rows: [[Double]] = [], scales: [Double] = [], targets: [Double] = []
        rows.reserveCapacity(records.count)
        for index in records.indices {
            let recent = RecentRevenue(revenues: revenues, index: index)
            let scale = scale(recent)
            rows.append(row(recent, forecastWeekday: records[index].day.adding(days: 1).weekday))
            scales.append(scale)
            targets.append(scale > 0 ? records[index].label / scale : 1)
        }
        return (try FeatureMatrix(rows: rows, featureCount: featureNames.count), scales, targets)
    }
}
