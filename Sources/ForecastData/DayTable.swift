/// Per-day accumulators of one pass over (part of) the file: revenue, rows, refunds and the
/// distinct orders.
///
/// Memory stays flat however long the file is (issue 2): besides a few numbers per calendar
/// day, order ids are held only for the days still being counted. A day's id set is released
/// ("closed", only its count kept) once rows two days later arrive, which in a file in date
/// order means the day is over. A row for a closed day marks that day for a recount pass
/// instead, so unordered files still get exact counts.
struct DayTable: Sendable {
    /// Running totals of one day.
    struct Totals: Sendable {
        /// Revenue, summed with Neumaier's compensation so that the order of additions (and so
        /// the number of threads) changes the result by far less than the 1e-9 relative the
        /// issue asks of the agreement with pandas.
        var revenue = CompensatedSum()
        var rows = 0
        var refunds = CompensatedSum()
        var refundRows = 0
        /// Distinct orders counted in sets that have been closed.
        var closedOrders = 0
        var isClosed = false
        /// A row arrived after the day was closed: its order count must be recomputed.
        var needsRecount = false
    }

    private(set) var ordinals: [Int] = []
    private(set) var totals: [Totals] = []
    private(set) var sets: [OrderIDSet?] = []
    private var slotOfOrdinal: [Int: Int] = [:]
    private var lastOrdinal = Int.min
    private var lastSlot = 0
    private var lastHash: UInt64 = 0
    private var maxOrdinal = Int.min
    private var firstOrdinal: Int?
    private var openSlots: [Int] = []
    /// Whether sets are released as the file moves on (false in a recount pass).
    let closesDays: Bool

    init(closesDays: Bool = true) {
        self.closesDays = closesDays
    }

    /// Adds one readable row. `orderHash` is nil when the file has no order column.
    @inline(__always)
    mutating func add(ordinal: Int, amount: Double, orderHash: UInt64?) {
        if ordinal != lastOrdinal { switchDay(to: ordinal) }
        totals[lastSlot].revenue.add(amount)
        totals[lastSlot].rows += 1
        if amount < 0 {
            totals[lastSlot].refunds.add(amount)
            totals[lastSlot].refundRows += 1
        }
        guard let orderHash, orderHash != lastHash else { return }
        lastHash = orderHash
        if totals[lastSlot].isClosed {
            totals[lastSlot].needsRecount = true
        } else {
            sets[lastSlot]!.insert(orderHash)
        }
    }

    /// Adds only the order id (recount pass).
    mutating func addOrder(ordinal: Int, orderHash: UInt64) {
        if ordinal != lastOrdinal { switchDay(to: ordinal) }
        sets[lastSlot]!.insert(orderHash)
    }

    /// The distinct orders of slot `slot` known to this table.
    func orderCount(slot: Int) -> Int {
        totals[slot].closedOrders + (sets[slot]?.count ?? 0)
    }

    private mutating func switchDay(to ordinal: Int) {
        lastHash = 0
        lastOrdinal = ordinal
        if let slot = slotOfOrdinal[ordinal] {
            lastSlot = slot
        } else {
            lastSlot = ordinals.count
            slotOfOrdinal[ordinal] = lastSlot
            ordinals.append(ordinal)
            totals.append(Totals())
            sets.append(OrderIDSet())
            openSlots.append(lastSlot)
            if firstOrdinal == nil { firstOrdinal = ordinal }
        }
        if ordinal > maxOrdinal {
            maxOrdinal = ordinal
            if closesDays { closeDays(before: ordinal - 1) }
        }
    }

    /// Releases the id sets of days before `ordinal`, except the chunk's first day, whose ids
    /// may continue in the previous chunk and must be merged with them.
    private mutating func closeDays(before ordinal: Int) {
        var kept: [Int] = []
        for slot in openSlots {
            if ordinals[slot] < ordinal, ordinals[slot] != firstOrdinal {
                totals[slot].closedOrders += sets[slot]?.count ?? 0
                totals[slot].isClosed = true
                sets[slot] = nil
            } else {
                kept.append(slot)
            }
        }
        openSlots = kept
    }
}

/// A sum with Neumaier's running compensation (improved Kahan–Babuška).
struct CompensatedSum: Sendable, Equatable {
    private(set) var sum = 0.0
    private(set) var compensation = 0.0

    @inline(__always)
    mutating func add(_ value: Double) {
        let total = sum + value
        if abs(sum) >= abs(value) {
            compensation += (sum - total) + value
        } else {
            compensation += (value - total) + sum
        }
        sum = total
    }

    /// Adds another compensated sum (its sum and its compensation).
    mutating func add(_ other: CompensatedSum) {
        add(other.sum)
        add(other.compensation)
    }

    var value: Double { sum + compensation }
}
