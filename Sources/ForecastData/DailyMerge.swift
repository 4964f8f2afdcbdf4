/// Combines the parts of a pass in file order and turns them into the features rows.
///
/// Parts are added in file order, so sums combine in the same order on every run (STYLE.md §5:
/// no unordered reductions). A day's order ids can be merged when every part still holds them;
/// when one part had already released them, the day is recounted (`daysToRecount`).
struct DailyMerge: Sendable {
    private struct Merged {
        var revenue = CompensatedSum()
        var rows = 0
        var refunds = CompensatedSum()
        var refundRows = 0
        var closedOrders = 0
        var set: OrderIDSet?
        var mustRecount = false
    }

    private var days: [Int: Merged] = [:]
    private var tally = SkipTally()
    private var rowsRead = 0
    /// Lines before the current part: the header's, then each part's line breaks.
    private var linesBefore: Int
    private var recounted = 0

    init(headerLines: Int) {
        linesBefore = headerLines
    }

    mutating func add(_ part: ChunkResult) {
        tally.merge(part.tally, lineOffset: linesBefore)
        linesBefore += part.lineBreaks
        rowsRead += part.rowsRead
        let table = part.table
        for slot in table.ordinals.indices {
            let totals = table.totals[slot]
            var merged = days[table.ordinals[slot]] ?? Merged()
            let isNew = merged.rows == 0 && merged.set == nil && merged.closedOrders == 0
            merged.revenue.add(totals.revenue)
            merged.rows += totals.rows
            merged.refunds.add(totals.refunds)
            merged.refundRows += totals.refundRows
            if isNew {
                merged.closedOrders = totals.closedOrders
                merged.set = table.sets[slot]
                merged.mustRecount = totals.needsRecount
            } else if let incoming = table.sets[slot], merged.set != nil, merged.closedOrders == 0, totals.closedOrders == 0 {
                merged.set!.formUnion(incoming)
                merged.mustRecount = merged.mustRecount || totals.needsRecount
            } else {
                merged.mustRecount = true
            }
            days[table.ordinals[slot]] = merged
        }
        // In a file in date order, only the part's last day can continue in the next part:
        // count the earlier days' ids now rather than hold them to the end. (A later row for
        // one of them is still exact: it makes the day recounted.)
        if let last = table.ordinals.max() {
            for (ordinal, day) in days where ordinal < last && day.set != nil {
                days[ordinal]!.closedOrders += day.set!.count
                days[ordinal]!.set = nil
            }
        }
    }

    /// Turns the id sets of days that need no recount into counts, freeing them before the
    /// recount passes (their sets are complete once every part is merged).
    mutating func countSettledDays() {
        for (ordinal, day) in days where !day.mustRecount && day.set != nil {
            days[ordinal]!.closedOrders += day.set!.count
            days[ordinal]!.set = nil
        }
    }

    /// Days whose distinct order count is not known exactly yet.
    var daysToRecount: Set<Int> {
        Set(days.filter { $0.value.mustRecount }.keys)
    }

    /// The recount passes: groups of days, each split in enough hash partitions that one pass
    /// holds at most about `budget` ids (a day's rows bound its distinct orders). Days in date
    /// order so the plan is the same on every run.
    func recountPlan(budget: Int) -> [(days: Set<Int>, partitions: Int)] {
        var groups: [(days: Set<Int>, partitions: Int)] = []
        var group: Set<Int> = []
        var held = 0
        for ordinal in daysToRecount.sorted() {
            let rows = days[ordinal]!.rows
            if rows > budget {
                groups.append(([ordinal], (rows + budget - 1) / budget))
                continue
            }
            if held + rows > budget, !group.isEmpty {
                groups.append((group, 1))
                group = []
                held = 0
            }
            group.insert(ordinal)
            held += rows
        }
        if !group.isEmpty { groups.append((group, 1)) }
        return groups
    }

    /// Forgets the partial order counts of the days to recount, before the recount passes.
    mutating func startRecount() {
        for ordinal in daysToRecount {
            days[ordinal]!.closedOrders = 0
            days[ordinal]!.set = nil
        }
    }

    /// Adds the order counts one recount pass found (one hash partition of some days).
    mutating func addRecount(_ table: DayTable) {
        for slot in table.ordinals.indices {
            let ordinal = table.ordinals[slot]
            guard days[ordinal]?.mustRecount == true else { continue }
            days[ordinal]!.closedOrders += table.sets[slot]?.count ?? 0
        }
    }

    /// Marks the recounted days exact.
    mutating func finishRecount() {
        for ordinal in daysToRecount {
            days[ordinal]!.mustRecount = false
            recounted += 1
        }
    }

    /// Checks the skipped share and builds the rows: one per calendar day, empty days as zeros,
    /// `label` the next day's revenue, the last day left out (SPEC.md).
    func finish(options: ETLOptions, plan: ScanPlan, bytes: Int) throws(ETLError) -> (ETLSummary, [DailyRecord]) {
        let path = options.input
        let skipped = tally.total
        let used = rowsRead - skipped
        if used == 0 { throw .noUsableRows(path: path, read: rowsRead, firstProblem: tally.firstProblem) }
        if Double(skipped) > options.maxBadFraction * Double(rowsRead) {
            throw .tooManyBadRows(path: path, skipped: skipped, read: rowsRead, limit: options.maxBadFraction,
                                  firstProblem: tally.firstProblem ?? "")
        }
        let first = days.keys.min()!, last = days.keys.max()!
        if first == last { throw .singleDay(path: path, day: Day(ordinal: first)) }
        let countsRows = plan.layout.order == nil
        func revenue(_ ordinal: Int) -> Double { days[ordinal]?.revenue.value ?? 0 }
        var records: [DailyRecord] = []
        records.reserveCapacity(last - first)
        var total = CompensatedSum(), refunds = CompensatedSum()
        var refundRows = 0, orders = 0
        for ordinal in first...last {
            let day = days[ordinal]
            let count = day.map { countsRows ? $0.rows : $0.closedOrders + ($0.set?.count ?? 0) } ?? 0
            if let day {
                total.add(day.revenue)
                refunds.add(day.refunds)
                refundRows += day.refundRows
            }
            orders += count
            if ordinal < last {
                records.append(DailyRecord(day: Day(ordinal: ordinal), revenue: revenue(ordinal), orderCount: count,
                                           label: revenue(ordinal + 1)))
            }
        }
        let layout = plan.layout
        let amountColumn: String
        switch layout.amount {
        case let .column(column): amountColumn = layout.names[column]
        case let .product(quantity, price): amountColumn = layout.names[quantity] + " × " + layout.names[price]
        }
        let delimiter = plan.dialect.delimiter == UInt8(ascii: "\t") ? "tab" : String(UnicodeScalar(plan.dialect.delimiter))
        let summary = ETLSummary(
            input: path, output: options.output, bytes: bytes, delimiter: delimiter,
            dateColumn: layout.date.map { layout.names[$0] }, amountColumn: amountColumn,
            orderColumn: layout.order.map { layout.names[$0] }, spreadDays: plan.spread?.days,
            rowsRead: rowsRead, rowsUsed: used, skipped: tally, days: last - first + 1,
            emptyDays: last - first + 1 - days.count, firstDay: Day(ordinal: first), lastDay: Day(ordinal: last),
            rowsWritten: records.count, revenueTotal: total.value, refundRows: refundRows, refundTotal: refunds.value,
            orders: orders, recountedDays: recounted
        )
        return (summary, records)
    }
}
