import ForecastData

/// `forecast generate`: write seeded synthetic e-commerce transactions (SPEC.md).
enum GenerateCommand: Command {
    static let configuration = CommandConfiguration(
        name: "generate",
        abstract: "Write seeded synthetic e-commerce transactions.",
        discussion: """
            Writes order_id,timestamp,customer_id,category,quantity,unit_price,amount lines in time \
            order: a trend, weekly and yearly seasonality, Black Friday, Christmas and sales peaks, \
            flash promotions, refunds (negative amounts) and noise. The same options give the same bytes. \
            --rows N scales the daily volume so the file holds exactly N lines (continuing past --days \
            if needed): use it for benchmark files of millions of rows. --shape picks a plainer demand \
            pattern for judging forecasters: stable (a constant level), weekly (the weekly profile only), \
            level-shift (weekly, and the level doubles halfway) or growth (weekly, +100 % a year).
            """,
        options: [
            OptionSpec("output", value: "PATH", help: "Where to write the CSV.", default: "data/raw/ventes_ecommerce.csv"),
            OptionSpec("days", value: "N", help: "Number of days to generate.", default: "730"),
            OptionSpec("start", value: "YYYY-MM-DD", help: "First day.", default: "2024-01-01"),
            OptionSpec("seed", value: "N", help: "Random seed: the same seed gives the same bytes.", default: "42"),
            OptionSpec("rows", value: "N", help: "Write exactly N lines, scaling the daily volume (benchmarks)."),
            OptionSpec("shape", value: "NAME", help: "Demand pattern: calendar, stable, weekly, level-shift or growth.",
                       default: "calendar"),
        ]
    )

    static func run(_ options: ParsedOptions, console: Console) throws -> ExitCode {
        let output = options.string("output") ?? "data/raw/ventes_ecommerce.csv"
        let days = try options.int("days", in: 1...100_000) ?? 730
        let start = Day(iso: try options.isoDay("start") ?? "2024-01-01")!
        let seed = try options.int("seed", in: 0...Int.max) ?? 42
        let rows = try options.int("rows", in: 1...1_000_000_000)
        let shape = try options.choice("shape", from: DemandShape.allCases.map(\.rawValue)).flatMap(DemandShape.init) ?? .calendar
        let summary = try TransactionGenerator.write(
            .init(start: start, days: days, seed: UInt64(seed), rows: rows, shape: shape), to: output
        )
        console.err(
            "generate: wrote \(summary.rows) lines (\(summary.orders) orders, \(summary.refunds) refunds) "
                + "from \(summary.firstDay) to \(summary.lastDay) to \(output)"
        )
        return .success
    }
}
