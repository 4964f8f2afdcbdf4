import ForecastData
import Foundation
import Synchronization

/// `forecast etl`: aggregate transactions into the daily features table (SPEC.md, issue 2).
enum ETLCommand: Command {
    static let configuration = CommandConfiguration(
        name: "etl",
        abstract: "Aggregate transactions into the daily features table.",
        discussion: """
            Reads a transactions CSV (',' ';' or tab, quoted fields, CRLF, BOM; decimal commas in ';' \
            files) and writes one row per calendar day: date,ca_total,nb_commandes,label, where label \
            is the next day's ca_total. Columns are found by name unless given. Dates: YYYY-MM-DD[ HH:MM[:SS]], \
            ISO 8601 with T and a zone (counted on the day written), YYYYMMDD, YYYY/MM/DD, DD/MM/YYYY \
            (--month-first: MM/DD/YYYY). Without a date \
            column, rows are spread evenly over --days days from --start, as pd.date_range did. Rows that \
            cannot be read are skipped and counted; the output is replaced only if the run succeeds.
            """,
        options: [
            OptionSpec("input", value: "PATH", help: "Transactions CSV.", default: "data/raw/ventes_ecommerce.csv", group: "Files"),
            OptionSpec("output", value: "PATH", help: "Daily features CSV.", default: "data/processed/features_daily.csv", group: "Files"),
            OptionSpec("date-column", value: "NAME", help: "Date or timestamp column.", default: "found by name", group: "Columns"),
            OptionSpec("amount-column", value: "NAME", help: "Line amount column.", default: "found by name", group: "Columns"),
            OptionSpec("quantity-column", value: "NAME", help: "Quantity column: amount = quantity × price.", group: "Columns"),
            OptionSpec("price-column", value: "NAME", help: "Unit price column, with --quantity-column.", group: "Columns"),
            OptionSpec("order-column", value: "NAME", help: "Order id column (nb_commandes counts distinct ids).",
                       default: "found by name, else rows are counted", group: "Columns"),
            OptionSpec("delimiter", value: "C", help: "Field delimiter: one character, or 'tab'.", default: "detected", group: "Format"),
            OptionSpec.flag("month-first", help: "Read slashed dates as MM/DD/YYYY (US exports).", group: "Format"),
            OptionSpec("days", value: "N", help: "Without a date column: spread rows over N days.", default: "30", group: "No date column"),
            OptionSpec("start", value: "YYYY-MM-DD", help: "Without a date column: the first day.", default: "2024-01-01",
                       group: "No date column"),
            OptionSpec("max-bad-fraction", value: "F", help: "Fail (writing nothing) when more rows than this share are unreadable.",
                       default: "0.01", group: "Checks"),
            OptionSpec("jobs", value: "N", help: "Threads reading a large file.", default: "the cores available", group: "Performance"),
            OptionSpec.flag("json", help: "Print the summary as one JSON object on stdout.", group: "Output"),
        ]
    )

    static func run(_ options: ParsedOptions, console: Console) throws -> ExitCode {
        var settings = ETLOptions(
            input: options.string("input") ?? "data/raw/ventes_ecommerce.csv",
            output: options.string("output") ?? "data/processed/features_daily.csv"
        )
        settings.columns = ColumnResolver.Choices(
            date: options.string("date-column"), amount: options.string("amount-column"),
            quantity: options.string("quantity-column"), price: options.string("price-column"),
            order: options.string("order-column")
        )
        // Half a product is a usage error (exit 2), caught before the file is opened.
        switch (options.string("quantity-column"), options.string("price-column")) {
        case (.some, nil): throw CLIError.usage("--quantity-column needs --price-column too: the amount is quantity × unit price")
        case (nil, .some): throw CLIError.usage("--price-column needs --quantity-column too: the amount is quantity × unit price")
        default: break
        }
        if let name = options.string("delimiter") {
            guard let byte = CSVDialect.delimiter(named: name) else {
                throw CLIError.usage("--delimiter expects one character (or 'tab'), got '\(name)'")
            }
            settings.delimiter = byte
        }
        settings.monthFirst = options.flag("month-first")
        settings.spreadDays = try options.int("days", in: 1...100_000) ?? ETLOptions.defaultSpreadDays
        if let start = try options.isoDay("start") { settings.spreadStart = Day(iso: start)! }
        settings.maxBadFraction = try options.double("max-bad-fraction", in: 0...1) ?? ETLOptions.defaultMaxBadFraction
        settings.jobs = try options.int("jobs", in: 1...64) ?? ETLOptions.defaultJobs

        let progress = console.stderrIsTerminal ? ProgressLine(console: console) : nil
        var report: (@Sendable (Int, Int) -> Void)?
        if let progress { report = { done, total in progress.update(done: done, total: total) } }
        let summary = try DailyFeaturesETL.run(settings, progress: report)
        progress?.clear()
        for line in summary.textLines { console.err(line) }
        if options.flag("json") { console.out(summary.json) }
        return .success
    }
}

/// `etl: 123.4 MB of 570.0 MB (21 %)` on stderr, rewritten in place at most 5 times a second.
private final class ProgressLine: Sendable {
    private let console: Console
    private let lastShown = Mutex<Double>(0)
    private let started = Date()

    init(console: Console) {
        self.console = console
    }

    func update(done: Int, total: Int) {
        let now = Date().timeIntervalSince(started)
        // Quiet for the first half second (short runs show nothing), then at most 5 times a second.
        let due = lastShown.withLock { last in
            guard now > 0.5, now - last >= 0.2 else { return false }
            last = now
            return true
        }
        guard due else { return }
        let percent = min(100, done * 100 / max(total, 1))
        console.errRaw("\retl: \(done / 1_000_000) MB of \(total / 1_000_000) MB (\(percent) %)\u{1B}[K")
    }

    func clear() {
        if lastShown.withLock({ $0 }) > 0 { console.errRaw("\r\u{1B}[K") }
    }
}
