import ForecastData

/// Why a monitoring command (plot, drift, accuracy) could not do its work. Each case's
/// description is the one line the command line prints: the problem and the fix.
public enum MonitoringError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A `--log` pattern matched no file.
    case noLogMatches(pattern: String)
    /// A log file is missing or cannot be read.
    case unreadableLog(path: String, reason: String)
    /// The logs hold no prediction at all (`malformedLines` lines could not be read).
    case noPredictions(paths: [String], malformedLines: Int)
    /// The features file has no row.
    case emptyFeatures(path: String)
    /// The explanations log's first line is not its header.
    case badExplanationsHeader(path: String, found: String)
    /// A line of the explanations log does not read (wrong field count, bad number or date).
    case badExplanationsLine(path: String, line: Int, failure: ExplanationLogEntry.ParseFailure)

    public var description: String {
        switch self {
        case .noLogMatches(let pattern):
            return "no log file matches '\(pattern)'; check the pattern or pass --log PATH"
        case let .unreadableLog(path, reason):
            return "cannot read log \(path): \(reason)"
        case let .noPredictions(paths, malformed):
            let names = paths.joined(separator: ", ")
            if malformed > 0 {
                return "\(names) holds no readable prediction (\(malformed) malformed line\(malformed == 1 ? "" : "s")); "
                    + "check that it is a prediction log (header \(PredictionLogEntry.header))"
            }
            return "\(names) holds no prediction yet; run 'forecast serve' and POST /predict, then try again"
        case .emptyFeatures(let path):
            return "\(path) has no rows; run 'forecast etl' on more data first"
        case let .badExplanationsHeader(path, found):
            return "\(path) line 1 is '\(found)', not the explanations log header '\(ExplanationLogEntry.header)'; "
                + "pass --explanations with the file 'forecast serve --explanations-log' writes, or move this one aside"
        case let .badExplanationsLine(path, line, failure):
            let problem = failure.column.map { "\($0) is '\(failure.value)'" }
                ?? "'\(failure.value)' does not split into the \(ExplanationLogEntry.fieldCount) columns of the header"
            return "\(path) line \(line): \(problem), not what 'forecast serve' writes; fix or delete that line, "
                + "or move the file aside (the chart is then left out)"
        }
    }
}
