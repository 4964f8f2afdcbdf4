import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// `forecast accuracy` through the real binary, on logs and features files written here.
@Suite struct AccuracyEndToEndTests {
    static let header = "timestamp,ca_total,nb_commandes,prediction,model_version,date,forecast_date,lower,upper,request_id\n"
    static let days = 40

    /// `YYYY-MM-DD` of 2026-01-01 + `offset` days (UTC).
    static func day(_ offset: Int) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let start = calendar.date(from: DateComponents(year: 2026, month: 1, day: 1))!
        let formatter = DateFormatter()
        formatter.calendar = calendar
        formatter.timeZone = calendar.timeZone
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: calendar.date(byAdding: .day, value: offset, to: start)!)
    }

    /// Revenue of day `offset`: a weekly pattern, so the rules are beatable.
    static func revenue(_ offset: Int) -> Double { Double(10_000 + 1_000 * (offset % 7) + 10 * offset) }

    /// Rows for days 0..<days; the last label is the revenue of day `days`.
    static var features: String {
        "date,ca_total,nb_commandes,label\n" + (0..<days).map { "\(day($0)),\(revenue($0)),100,\(revenue($0 + 1))\n" }.joined()
    }

    /// A line forecasting day `offset` with `error` added to its actual, logged on the evening before.
    static func line(forecastDay offset: Int, error: Double, hour: Int = 20, interval: Double = 500) -> String {
        let prediction = revenue(offset) + error
        return "\(day(offset - 1))T\(String(format: "%02d", hour)):00:00.000Z,\(revenue(offset - 1)),100,\(prediction),v1,"
            + "\(day(offset - 1)),\(day(offset)),\(prediction - interval),\(prediction + interval),req-\(offset)-\(hour)\n"
    }

    func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    func number(_ object: [String: Any], _ path: String...) -> Double? {
        var current: Any? = object
        for key in path { current = (current as? [String: Any])?[key] }
        return (current as? NSNumber)?.doubleValue
    }

    @Test func json_ScoresEachForecastDayOnce_BesideTheRules() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        try directory.write(Self.features, to: "data/processed/features_daily.csv")
        // Days 10…40 (40 is the last label's day), errors alternating ±200, one day forecast
        // twice (an early wrong forecast replaced later), and one forecast still awaiting its actual.
        var log = Self.header + Self.line(forecastDay: 20, error: 9_999, hour: 8)
        var errors: [Int: Double] = [:]
        for offset in 10...40 {
            errors[offset] = offset % 2 == 0 ? 200 : -200
            log += Self.line(forecastDay: offset, error: errors[offset]!)
        }
        log += Self.line(forecastDay: 41, error: 0)
        try directory.write(log, to: "data/predictions_log.csv")

        let result = try ForecastBinary.run(["accuracy", "--json", "--window", "7"], in: directory.url)
        #expect(result.status == 0, "\(result.stderr)")
        let report = try json(result.stdout)
        #expect(report["scored_days"] as? Int == 31)
        #expect(number(report, "overall", "mae") == 200)
        #expect(number(report, "overall", "bias").map { abs($0 - 200.0 / 31) < 1e-9 } == true)
        #expect(number(report, "overall", "coverage") == 1)
        #expect(number(report, "window", "mae") == 200)
        // The rules, computed here from the same revenue: persistence = the day before, the
        // 7-day mean = the 7 days ending on the day before.
        func mae(_ rule: (Int) -> Double, _ range: ClosedRange<Int>) -> Double {
            range.map { abs(rule($0) - Self.revenue($0)) }.reduce(0, +) / Double(range.count)
        }
        let persistence = { (offset: Int) in Self.revenue(offset - 1) }
        let moving = { (offset: Int) in ((offset - 7)...(offset - 1)).map(Self.revenue).reduce(0, +) / 7 }
        #expect(number(report, "overall", "baselines", "persistence", "mae").map { abs($0 - mae(persistence, 10...40)) < 1e-9 } == true)
        #expect(number(report, "overall", "baselines", "moving_average_7d", "mae").map { abs($0 - mae(moving, 10...40)) < 1e-9 } == true)
        #expect(number(report, "window", "baselines", "persistence", "mae").map { abs($0 - mae(persistence, 34...40)) < 1e-9 } == true)
        #expect(number(report, "unscored", "superseded") == 1)
        #expect(number(report, "unscored", "awaiting_actual") == 1)
        #expect(report["verdict"] as? String == "doing_its_job")

        #expect(try directory.read("reports/accuracy.json") == result.stdout)
        let index = try directory.read("reports/index.html")
        #expect(index.contains("<h1 class=\"verdict ok\">The model is doing its job"))
        for chart in ["accuracy_forecast_vs_actual.svg", "accuracy_rolling_mae.svg", "accuracy_coverage.svg"] {
            #expect(index.contains("src=\"\(chart)\""))
            let svg = try directory.read("reports/" + chart)
            #expect(XMLParser(data: Data(svg.utf8)).parse() && !svg.contains("NaN"), "\(chart)")
        }
    }

    @Test func worseThanTheBestRule_ExitsFour() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        try directory.write(Self.features, to: "features.csv")
        try directory.write(Self.header + (10...39).map { Self.line(forecastDay: $0, error: 8_000) }.joined(), to: "log.csv")
        let result = try ForecastBinary.run(["accuracy", "--log", "log.csv", "--features", "features.csv"], in: directory.url)
        #expect(result.status == 4, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("The model is not doing its job"))
        #expect(try directory.read("reports/index.html").contains("<h1 class=\"verdict drift\">The model is not doing its job"))
    }

    @Test func nothingToScore_SaysSo_ExitsZero() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        try directory.write(Self.features, to: "features.csv")
        // Forecasts for days past the features file, and an old five-column log.
        try directory.write(Self.header + Self.line(forecastDay: 42, error: 0) + Self.line(forecastDay: 43, error: 0), to: "new.csv")
        try directory.write("timestamp,ca_total,nb_commandes,prediction,model_version\n2026-01-05T10:00:00.000Z,1,1,1,v0\n",
                            to: "old.csv")
        let text = try ForecastBinary.run(["accuracy", "--log", "new.csv", "--log", "old.csv", "--features", "features.csv"],
                                          in: directory.url)
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.hasPrefix("Forecast accuracy not known yet: no logged forecast day has its actual revenue"))
        #expect(text.stdout.contains("1 line without forecast_date (five-column log) skipped"))
        let result = try ForecastBinary.run(["accuracy", "--log", "new.csv", "--log", "old.csv", "--features", "features.csv", "--json"],
                                            in: directory.url)
        #expect(result.status == 0)
        let report = try json(result.stdout)
        #expect(report["scored_days"] as? Int == 0 && report["verdict"] as? String == "nothing_to_score")
        #expect(number(report, "unscored", "without_forecast_date") == 1 && number(report, "unscored", "awaiting_actual") == 2)
        #expect(report["window"] is NSNull || report["window"] == nil)
    }

    @Test func replicaLogsByPattern_AreEachCountedOnce() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        try directory.write(Self.features, to: "data/processed/features_daily.csv")
        try directory.write(Self.header + (10...19).map { Self.line(forecastDay: $0, error: 100) }.joined(),
                            to: "data/predictions_log-a.csv")
        try directory.write(Self.header + (20...24).map { Self.line(forecastDay: $0, error: -100) }.joined(),
                            to: "data/predictions_log-b.csv")
        // The pattern twice and one of its files by name: each file is still read once.
        let logs = ["--log", "data/predictions_log-*.csv", "--log", "data/predictions_log-[ab].csv",
                    "--log", "./data/predictions_log-a.csv"]
        let accuracy = try ForecastBinary.run(["accuracy", "--json"] + logs, in: directory.url)
        #expect(accuracy.status == 0, "\(accuracy.stderr)")
        let report = try json(accuracy.stdout)
        #expect(report["scored_days"] as? Int == 15)
        #expect(number(report, "unscored", "superseded") == 0)
        #expect((report["log_paths"] as? [String])?.count == 2)

        let plot = try ForecastBinary.run(["plot"] + logs, in: directory.url)
        #expect(plot.status == 0, "\(plot.stderr)")
        #expect(plot.stderr.contains("read 15 predictions from 2 log files"))
        let index = try directory.read("reports/index.html")
        #expect(index.contains("<h1 class=\"verdict ok\">") && index.contains("Forecast accuracy"))

        let drift = try ForecastBinary.run(["drift", "--json"] + logs, in: directory.url)
        #expect(drift.status == 0 || drift.status == 3, "\(drift.stderr)")
        #expect(try json(drift.stdout)["current_count"] as? Int == 15)
    }

    /// `--log data/predictions_log-*.csv` unquoted: the shell hands over `--log a b`.
    @Test func unquotedPatternExpandedByTheShell_EveryFileCounts() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        try directory.write(Self.features, to: "data/processed/features_daily.csv")
        try directory.write(Self.header + (10...12).map { Self.line(forecastDay: $0, error: 100) }.joined(), to: "a.csv")
        try directory.write(Self.header + (13...14).map { Self.line(forecastDay: $0, error: 100) }.joined(), to: "b.csv")
        let accuracy = try ForecastBinary.run(["accuracy", "--log", "a.csv", "b.csv", "--json"], in: directory.url)
        #expect(accuracy.status == 0, "\(accuracy.stderr)")
        #expect(try json(accuracy.stdout)["scored_days"] as? Int == 5)
        let plot = try ForecastBinary.run(["plot", "--log", "a.csv", "b.csv"], in: directory.url)
        #expect(plot.stderr.contains("read 5 predictions from 2 log files"), "\(plot.stderr)")
        let drift = try ForecastBinary.run(["drift", "--json", "--log", "a.csv", "b.csv", "a.csv"], in: directory.url)
        #expect(try json(drift.stdout)["current_count"] as? Int == 5)
    }

    @Test func missingFeatures_ExitsOne_WithOneLine() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        try directory.write(Self.header + Self.line(forecastDay: 10, error: 0), to: "data/predictions_log.csv")
        let result = try ForecastBinary.run(["accuracy"], in: directory.url)
        #expect(result.status == 1)
        #expect(result.stderr == "error: cannot read data/processed/features_daily.csv: no such file; run 'forecast etl' first; "
            + "check the path and its permissions\n")
        #expect(!directory.exists("reports/accuracy.json"))
    }

    @Test func badWindow_IsAUsageError() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let result = try ForecastBinary.run(["accuracy", "--window", "0"], in: directory.url)
        #expect(result.status == 2)
        #expect(result.stderr.split(separator: "\n").count == 1)
    }
}
