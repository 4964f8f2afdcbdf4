import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// `forecast plot` through the real binary on small hand-written logs.
@Suite struct PlotEndToEndTests {
    static let header = "timestamp,ca_total,nb_commandes,prediction,model_version\n"
    static let lines = [
        "2026-11-20T10:15:30.123Z,15000.5,320,16234.56,v1\n",
        "2026-11-21T11:00:00.000Z,14000,300,15000,v1\n",
        "2026-11-22T09:30:00.500Z,16000.25,340,17000.75,v1\n",
    ]
    static let charts = [
        "predictions_time_series.svg", "predictions_histogram.svg", "revenue_vs_prediction.svg",
        "inputs_revenue_time_series.svg", "inputs_orders_time_series.svg",
    ]

    static func isXML(_ text: String) -> Bool {
        XMLParser(data: Data(text.utf8)).parse()
    }

    @Test func smallLog_WritesEveryChartAndIndex_AllValidXML() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        try directory.write(Self.header + Self.lines.joined(), to: "data/predictions_log.csv")
        let result = try ForecastBinary.run(["plot"], in: directory.url)
        #expect(result.status == 0, "\(result.stderr)")
        for chart in Self.charts {
            let text = try directory.read("reports/" + chart)
            #expect(Self.isXML(text), "\(chart) is not XML")
            #expect(text.contains("viewBox"))
            #expect(!text.contains("NaN"))
        }
        let index = try directory.read("reports/index.html")
        for chart in Self.charts { #expect(index.contains("src=\"\(chart)\"")) }
        #expect(index.contains("No model yet"))
    }

    @Test func malformedLines_AreSkippedAndCounted() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let log = Self.header + Self.lines[0] + "2026-11-21T11:00:00.000Z,14000,abc,15000,v1\n" + "2026-11-21T11:0\n"
            + "only,three,fields\n" + Self.lines[1]
        try directory.write(log, to: "log.csv")
        let result = try ForecastBinary.run(["plot", "--log", "log.csv", "--output-dir", "out"], in: directory.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("skipped 3 malformed lines"))
        let index = try directory.read("out/index.html")
        #expect(index.contains("3 malformed lines skipped: lines 3, 4, 5"))
        #expect(index.contains(">2<"), "two predictions counted")
    }

    @Test func windowsLineEndsAndByteOrderMark_AreRead() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let text = "\u{FEFF}" + (Self.header + Self.lines.joined()).replacingOccurrences(of: "\n", with: "\r\n")
        try directory.write(text, to: "log.csv")
        let result = try ForecastBinary.run(["plot", "--log", "log.csv"], in: directory.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("read 3 predictions from 1 log file\n"))
    }

    @Test func unwritableOutput_ExitsOne_WithOneLine() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        try directory.write(Self.header + Self.lines[0], to: "log.csv")
        try directory.write("a file, not a folder", to: "reports")
        let result = try ForecastBinary.run(["plot", "--log", "log.csv"], in: directory.url)
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("error: cannot write reports/"))
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    @Test func hostileModelVersion_IsEscapedInIndex() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        // A version with a comma and quotes is quoted in the log (RFC 4180).
        let hostile = "2026-11-22T10:00:00.000Z,15000,300,90000,\"v<1>&\"\"x\"\",'y'\"\n"
        try directory.write(Self.header + Self.lines.joined() + hostile, to: "log.csv")
        let features = "date,ca_total,nb_commandes,label\n2026-11-01,14000,300,15000\n2026-11-02,15000,310,16000\n"
        try directory.write(features, to: "features.csv")
        let result = try ForecastBinary.run(["plot", "--log", "log.csv", "--reference", "features.csv"], in: directory.url)
        #expect(result.status == 0, "\(result.stderr)")
        let index = try directory.read("reports/index.html")
        #expect(index.contains("v&lt;1&gt;&amp;\"x\",'y'"))
        #expect(!index.contains("v<1>"))
        #expect(index.contains("above the training range"))
    }

    @Test func severalLogs_ByPattern_OneLinePerReplica() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        try directory.write(Self.header + Self.lines[0] + Self.lines[2], to: "logs/replica-a.csv")
        try directory.write(Self.header + Self.lines[1], to: "logs/replica-b.csv")
        let result = try ForecastBinary.run(["plot", "--log", "logs/replica-*.csv"], in: directory.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("read 3 predictions from 2 log files"))
        let chart = try directory.read("reports/predictions_time_series.svg")
        #expect(chart.contains("replica-a.csv") && chart.contains("replica-b.csv"))
    }

    @Test func oneLineAndConstantLogs_StillGiveValidCharts() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        try directory.write(Self.header + Self.lines[0], to: "one.csv")
        let constant = (0..<5).map { "2026-11-22T10:0\($0):00.000Z,15000,300,16000,v1\n" }.joined()
        try directory.write(Self.header + constant, to: "constant.csv")
        for log in ["one.csv", "constant.csv"] {
            let result = try ForecastBinary.run(["plot", "--log", log, "--output-dir", log + "-out"], in: directory.url)
            #expect(result.status == 0, "\(log): \(result.stderr)")
            for chart in Self.charts {
                let text = try directory.read(log + "-out/" + chart)
                #expect(Self.isXML(text) && !text.contains("NaN"), "\(log) \(chart)")
            }
        }
    }

    @Test func withATrainedModel_DrawsTheModelCharts() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        for step in [["generate", "--days", "150"], ["etl"], ["train", "--trees", "5", "--backtest", "2", "--model", "forest"]] {
            let result = try ForecastBinary.run(step, in: directory.url)
            try #require(result.status == 0, "\(step): \(result.stderr)")
        }
        try directory.write(Self.header + Self.lines.joined(), to: "data/predictions_log.csv")
        let result = try ForecastBinary.run(["plot"], in: directory.url)
        #expect(result.status == 0, "\(result.stderr)")
        for chart in ["model_test_predictions.svg", "model_feature_importances.svg", "model_backtest.svg"] {
            let text = try directory.read("reports/" + chart)
            #expect(Self.isXML(text) && !text.contains("NaN"), "\(chart)")
        }
        let index = try directory.read("reports/index.html")
        #expect(index.contains("src=\"model_backtest.svg\""))
        #expect(!index.contains("No model yet"))
        #expect(try directory.read("reports/model_feature_importances.svg").contains("ca_total"))
    }

    @Test func absurdValues_NoCrash_ValidCharts() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let log = Self.header + "2026-11-22T10:00:00.000Z,1e308,0,-1e308,v1\n"
            + "2026-11-22T10:00:01.000Z,-1e308,999999999999999999,1e308,v1\n"
            + "9999-12-31T23:59:59.999Z,0,5,0.0000001,v1\n0000-01-01T00:00:00.000Z,5,5,5,v1\n"
        try directory.write(log, to: "log.csv")
        let result = try ForecastBinary.run(["plot", "--log", "log.csv"], in: directory.url)
        #expect(result.status == 0, "\(result.stderr)")
        for chart in Self.charts {
            let text = try directory.read("reports/" + chart)
            #expect(Self.isXML(text) && !text.contains("NaN") && !text.contains("inf"), "\(chart)")
        }
    }

    @Test func missingLog_ExitsOne_WithOneLine() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let result = try ForecastBinary.run(["plot"], in: directory.url)
        #expect(result.status == 1)
        #expect(result.stderr.contains("data/predictions_log.csv"))
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(!directory.exists("reports/index.html"))
    }

    @Test func emptyLog_ExitsOne() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        try directory.write(Self.header, to: "data/predictions_log.csv")
        let result = try ForecastBinary.run(["plot"], in: directory.url)
        #expect(result.status == 1)
        #expect(result.stderr.contains("no prediction yet"))
        try directory.write("", to: "empty.csv")
        #expect(try ForecastBinary.run(["plot", "--log", "empty.csv"], in: directory.url).status == 1)
    }

    @Test func patternMatchingNothing_ExitsOne() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let result = try ForecastBinary.run(["plot", "--log", "nothing-*.csv"], in: directory.url)
        #expect(result.status == 1)
        #expect(result.stderr.contains("no log file matches"))
    }
}
