import ForecastData
import Foundation

/// Reads `data/explanations_log.csv` (written by `forecast serve` for requests with `"explain":
/// true`) into the mean absolute contribution of each feature.
///
/// Unlike the prediction log, whose readers skip and count bad lines, a bad line here is an
/// error: the server writes whole lines only (a short write is cut off), so a bad line means the
/// file is not one the server wrote, and a chart of it would mislead.
enum ExplanationsLogReader {
    /// nil when the file is absent or holds no line beyond its header: nothing to chart yet.
    static func read(path: String) throws(MonitoringError) -> ContributionSummary? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let contents = FileManager.default.contents(atPath: path) else {
            throw MonitoringError.unreadableLog(path: path, reason: "permission denied or not a file")
        }
        return try summary(of: contents, path: path)
    }

    /// The summary of a file's bytes; `path` only names the file in errors.
    static func summary(of contents: Data, path: String) throws(MonitoringError) -> ContributionSummary? {
        if contents.isEmpty { return nil }
        var summary = ContributionSummary.Builder()
        var lineNumber = 0
        for rawLine in contents.split(separator: 0x0A, omittingEmptySubsequences: false) {
            lineNumber += 1
            var line = Substring(decoding: rawLine, as: UTF8.self)
            if line.hasSuffix("\r") { line = line.dropLast() }
            if lineNumber == 1 {
                if line.hasPrefix("\u{FEFF}") { line = line.dropFirst() }
                guard line == ExplanationLogEntry.header else {
                    throw MonitoringError.badExplanationsHeader(path: path, found: String(line.prefix(80)))
                }
                continue
            }
            if line.isEmpty { continue }
            switch ExplanationLogEntry.parse(line) {
            case .success(let entry): summary.add(entry)
            case .failure(let failure): throw MonitoringError.badExplanationsLine(path: path, line: lineNumber, failure: failure)
            }
        }
        return summary.build(path: path)
    }
}

/// Mean |contribution| per feature over every line of an explanations log, largest first, with
/// how many explained requests and which model versions they came from.
struct ContributionSummary: Equatable {
    struct Feature: Equatable {
        let name: String
        let meanAbsolute: Double
        /// Lines (explained requests) that named this feature.
        let count: Int
    }

    let path: String
    /// Largest mean first; ties by name.
    let features: [Feature]
    /// Distinct (timestamp, request id) pairs: a client may reuse an id, never at the same millisecond.
    let requestCount: Int
    /// In order of first appearance.
    let modelVersions: [String]

    /// Accumulates lines; `build` orders the result.
    struct Builder {
        private var totals: [String: (sum: Double, count: Int)] = [:]
        private var requests = Set<String>()
        private var versions: [String] = []

        mutating func add(_ entry: ExplanationLogEntry) {
            totals[entry.feature, default: (0, 0)].sum += abs(entry.contribution)
            totals[entry.feature, default: (0, 0)].count += 1
            requests.insert(entry.timestamp + "," + entry.requestID)
            if !versions.contains(entry.modelVersion) { versions.append(entry.modelVersion) }
        }

        func build(path: String) -> ContributionSummary? {
            guard !totals.isEmpty else { return nil }
            let features = totals.map { Feature(name: $0.key, meanAbsolute: $0.value.sum / Double($0.value.count), count: $0.value.count) }
                .sorted { $0.meanAbsolute > $1.meanAbsolute || ($0.meanAbsolute == $1.meanAbsolute && $0.name < $1.name) }
            return ContributionSummary(path: path, features: features, requestCount: requests.count, modelVersions: versions)
        }
    }
}
