/// The byte ranges of the (at most five) fields a pass needs from the current record.
struct FieldSlots {
    private var starts = InlineArray<5, Int>(repeating: 0)
    private var ends = InlineArray<5, Int>(repeating: -1)
    private var escapedMask: UInt8 = 0

    @inline(__always)
    mutating func reset() {
        escapedMask = 0
    }

    @inline(__always)
    mutating func set(_ slot: Int, start: Int, end: Int, escaped: Bool) {
        starts[slot] = start
        ends[slot] = end
        if escaped { escapedMask |= 1 << slot }
    }

    @inline(__always)
    func bytes(_ slot: Int, in buffer: UnsafeMutablePointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: buffer + starts[slot], count: ends[slot] - starts[slot])
    }

    /// Whether the field held `""` (a quote) and must be unescaped before use.
    @inline(__always)
    func isEscaped(_ slot: Int) -> Bool { escapedMask & (1 << slot) != 0 }
}

/// Turns one record's fields into a day, an amount and an order id, and adds them to the day
/// table, or counts the row as skipped with its reason (SPEC.md).
struct RecordProcessor {
    // The plan's settings, copied into plain stored values: the per-row path then touches no
    // reference-counted storage (no retain/release per row).
    private let slots: (date: Int, amount: Int, quantity: Int, price: Int, order: Int)
    private let firstRecordIndex: Int
    private let spread: EvenSpread?
    private let decimalComma: Bool
    private let monthFirst: Bool
    private let recountDays: Set<Int>
    private let isRecount: Bool
    private let partitions: UInt64
    private let partition: UInt64
    private let countOnly: Bool
    private var table: DayTable
    private var tally = SkipTally()
    private var rowsRead = 0
    /// The last date prefix (`YYYY-MM-DD`, 10 bytes) parsed and its day: rows in date order
    /// repeat it, and comparing 10 bytes is cheaper than parsing them.
    private var cachedPrefixHigh: UInt64 = 0
    private var cachedPrefixLow: UInt16 = 0
    private var cachedOrdinal = Int.min

    init(plan: ScanPlan, firstRecordIndex: Int) {
        slots = plan.slots
        spread = plan.spread
        decimalComma = plan.dialect.decimalComma
        monthFirst = plan.monthFirst
        self.firstRecordIndex = firstRecordIndex
        switch plan.mode {
        case .countRows:
            countOnly = true
            isRecount = false
            recountDays = []
            (partitions, partition) = (1, 0)
            table = DayTable()
        case .aggregate:
            countOnly = false
            isRecount = false
            recountDays = []
            (partitions, partition) = (1, 0)
            table = DayTable(idBudget: plan.orderIDBudget)
        case let .recountOrders(days, partitions, partition):
            countOnly = false
            isRecount = true
            recountDays = days
            (self.partitions, self.partition) = (UInt64(partitions), UInt64(partition))
            table = DayTable(closesDays: false)
        }
    }

    /// The current record's needed fields, set by the scanner before `process`.
    var fields = FieldSlots()

    mutating func process(buffer: UnsafeMutablePointer<UInt8>, columns: Int, expectedColumns: Int, unclosed: Bool, line: Int) {
        let index = firstRecordIndex + rowsRead
        rowsRead += 1
        if countOnly { return }
        if unclosed {
            return skip(.unclosedQuote, line) { "(a quoted field runs to the end of the file)" }
        }
        if columns != expectedColumns {
            return skip(.fieldCount, line) { "(\(columns) fields, the header has \(expectedColumns))" }
        }
        let ordinal: Int
        if let spread {
            ordinal = spread.day(of: index).ordinal
        } else {
            let text = FieldParsers.trimmed(fields.bytes(slots.date, in: buffer))
            if text.isEmpty { return skip(.missingDate, line) { "" } }
            guard let day = day(text) else { return skip(.badDate, line) { Self.quote(text) } }
            ordinal = day
        }
        var orderHash: UInt64?
        if slots.order >= 0 {
            let text = FieldParsers.trimmed(fields.bytes(slots.order, in: buffer))
            if text.isEmpty { return skip(.missingOrder, line) { "" } }
            orderHash = fields.isEscaped(slots.order)
                ? Self.unescaped(text).withUnsafeBufferPointer(OrderIDHash.hash) : OrderIDHash.hash(text)
        }
        let amount: Double
        if slots.amount >= 0 {
            let text = fields.bytes(slots.amount, in: buffer)
            guard let value = FieldParsers.decimal(text, decimalComma: decimalComma) else {
                return FieldParsers.trimmed(text).isEmpty
                    ? skip(.missingAmount, line) { "" } : skip(.badAmount, line) { Self.quote(text) }
            }
            amount = value
        } else {
            let quantityText = fields.bytes(slots.quantity, in: buffer)
            let priceText = fields.bytes(slots.price, in: buffer)
            if FieldParsers.trimmed(quantityText).isEmpty || FieldParsers.trimmed(priceText).isEmpty {
                return skip(.missingAmount, line) { "(quantity or unit price)" }
            }
            guard let quantity = FieldParsers.decimal(quantityText, decimalComma: decimalComma),
                  let price = FieldParsers.decimal(priceText, decimalComma: decimalComma)
            else { return skip(.badAmount, line) { Self.quote(quantityText) + " × " + Self.quote(priceText) } }
            amount = quantity * price
        }
        // A recount counts the ids of used rows only: after the amount's checks, or a row
        // skipped for its amount would add an order (found by scripts/fuzz.sh, csv_etl).
        if isRecount {
            if let orderHash, orderHash % partitions == partition, recountDays.contains(ordinal) {
                table.addOrder(ordinal: ordinal, orderHash: orderHash)
            }
            return
        }
        table.add(ordinal: ordinal, amount: amount, orderHash: orderHash)
    }

    /// The day ordinal of a trimmed date field, reusing the previous row's when the date part
    /// is the same bytes.
    @inline(__always)
    private mutating func day(_ text: UnsafeBufferPointer<UInt8>) -> Int? {
        if text.count >= 10, text[4] == UInt8(ascii: "-") {
            let raw = UnsafeRawBufferPointer(text)
            let high = raw.loadUnaligned(fromByteOffset: 0, as: UInt64.self)
            let low = raw.loadUnaligned(fromByteOffset: 8, as: UInt16.self)
            if high == cachedPrefixHigh, low == cachedPrefixLow, cachedOrdinal != Int.min {
                let time = UnsafeBufferPointer(rebasing: text[10...])
                if time.count == 9 { return FieldParsers.isPlainTime(time) ? cachedOrdinal : nil }
                return FieldParsers.isTimeOfDay(time) ? cachedOrdinal : nil
            }
            guard let day = FieldParsers.day(text, monthFirst: monthFirst) else { return nil }
            cachedPrefixHigh = high
            cachedPrefixLow = low
            cachedOrdinal = day.ordinal
            return day.ordinal
        }
        return FieldParsers.day(text, monthFirst: monthFirst)?.ordinal
    }

    private mutating func skip(_ reason: SkipReason, _ line: Int, _ detail: () -> String) {
        tally.record(reason, line: line, detail: detail)
    }

    mutating func finish() -> ChunkResult {
        table.flush()
        var result = ChunkResult(table: table)
        result.tally = tally
        result.rowsRead = rowsRead
        return result
    }

    /// `'text'`, cut to 40 bytes, for messages.
    static func quote(_ text: UnsafeBufferPointer<UInt8>) -> String {
        let shown = String(decoding: UnsafeBufferPointer(rebasing: text.prefix(40)), as: UTF8.self)
        return "'" + ShownText.escaped(shown) + (text.count > 40 ? "…'" : "'")
    }

    /// A quoted field's content with each `""` turned back into `"`.
    static func unescaped(_ text: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(text.count)
        var index = 0
        while index < text.count {
            result.append(text[index])
            index += text[index] == UInt8(ascii: "\"") && index + 1 < text.count && text[index + 1] == UInt8(ascii: "\"") ? 2 : 1
        }
        return result
    }
}
