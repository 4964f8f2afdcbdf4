/// Per-day accumulators of one pass over (part of) the file: revenue, rows, refunds and the
/// distinct orders.
///
/// Memory stays flat however long the file is (issue 2): besides a few numbers per calendar
/// day, order ids are held only for the days still being counted. A day's id set is released
/// ("closed", only its count kept) once rows two days later arrive, which in a file in date
/// order means the day is over, and every set is released when more than `idBudget` ids are
/// held (a file out of date order). A row for a closed day marks that day for a recount pass
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
    /// Totals per slot; the current day's live in `current` until the day changes (a local
    /// struct is cheaper to update per row than an array element).
    private(set) var totals: [Totals] = []
    private(set) var sets: [OrderIDSet?] = []
    private var slotOfOrdinal: [Int: Int] = [:]
    private var current = Totals()
    private var currentSet: OrderIDSet?
    private var lastOrdinal = Int.min
    private var lastSlot = -1
    private var lastHash: UInt64 = 0
    private var maxOrdinal = Int.min
    private var firstOrdinal: Int?
    private var openSlots: [Int] = []
    /// Distinct orders of the last day released: the next day's set starts that large, so it
    /// rarely has to grow.
    private var expectedOrders = 64
    /// Whether sets are released as the file moves on (false in a recount pass).
    let closesDays: Bool
    /// Ids held at most before every set is released (8–32 bytes each in the sets).
    let idBudget: Int
    private var heldIDs = 0

    init(closesDays: Bool = true, idBudget: Int = ETLOptions.defaultOrderIDBudget) {
        self.closesDays = closesDays
        self.idBudget = idBudget
    }

    /// Adds one readable row. `orderHash` is nil when the file has no order column.
    @inline(__always)
    mutating func add(ordinal: Int, amount: Double, orderHash: UInt64?) {
        if ordinal != lastOrdinal { switchDay(to: ordinal) }
        current.revenue.add(amount)
        current.rows += 1
        if amount < 0 {
            current.refunds.add(amount)
            current.refundRows += 1
        }
        guard let orderHash, orderHash != lastHash else { return }
        lastHash = orderHash
        if current.isClosed {
            current.needsRecount = true
        } else if currentSet!.insert(orderHash) {
            heldIDs += 1
            if heldIDs > idBudget, closesDays { closeAllDays() }
        }
    }

    /// Adds only the order id (recount pass).
    mutating func addOrder(ordinal: Int, orderHash: UInt64) {
        if ordinal != lastOrdinal { switchDay(to: ordinal) }
        currentSet!.insert(orderHash)
    }

    /// Stores the current day back in the arrays: call before reading `totals` and `sets`.
    mutating func flush() {
        guard lastSlot >= 0 else { return }
        totals[lastSlot] = current
        sets[lastSlot] = currentSet
        currentSet = nil
        lastSlot = -1
        lastOrdinal = Int.min
    }

    private mutating func switchDay(to ordinal: Int) {
        flush()
        lastHash = 0
        lastOrdinal = ordinal
        if let slot = slotOfOrdinal[ordinal] {
            lastSlot = slot
        } else {
            lastSlot = ordinals.count
            slotOfOrdinal[ordinal] = lastSlot
            ordinals.append(ordinal)
            totals.append(Totals())
            sets.append(OrderIDSet(capacity: expectedOrders))
            openSlots.append(lastSlot)
            if firstOrdinal == nil { firstOrdinal = ordinal }
        }
        // Move the set out of the array so that inserting never copies it.
        current = totals[lastSlot]
        currentSet = sets[lastSlot]
        sets[lastSlot] = nil
        if ordinal > maxOrdinal {
            maxOrdinal = ordinal
            if closesDays { closeDays(before: ordinal - 1) }
        }
    }

    /// Releases the id sets of days before `ordinal`, except the chunk's first day, whose ids
    /// may continue in the previous chunk and must be merged with them. The current day is
    /// never among them (it is at least `ordinal - 1`… or the first day).
    private mutating func closeDays(before ordinal: Int) {
        var kept: [Int] = []
        for slot in openSlots {
            if slot != lastSlot, ordinals[slot] < ordinal, ordinals[slot] != firstOrdinal {
                let count = sets[slot]?.count ?? 0
                totals[slot].closedOrders += count
                totals[slot].isClosed = true
                sets[slot] = nil
                heldIDs -= count
                expectedOrders = max(64, count + count / 4)
            } else {
                kept.append(slot)
            }
        }
        openSlots = kept
    }

    /// Releases every set, the current day's and the first day's included: the file is not in
    /// date order (or one day has more than `idBudget` orders), and those days are recounted.
    private mutating func closeAllDays() {
        for slot in openSlots where slot != lastSlot {
            totals[slot].closedOrders += sets[slot]?.count ?? 0
            totals[slot].isClosed = true
            sets[slot] = nil
        }
        openSlots = []
        current.closedOrders += currentSet?.count ?? 0
        current.isClosed = true
        currentSet = nil
        heldIDs = 0
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
