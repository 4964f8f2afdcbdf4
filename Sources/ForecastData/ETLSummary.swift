/// What `forecast etl` did: printed on stderr, or as one JSON object with `--json` (issue 2).
public struct ETLSummary: Sendable, Equatable {
    public var input: String
    public var output: String
    public var bytes: Int
    /// The delimiter as a display string (`,` `;` `tab`).
    public var delimiter: String
    /// Column names used: date (nil when days were spread), amount (or `quantity × price`), order.
    public var dateColumn: String?
    public var amountColumn: String
    public var orderColumn: String?
    /// Set when the file had no date column: rows were spread over these days.
    public var spreadDays: Int?
    public var rowsRead: Int
    public var rowsUsed: Int
    public var skipped: SkipTally
    /// Calendar days from the first to the last (empty ones included).
    public var days: Int
    public var emptyDays: Int
    public var firstDay: Day
    public var lastDay: Day
    /// Lines written to the features file (days minus the last, which has no label).
    public var rowsWritten: Int
    public var revenueTotal: Double
    public var refundRows: Int
    public var refundTotal: Double
    public var orders: Int
    /// Days whose order ids had to be counted again because the file is not in date order.
    public var recountedDays: Int
}
