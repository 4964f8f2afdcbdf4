import Foundation
import Testing

/// `forecast drift` through the real binary: exit 0 without drift, 3 with drift, 1 on bad input.
@Suite struct DriftEndToEndTests {
    static let header = "timestamp,ca_total,nb_commandes,prediction,model_version\n"

    /// A features file of `days` rows with revenue 10,000 + 100·(i mod 20) and orders 200 + i mod 20.
    static func features(days: Int = 60) -> String {
        var text = "date,ca_total,nb_commandes,label\n"
        for day in 0..<days {
            // Consecutive days from 2026-01-01 (January 31 days, February 28).
            let (month, dayOfMonth) = day < 31 ? (1, day + 1) : day < 59 ? (2, day - 30) : (3, day - 58)
            let date = String(format: "2026-%02d-%02d", month, dayOfMonth)
            text += "\(date),\(10_000 + 100 * (day % 20)),\(200 + day % 20),\(10_000 + 100 * ((day + 1) % 20))\n"
        }
        return text
    }

    /// A log whose inputs follow the same pattern, shifted by `shift` (revenue) and `shift / 100` orders.
    static func log(count: Int, shift: Int) -> String {
        var text = header
        for index in 0..<count {
            let stamp = String(format: "2026-11-22T%02d:%02d:00.000Z", index / 60, index % 60)
            text += "\(stamp),\(10_000 + 100 * (index % 20) + shift),\(200 + index % 20 + shift / 100),12000,v1\n"
        }
        return text
    }

    func run(_ directory: TemporaryDirectory, _ extra: [String] = []) throws -> ForecastBinary.Result {
        try ForecastBinary.run(["drift", "--log", "log.csv", "--reference", "features.csv"] + extra, in: directory.url)
    }

    @Test func sameDistribution_ExitsZero_WritesReports() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        try directory.write(Self.features(), to: "features.csv")
        try directory.write(Self.log(count: 80, shift: 0), to: "log.csv")
        let result = try run(directory)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("no drift detected"))
        #expect(directory.exists("reports/drift.html") && directory.exists("reports/drift.json"))
        #expect(try directory.read("reports/drift.html").contains("<svg"))
        // `forecast plot` afterwards links the drift report from the index.
        #expect(try ForecastBinary.run(["plot", "--log", "log.csv"], in: directory.url).status == 0)
        #expect(try directory.read("reports/index.html").contains("href=\"drift.html\""))
    }

    @Test func shiftedInputs_ExitThree_JSONSaysWhich() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        try directory.write(Self.features(), to: "features.csv")
        try directory.write(Self.log(count: 80, shift: 3000), to: "log.csv")
        let result = try run(directory, ["--json"])
        #expect(result.status == 3)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(json["drift_detected"] as? Bool == true)
        let features = try #require(json["features"] as? [[String: Any]])
        #expect(features.map { $0["feature"] as? String } == ["ca_total", "nb_commandes"])
        #expect(features.allSatisfy { $0["method"] as? String == "ks" && $0["drift_detected"] as? Bool == true })
        let file = try directory.read("reports/drift.json")
        #expect(file.trimmingCharacters(in: .whitespacesAndNewlines) == result.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    @Test func window_ComparesOnlyRecentPredictions() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        try directory.write(Self.features(), to: "features.csv")
        // 100 shifted predictions first, then 60 normal ones (later timestamps).
        var text = Self.log(count: 100, shift: 3000)
        for index in 0..<60 {
            text += String(format: "2026-11-23T00:%02d:00.000Z", index) + ",\(10_000 + 100 * (index % 20)),\(200 + index % 20),12000,v1\n"
        }
        try directory.write(text, to: "log.csv")
        #expect(try run(directory).status == 3)
        let recent = try run(directory, ["--window", "60", "--json"])
        #expect(recent.status == 0, "\(recent.stdout)")
        #expect(recent.stdout.contains("\"current_count\" : 60"))
        #expect(try run(directory, ["--window", "0"]).status == 2)
    }

    @Test func referenceOver1000Rows_DecidesWithWasserstein() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        // 1,100 consecutive days from 2023-01-01, same value pattern as `features()`.
        var text = "date,ca_total,nb_commandes,label\n"
        var (year, month, day) = (2023, 1, 1)
        let lengths = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        for index in 0..<1100 {
            text += String(format: "%04d-%02d-%02d", year, month, day)
                + ",\(10_000 + 100 * (index % 20)),\(200 + index % 20),\(10_000 + 100 * ((index + 1) % 20))\n"
            let length = month == 2 && year % 4 == 0 ? 29 : lengths[month - 1]
            day += 1
            if day > length { (day, month) = (1, month + 1) }
            if month > 12 { (month, year) = (1, year + 1) }
        }
        try directory.write(text, to: "features.csv")
        try directory.write(Self.log(count: 200, shift: 0), to: "log.csv")
        let calm = try run(directory, ["--json"])
        #expect(calm.status == 0, "\(calm.stdout)\(calm.stderr)")
        #expect(calm.stdout.contains("\"method\" : \"wasserstein_normed\""))
        try directory.write(Self.log(count: 200, shift: 1000), to: "log.csv")
        #expect(try run(directory).status == 3)
    }

    @Test func missingOrEmptyLog_ExitsOne() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        try directory.write(Self.features(), to: "features.csv")
        let missing = try run(directory)
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("log.csv"))
        try directory.write(Self.header, to: "log.csv")
        let empty = try run(directory)
        #expect(empty.status == 1)
        #expect(empty.stderr.contains("no prediction yet"))
    }

    @Test func missingReference_ExitsOne_NamesTheFix() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        try directory.write(Self.log(count: 10, shift: 0), to: "log.csv")
        let result = try run(directory)
        #expect(result.status == 1)
        #expect(result.stderr.contains("features.csv"))
        #expect(result.stderr.contains("forecast etl"))
    }
}
