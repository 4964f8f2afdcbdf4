import Foundation
import Testing
@testable import ForecastData

@Suite struct TransactionGeneratorTests {
    private func generate(_ options: TransactionGenerator.Options, in files: TemporaryFiles, name: String = "t.csv")
        throws -> (TransactionGenerator.Summary, String) {
        let path = files.path(name)
        let summary = try TransactionGenerator.write(options, to: path)
        return (summary, try String(contentsOfFile: path, encoding: .utf8))
    }

    private let start = Day(iso: "2024-01-01")!

    @Test func sameSeed_GivesSameBytes_OtherSeedOtherBytes() throws {
        let files = try TemporaryFiles()
        defer { files.cleanUp() }
        let (_, first) = try generate(.init(start: start, days: 40, seed: 42), in: files, name: "a.csv")
        let (_, again) = try generate(.init(start: start, days: 40, seed: 42), in: files, name: "b.csv")
        let (_, other) = try generate(.init(start: start, days: 40, seed: 43), in: files, name: "c.csv")
        #expect(first == again)
        #expect(first != other)
    }

    @Test func lines_HaveTheHeaderShapeAndConsistentAmounts() throws {
        let files = try TemporaryFiles()
        defer { files.cleanUp() }
        let (summary, text) = try generate(.init(start: start, days: 60, seed: 1), in: files)
        let lines = text.split(separator: "\n")
        #expect(lines.first == "order_id,timestamp,customer_id,category,quantity,unit_price,amount")
        #expect(lines.count == summary.rows + 1)
        var previous = ""
        var refunds = 0
        for line in lines.dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            #expect(fields.count == 7)
            let quantity = try #require(Int(fields[4])), price = try #require(Double(fields[5])), amount = try #require(Double(fields[6]))
            #expect(abs(Double(quantity) * price - amount) < 0.005)
            #expect(String(fields[1]) >= previous, "timestamps in order")
            previous = String(fields[1])
            if amount < 0 { refunds += 1 }
        }
        #expect(refunds == summary.refunds)
        #expect(refunds > 0)
    }

    @Test func rowsOption_WritesExactlyThatManyLines() throws {
        let files = try TemporaryFiles()
        defer { files.cleanUp() }
        let (summary, text) = try generate(.init(start: start, days: 30, seed: 5, rows: 12_345), in: files)
        #expect(summary.rows == 12_345)
        #expect(text.split(separator: "\n").count == 12_346)
    }

    @Test func twoYears_HaveTheShopsShape() throws {
        let files = try TemporaryFiles()
        defer { files.cleanUp() }
        _ = try generate(.init(start: start, days: 730, seed: 42), in: files)
        let (_, records) = try DailyFeaturesETL.compute(ETLOptions(input: files.path("t.csv"), output: files.path("f.csv")))
        #expect(records.count == 729)
        let revenues = records.map(\.revenue).sorted()
        let median = revenues[revenues.count / 2]
        #expect((9_000...20_000).contains(median), "median daily revenue \(median)")
        let byDay = Dictionary(uniqueKeysWithValues: records.map { ($0.day.iso, $0.revenue) })
        #expect(byDay["2024-11-29"]! > 2 * median, "Black Friday peak")
        #expect(byDay["2024-12-25"]! < median, "Christmas Day is quiet")
        let year2 = records.filter { $0.day.iso.hasPrefix("2025-03") }.map(\.revenue).reduce(0, +)
        let year1 = records.filter { $0.day.iso.hasPrefix("2024-03") }.map(\.revenue).reduce(0, +)
        #expect(year2 > year1, "upward trend")
        let weekend = records.filter { $0.day.weekday >= 6 }.map(\.revenue).reduce(0, +) / Double(records.filter { $0.day.weekday >= 6 }.count)
        let midweek = records.filter { $0.day.weekday == 2 }.map(\.revenue).reduce(0, +) / Double(records.filter { $0.day.weekday == 2 }.count)
        #expect(weekend > midweek, "weekly seasonality")
    }
}
