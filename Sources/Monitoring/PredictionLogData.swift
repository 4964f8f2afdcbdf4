import ForecastData

/// The prediction log(s) as columns, the shape charts, drift statistics and the accuracy join
/// need: one array per field, times as seconds since 1970 (UTC), model versions interned, days
/// as `Day` ordinals.
///
/// Lines of a five-column log (and calendar lines whose calendar fields are empty) have no
/// calendar: their `dates` and `forecastDays` hold `noDay` and their bounds NaN.
struct PredictionLogData {
    /// Where each file's rows came from, with its own counts.
    struct Source {
        let path: String
        /// Rows in this file: `range` into the columns.
        let range: Range<Int>
        let malformedLines: Int
        /// Line numbers (1-based) of the first few malformed lines, for the report.
        let malformedExamples: [Int]
    }

    var times: [Double] = []
    var revenues: [Double] = []
    var orderCounts: [Double] = []
    var predictions: [Double] = []
    var versionIndices: [Int32] = []
    var versions: [String] = []
    /// The day the inputs describe (`date`), as a `Day` ordinal, or `noDay`.
    var dates: [Int32] = []
    /// The day forecast (`forecast_date`), as a `Day` ordinal, or `noDay`.
    var forecastDays: [Int32] = []
    /// The served interval (`lower`, `upper`), NaN without a calendar.
    var lowers: [Double] = []
    var uppers: [Double] = []
    var sources: [Source] = []

    /// Marks a line that has no calendar fields.
    static let noDay = Int32.min

    var count: Int { times.count }
    var malformedLines: Int { sources.reduce(0) { $0 + $1.malformedLines } }

    mutating func reserve(_ capacity: Int) {
        times.reserveCapacity(capacity)
        revenues.reserveCapacity(capacity)
        orderCounts.reserveCapacity(capacity)
        predictions.reserveCapacity(capacity)
        versionIndices.reserveCapacity(capacity)
        dates.reserveCapacity(capacity)
        forecastDays.reserveCapacity(capacity)
        lowers.reserveCapacity(capacity)
        uppers.reserveCapacity(capacity)
    }

    /// The calendar fields of one line, as the columns hold them.
    struct Calendar {
        var date: Int32
        var forecastDay: Int32
        var lower: Double
        var upper: Double

        static let absent = Calendar(date: PredictionLogData.noDay, forecastDay: PredictionLogData.noDay, lower: .nan, upper: .nan)
    }

    /// Appends one line's values.
    mutating func append(time: Double, revenue: Double, orders: Double, prediction: Double, version: Int32,
                         calendar: Calendar) {
        times.append(time)
        revenues.append(revenue)
        orderCounts.append(orders)
        predictions.append(prediction)
        versionIndices.append(version)
        dates.append(calendar.date)
        forecastDays.append(calendar.forecastDay)
        lowers.append(calendar.lower)
        uppers.append(calendar.upper)
    }

    /// Index of `version` in `versions`, adding it on first sight.
    mutating func versionIndex(_ version: String) -> Int32 {
        if let index = versions.firstIndex(of: version) { return Int32(index) }
        versions.append(version)
        return Int32(versions.count - 1)
    }

    /// Indices of the rows in time order (files from several replicas interleave).
    func timeOrder() -> [Int] {
        var sorted = true
        for index in times.indices.dropFirst() where times[index] < times[index - 1] {
            sorted = false
            break
        }
        return sorted ? Array(times.indices) : times.indices.sorted { times[$0] < times[$1] }
    }

    /// The model version of row `index`.
    func version(at index: Int) -> String {
        versions[Int(versionIndices[index])]
    }

    /// The ISO 8601 timestamp of row `index`, rebuilt from its time (millisecond precision).
    func timestamp(at index: Int) -> String {
        let milliseconds = Int((times[index] * 1000).rounded())
        let days = milliseconds >= 0 ? milliseconds / 86_400_000 : (milliseconds - 86_399_999) / 86_400_000
        let rest = milliseconds - days * 86_400_000
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(width - text.count, 0)) + text
        }
        return Day(ordinal: days).iso + "T" + pad(rest / 3_600_000, 2) + ":" + pad(rest / 60_000 % 60, 2) + ":"
            + pad(rest / 1000 % 60, 2) + "." + pad(rest % 1000, 3) + "Z"
    }
}
