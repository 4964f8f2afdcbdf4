/// Writes seeded synthetic e-commerce transactions (`forecast generate`).
///
/// One line per order line: `order_id,timestamp,customer_id,category,quantity,unit_price,amount`,
/// in time order. Orders follow `ShopCalendar` (trend, weekly and yearly shape, holiday peaks),
/// plus random flash promotions and day-to-day noise; about 4 % of orders are partly refunded
/// 1–20 days later (a line with the same order id, negative quantity and amount). Every draw
/// comes from `SplitMix64`, so the same options give the same bytes.
public struct TransactionGenerator {
    /// What to generate.
    public struct Options: Sendable {
        public var start: Day
        public var days: Int
        public var seed: UInt64
        /// When set, volume is scaled so the file holds exactly this many data lines (the run
        /// goes past `days` if needed): for benchmarks.
        public var rows: Int?
        /// The demand pattern (default: the full calendar of `ShopCalendar`).
        public var shape: DemandShape

        /// `days` days from `start` drawn from `seed`; `rows` fixes the line count instead.
        public init(start: Day, days: Int, seed: UInt64, rows: Int? = nil, shape: DemandShape = .calendar) {
            self.start = start
            self.days = days
            self.seed = seed
            self.rows = rows
            self.shape = shape
        }
    }

    /// What was written.
    public struct Summary: Sendable, Equatable {
        public var rows: Int
        public var orders: Int
        public var refunds: Int
        public var firstDay: Day
        public var lastDay: Day
    }

    /// The CSV header line (without its line end).
    public static let header = "order_id,timestamp,customer_id,category,quantity,unit_price,amount"
    /// Probability that an order has one more line (geometric: mean 1/(1-p) ≈ 1.54 lines).
    static let moreLinesProbability = 0.35
    static let maxLinesPerOrder = 6
    static let refundProbability = 0.04
    static let flashPromoProbability = 0.03
    /// Orders per hour of the day, relative: a lunch bump and an evening peak.
    static let hourly: [Double] = [
        0.6, 0.35, 0.2, 0.12, 0.1, 0.15, 0.35, 0.8, 1.3, 1.6, 1.7, 1.9,
        2.3, 2.2, 1.8, 1.7, 1.7, 1.9, 2.3, 2.8, 3.1, 2.9, 2.1, 1.2,
    ]

    private var random: SplitMix64
    private let catalogue: Catalogue
    private let options: Options

    init(options: Options) {
        self.options = options
        random = SplitMix64(seed: options.seed)
        catalogue = Catalogue(random: &random)
    }

    /// Generates the whole file to `path`, atomically.
    public static func write(_ options: Options, to path: String) throws(FileError) -> Summary {
        var generator = TransactionGenerator(options: options)
        let stream = try AtomicFileStream(path: path)
        let summary = try generator.run(into: stream)
        try stream.commit()
        return summary
    }

    private mutating func run(into stream: AtomicFileStream) throws(FileError) -> Summary {
        try stream.append(Self.header + "\n")
        let scale = volumeScale()
        var writer = LineWriter()
        var pending = PendingRefunds()
        var rows = 0, orders = 0, refunds = 0, nextOrder = 1
        var dayIndex = 0
        let hourlyTotal = Self.hourly.reduce(0, +)
        while true {
            if let target = options.rows { if rows >= target { break } } else if dayIndex >= options.days { break }
            let day = options.start.adding(days: dayIndex)
            var lambda = options.shape.expectedOrders(on: day, dayIndex: dayIndex, days: options.days) * scale
            if random.nextUnit() < Self.flashPromoProbability { lambda *= 1.5 }
            lambda *= max(0.5, 1 + 0.08 * random.nextNormal())
            let count = max(0, Int((lambda + lambda.squareRoot() * random.nextNormal()).rounded()))
            var events: [Event] = []
            events.reserveCapacity(count + 8)
            for sequence in 0..<count {
                let hour = random.nextIndex(weights: Self.hourly, total: hourlyTotal)
                events.append(Event(second: hour * 3600 + random.nextInt(below: 3600), sequence: sequence, refund: nil))
            }
            for refund in pending.take(dayIndex: dayIndex) {
                events.append(Event(second: random.nextInt(below: 86400), sequence: count + events.count, refund: refund))
            }
            events.sort { ($0.second, $0.sequence) < ($1.second, $1.sequence) }
            let date = day.iso
            for event in events {
                if let target = options.rows, rows >= target { break }
                if let refund = event.refund {
                    writer.line(order: refund.order, date: date, second: event.second, customer: refund.customer,
                                category: refund.category, quantity: -refund.quantity, unitCents: refund.unitCents)
                    rows += 1
                    refunds += 1
                } else {
                    let order = nextOrder
                    nextOrder += 1
                    orders += 1
                    let customer = 1 + random.nextInt(below: 3000 + 40 * dayIndex)
                    var lines = 1
                    while lines < Self.maxLinesPerOrder, random.nextUnit() < Self.moreLinesProbability { lines += 1 }
                    for _ in 0..<lines {
                        if let target = options.rows, rows >= target { break }
                        let item = catalogue.draw(&random)
                        let quantity = Self.quantity(&random)
                        writer.line(order: order, date: date, second: event.second, customer: customer,
                                    category: item.category, quantity: quantity, unitCents: item.cents)
                        rows += 1
                        if random.nextUnit() < Self.refundProbability {
                            pending.add(Refund(order: order, customer: customer, category: item.category,
                                               quantity: 1 + random.nextInt(below: quantity), unitCents: item.cents),
                                        dayIndex: dayIndex + 1 + random.nextInt(below: 20))
                        }
                    }
                }
                if writer.bytes.count >= 1 << 20 {
                    try stream.append(writer.bytes)
                    writer.bytes.removeAll(keepingCapacity: true)
                }
            }
            dayIndex += 1
        }
        try stream.append(writer.bytes)
        let lastDay = options.start.adding(days: max(0, dayIndex - 1))
        return Summary(rows: rows, orders: orders, refunds: refunds, firstDay: options.start, lastDay: lastDay)
    }

    /// The factor on daily volume that makes `--rows` lines fit in `--days` days (1 without it).
    private func volumeScale() -> Double {
        guard let rows = options.rows else { return 1 }
        var expectedOrders = 0.0
        for index in 0..<max(1, options.days) {
            expectedOrders += options.shape.expectedOrders(on: options.start.adding(days: index), dayIndex: index, days: options.days)
        }
        let linesPerOrder = 1 / (1 - Self.moreLinesProbability)
        return max(1e-6, Double(rows) / (expectedOrders * linesPerOrder))
    }

    /// 1 most of the time, up to 5.
    private static func quantity(_ random: inout SplitMix64) -> Int {
        let u = random.nextUnit()
        return u < 0.72 ? 1 : u < 0.9 ? 2 : u < 0.97 ? 3 : 4 + random.nextInt(below: 2)
    }

    private struct Event {
        var second: Int
        var sequence: Int
        var refund: Refund?
    }
}
