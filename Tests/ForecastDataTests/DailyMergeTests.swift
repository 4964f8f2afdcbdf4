import Testing
@testable import ForecastData

/// Aggregation: calendar days, zero-filled gaps, labels, distinct orders, refunds.
@Suite struct DailyMergeTests {
    private func run(_ text: String, _ configure: (inout ETLOptions) -> Void = { _ in }) throws -> (ETLSummary, [DailyRecord]) {
        let files = try TemporaryFiles()
        defer { files.cleanUp() }
        return try files.etl(text, configure)
    }

    @Test func emptyDays_AreZeroRows_AndLabelIsNextCalendarDay() throws {
        let text = "date,amount\n2024-01-01,10\n2024-01-04,40\n2024-01-02,20\n"
        let (summary, records) = try run(text)
        #expect(records.map(\.day.iso) == ["2024-01-01", "2024-01-02", "2024-01-03"])
        #expect(records.map(\.revenue) == [10, 20, 0])
        #expect(records.map(\.orderCount) == [1, 1, 0])
        #expect(records.map(\.label) == [20, 0, 40])
        #expect(summary.days == 4)
        #expect(summary.emptyDays == 1)
        #expect(summary.rowsWritten == 3)
    }

    @Test func orders_CountDistinctIdsPerDay_RefundsIncluded() throws {
        let text = """
            order,date,amount
            A,2024-01-01,10
            A,2024-01-01,5
            B,2024-01-01,1
            A,2024-01-02,-5
            C,2024-01-02,7
            C,2024-01-03,1
            """
        let (summary, records) = try run(text)
        #expect(records.map(\.orderCount) == [2, 2])
        #expect(records.map(\.revenue) == [16, 2])
        #expect(summary.refundRows == 1)
        #expect(summary.refundTotal == -5)
        #expect(summary.revenueTotal == 19)
    }

    @Test func unorderedFile_StillCountsOrdersExactly() throws {
        // Day 1 comes back after days 2–5 moved on, so its id set was released: recount pass.
        var text = "order,date,amount\n"
        for day in 1...5 { text += "X\(day),2024-01-0\(day),1\nY\(day),2024-01-0\(day),1\n" }
        text += "X1,2024-01-01,1\nZ1,2024-01-01,1\nX2,2024-01-02,1\n2024-01-06-late,2024-01-06,1\n"
        let (summary, records) = try run(text)
        #expect(records.first?.orderCount == 3)  // X1, Y1, Z1
        #expect(records[1].orderCount == 2)  // X2, Y2
        #expect(summary.recountedDays >= 1)
    }

    @Test func quantityTimesPrice_IsTheAmount() throws {
        let text = "date,qty,unit price\n2024-01-01,2,2.25\n2024-01-01,-1,2.25\n2024-01-02,3,1\n"
        let (_, records) = try run(text)
        #expect(records.first?.revenue == 2.25)
        #expect(records.first?.label == 3)
    }

    @Test func parallelParts_GiveTheSameTablesAsOneThread() throws {
        // Quoted line breaks everywhere, so some split points fall inside quotes.
        var text = "order,date,amount,note\n"
        var random = SplitMix64(seed: 7)
        for index in 0..<3000 {
            let day = 1 + index / 120
            let note = random.nextInt(below: 3) == 0 ? "\"line\nbreak, \"\"quoted\"\"\"" : "plain"
            text += "O\(index / 3),2024-01-\(day < 10 ? "0" : "")\(day),\(random.nextInt(below: 10_000)).\(random.nextInt(below: 100)),\(note)\n"
        }
        let (single, one) = try run(text) { $0.jobs = 1 }
        for jobs in [2, 3, 5, 8] {
            let (summary, many) = try run(text) {
                $0.jobs = jobs
                $0.minimumChunkBytes = 1024
            }
            #expect(many.map(\.day) == one.map(\.day))
            #expect(many.map(\.orderCount) == one.map(\.orderCount))
            for (a, b) in zip(many, one) { #expect(abs(a.revenue - b.revenue) <= 1e-9 * abs(b.revenue)) }
            #expect(summary.rowsRead == single.rowsRead)
        }
    }

    @Test func parallelParts_ReportGlobalLineNumbers() throws {
        var text = "date,amount\n"
        for index in 0..<2000 { text += index == 1500 ? "2024-01-02,oops\n" : "2024-01-0\(1 + index % 3),1\n" }
        let (summary, _) = try run(text) {
            $0.jobs = 4
            $0.minimumChunkBytes = 512
        }
        #expect(summary.skipped.entries[.badAmount]?.firstLine == 1502)
    }

    @Test func outOfOrderFile_WithATinyIDBudget_StillCountsOrdersExactly() throws {
        var random = SplitMix64(seed: 3)
        var text = "order,date,amount\n"
        var expected: [String: Set<String>] = [:]
        for _ in 0..<3000 {
            let order = "ORDER-\(random.nextInt(below: 400))", day = "2024-01-0\(1 + random.nextInt(below: 9))"
            text += "\(order),\(day),1\n"
            expected[day, default: []].insert(order)
        }
        for budget in [5, 60, 100_000] {
            for jobs in [1, 3] {
                let (summary, records) = try run(text) {
                    $0.orderIDBudget = budget
                    $0.jobs = jobs
                    $0.minimumChunkBytes = 1024
                }
                #expect(records.map(\.orderCount) == records.map { expected[$0.day.iso]!.count }, "budget \(budget), jobs \(jobs)")
                if budget < 100 { #expect(summary.recountedDays > 0) }
            }
        }
    }

    @Test func fileInDateOrder_SplitInParts_NeedsNoRecount() throws {
        let files = try TemporaryFiles()
        defer { files.cleanUp() }
        _ = try TransactionGenerator.write(.init(start: Day(iso: "2024-01-01")!, days: 60, seed: 4), to: files.path("t.csv"))
        var options = ETLOptions(input: files.path("t.csv"), output: files.path("f.csv"))
        options.jobs = 3
        options.minimumChunkBytes = 4096
        let (summary, records) = try DailyFeaturesETL.compute(options)
        options.jobs = 1
        let (_, single) = try DailyFeaturesETL.compute(options)
        #expect(summary.recountedDays == 0)
        #expect(records.map(\.orderCount) == single.map(\.orderCount))
    }
}
