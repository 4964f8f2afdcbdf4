import ForecastData

/// The prediction log(s) as columns, the shape charts and drift statistics need: one array per
/// field, times as seconds since 1970 (UTC), model versions interned.
struct PlotLogData {
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
    var sources: [Source] = []

    var count: Int { times.count }
    var malformedLines: Int { sources.reduce(0) { $0 + $1.malformedLines } }

    mutating func reserve(_ capacity: Int) {
        times.reserveCapacity(capacity)
        revenues.reserveCapacity(capacity)
        orderCounts.reserveCapacity(capacity)
        predictions.reserveCapacity(capacity)
        versionIndices.reserveCapacity(capacity)
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
