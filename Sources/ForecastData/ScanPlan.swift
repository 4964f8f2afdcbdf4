/// What a pass over the file does with each record: fixed before the pass, shared read-only by
/// the threads.
struct ScanPlan: Sendable {
    enum Mode: Sendable {
        /// Count non-blank records only (first pass of a file without a date column).
        case countRows
        /// Aggregate every row.
        case aggregate
        /// Collect the order ids of these days only, and of those only the ids whose hash is
        /// `partition` modulo `partitions` (recount passes for files out of date order; the
        /// partitions keep each pass within the id budget).
        case recountOrders(Set<Int>, partitions: Int, partition: Int)
    }

    var path: String
    var dialect: CSVDialect
    var layout: ColumnLayout
    var monthFirst: Bool
    /// Days for a file without a date column.
    var spread: EvenSpread?
    var mode: Mode
    /// Order ids one pass may hold (`ETLOptions.orderIDBudget`).
    var orderIDBudget: Int = ETLOptions.defaultOrderIDBudget

    /// The columns a pass reads, in slot order: date, amount or quantity and price, order.
    var slots: (date: Int, amount: Int, quantity: Int, price: Int, order: Int) {
        var next = 0
        func take(_ present: Bool) -> Int {
            guard present else { return -1 }
            defer { next += 1 }
            return next
        }
        let date = take(layout.date != nil)
        var amount = -1, quantity = -1, price = -1
        switch layout.amount {
        case .column: amount = take(true)
        case .product: quantity = take(true); price = take(true)
        }
        let order = take(layout.order != nil)
        return (date, amount, quantity, price, order)
    }

    /// For each column of the header, the slot its field is kept in, or -1.
    var slotOfColumn: [Int] {
        var map = [Int](repeating: -1, count: layout.names.count)
        let slots = slots
        if let date = layout.date { map[date] = slots.date }
        switch layout.amount {
        case let .column(column): map[column] = slots.amount
        case let .product(quantity, price):
            map[quantity] = slots.quantity
            map[price] = slots.price
        }
        if let order = layout.order { map[order] = slots.order }
        return map
    }
}

/// What one pass over a byte range of the file found.
struct ChunkResult: Sendable {
    var table: DayTable
    var tally = SkipTally()
    /// Non-blank records (header excluded).
    var rowsRead = 0
    /// `\n` bytes consumed, quoted ones included: the next chunk's lines start this far on.
    var lineBreaks = 0
    /// File offset just after the last record read.
    var endOffset = 0
    /// True when the range's last record ran past the planned split point, so this pass read to
    /// the end of the file and the next chunk's (speculative) result must be discarded.
    var ranToEnd = false
}
