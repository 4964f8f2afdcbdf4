import ForecastData
import Testing
@testable import Monitoring

/// `forecast plot`'s reading of the explanations log: mean |contribution| per feature, largest
/// first; nothing to chart when absent or empty; one error naming file and line otherwise.
@Suite struct ExplanationsLogReaderTests {
    static let header = ExplanationLogEntry.header + "\n"

    static func line(_ stamp: String, _ id: String, _ version: String, _ feature: String, _ value: Double) -> String {
        ExplanationLogEntry(timestamp: stamp, requestID: id, modelVersion: version, forecastDate: "2026-11-23",
                            expectedValue: 1000, feature: feature, contribution: value).csvLine
    }

    @Test func meansOfAbsoluteValues_LargestFirst_WithRequestsAndVersions() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let text = Self.header
            + Self.line("2026-11-22T10:00:00.000Z", "r1", "v1", "ca_total", -30) + Self.line("2026-11-22T10:00:00.000Z", "r1", "v1", "weekday", 5)
            + Self.line("2026-11-22T11:00:00.000Z", "r2", "v1", "ca_total", 10) + Self.line("2026-11-22T11:00:00.000Z", "r2", "v1", "weekday", -7)
            + "\n"  // a blank line is skipped
            + Self.line("2026-11-22T12:00:00.000Z", "r1", "v2", "ca_total", 2) + Self.line("2026-11-22T12:00:00.000Z", "r1", "v2", "ca_mean_7d", 9)
        let path = try folder.write(text.replacingOccurrences(of: "\n", with: "\r\n"), to: "e.csv")
        let summary = try #require(try ExplanationsLogReader.read(path: path))
        #expect(summary.features.map(\.name) == ["ca_total", "ca_mean_7d", "weekday"])
        #expect(summary.features.map(\.meanAbsolute) == [14, 9, 6])
        #expect(summary.features.map(\.count) == [3, 1, 2])
        #expect(summary.requestCount == 3, "r1 twice, at different times: a reused client id")
        #expect(summary.modelVersions == ["v1", "v2"])
        let chart = ContributionSection.chart(summary)
        #expect(chart.fileName == "contributions.svg")
        #expect(chart.caption.contains("3 explained forecasts") && chart.caption.contains("models v1, v2"))
    }

    @Test func absentEmptyOrHeaderOnly_IsNothingToChart() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        #expect(try ExplanationsLogReader.read(path: folder.path + "/missing.csv") == nil)
        #expect(try ExplanationsLogReader.read(path: try folder.write("", to: "empty.csv")) == nil)
        #expect(try ExplanationsLogReader.read(path: try folder.write("\u{FEFF}" + Self.header, to: "header.csv")) == nil)
        let section = ContributionSection.make(nil, path: "data/explanations_log.csv")
        #expect(section.chart == nil)
    }

    @Test func badHeaderOrLine_IsOneErrorNamingFileLineAndFix() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let prediction = try folder.write("timestamp,ca_total,nb_commandes,prediction,model_version\n", to: "p.csv")
        #expect(throws: MonitoringError.badExplanationsHeader(path: prediction, found: "timestamp,ca_total,nb_commandes,prediction,model_version")) {
            try ExplanationsLogReader.read(path: prediction)
        }
        let bad = try folder.write(Self.header + Self.line("2026-11-22T10:00:00.000Z", "r1", "v1", "ca_total", 1)
            + "2026-11-22T10:00:00.000Z,r1,v1,2026-11-23,1000,weekday,1e999\n", to: "bad.csv")
        do {
            _ = try ExplanationsLogReader.read(path: bad)
            Issue.record("a bad number was accepted")
        } catch {
            #expect(error.description.hasPrefix("\(bad) line 3: contribution is '1e999'"))
            #expect(error.description.contains("move the file aside"))
        }
        let torn = try folder.write(Self.header + "2026-11-22T10:00:00.000Z,r1,v1\n", to: "torn.csv")
        #expect(throws: MonitoringError.self) { try ExplanationsLogReader.read(path: torn) }
    }
}
