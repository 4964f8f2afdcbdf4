import ForecastData
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A production month: train on two years, then every day append the day's transactions, run
/// the ETL, let the running server take the new history, and ask for tomorrow.
@Suite struct DailyCycleEndToEndTests {
    @Test func aMonthOfNightlyETLsMovesTheServerForwardDayByDay() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let run = { (arguments: [String]) throws in
            let result = try ForecastBinary.run(arguments, in: directory.url)
            #expect(result.status == 0, "forecast \(arguments.joined(separator: " ")): \(result.stderr)")
        }
        // 761 days of transactions: the first 730 train, the next 30 are served one by one, the
        // last one only gives the actual of the 30th forecast.
        try run(["generate", "--days", "761", "--output", "all.csv"])
        try run(["etl", "--input", "all.csv", "--output", "full.csv"])
        let full = try FeaturesFile.read(from: directory.url.appendingPathComponent("full.csv").path)
        let actual = try #require(DailyHistory(records: full))
        let transactions = try directory.read("all.csv").split(separator: "\n", omittingEmptySubsequences: false)
        let header = transactions[0]
        let byDay = Dictionary(grouping: transactions.dropFirst().filter { !$0.isEmpty }) { line in
            // `order_id,timestamp,…`: the day is the timestamp's first ten characters.
            String(line.split(separator: ",", maxSplits: 2)[1].prefix(10))
        }
        let firstDay = try #require(Day(iso: "2024-01-01"))
        var raw = [String(header)]
        for offset in 0..<730 { raw += (byDay[firstDay.adding(days: offset).iso] ?? []).map(String.init) }
        _ = try directory.write(raw.joined(separator: "\n") + "\n", to: "data/raw/ventes_ecommerce.csv")
        try run(["etl"])
        try run(["train", "--trees", "20"])

        let server = try ServerProcess(in: directory.url, arguments: ["--quiet"])
        defer { server.stop() }
        let client = try RawHTTPClient(port: server.port)
        let servedDays = (730..<760).map { firstDay.adding(days: $0) }
        for (index, day) in servedDays.enumerated() {
            raw += (byDay[day.iso] ?? []).map(String.init)
            _ = try directory.write(raw.joined(separator: "\n") + "\n", to: "data/raw/ventes_ecommerce.csv")
            try run(["etl"])
            // The first days are found by the server's own poll; then SIGHUP keeps the test short.
            if index >= 2 { server.send(SIGHUP) }
            let taken = ServerProcess.eventually {
                let health = try? client.exchange("GET", "/health").json()
                return (health?["daily_history"] as? [String: Any])?["last_day"] as? String == day.iso
            }
            #expect(taken, "the server did not take the history ending on \(day)")
            let record = try #require(full.first { $0.day == day })
            let response = try client.exchange(
                "POST", "/predict",
                json: "{\"ca_total\": \(record.revenue), \"nb_commandes\": \(record.orderCount), \"date\": \"\(day.iso)\"}"
            )
            #expect(response.status == 200, "\(day): \(response.text)")
        }

        let entries = try logEntries(directory)
        #expect(entries.map { $0[6] } == servedDays.map { $0.adding(days: 1).iso })
        var errors: [Double] = []
        for entry in entries {
            let forecastDay = try #require(Day(iso: entry[6]))
            let truth = try #require(actual.revenue(before: forecastDay.adding(days: 1), count: 1).last)
            errors.append(abs(try #require(Double(entry[3])) - truth))
        }
        let mae = errors.reduce(0, +) / Double(errors.count)
        #expect(errors.count == 30)
        #expect(mae > 0)

        // `forecast accuracy` on the same log, against the features of all 761 days (the last
        // label is the actual of the 30th forecast): the same 30 days, the same MAE.
        let accuracy = try ForecastBinary.run(["accuracy", "--features", "full.csv", "--window", "30", "--json"],
                                              in: directory.url)
        #expect(accuracy.status == 0 || accuracy.status == 4, "\(accuracy.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(accuracy.stdout.utf8)) as? [String: Any])
        #expect(report["scored_days"] as? Int == 30)
        let overall = try #require(report["overall"] as? [String: Any])
        let reportedMAE = try #require((overall["mae"] as? NSNumber)?.doubleValue)
        #expect(abs(reportedMAE - mae) <= 1e-9 * max(1, mae))
        let days = try #require(report["per_day"] as? [[String: Any]])
        #expect(days.compactMap { $0["forecast_date"] as? String } == servedDays.map { $0.adding(days: 1).iso })
    }
}
