/// Everything `forecast etl` can be told (SPEC.md), with SPEC.md's defaults.
public struct ETLOptions: Sendable {
    public var input: String
    public var output: String
    public var columns: ColumnResolver.Choices
    /// Forced delimiter byte; nil: detected.
    public var delimiter: UInt8?
    /// Without a date column: the number of artificial days (SPEC.md default 30) and the first.
    public var spreadDays: Int
    public var spreadStart: Day
    /// Read slashed dates as `MM/DD/YYYY` (US exports) instead of `DD/MM/YYYY`.
    public var monthFirst: Bool
    /// Above this share of skipped rows the run fails and writes nothing (SPEC.md default 0.01).
    public var maxBadFraction: Double
    /// Threads parsing parts of the file at once.
    public var jobs: Int
    /// With several jobs, the file is read in parts of about this many bytes, taken by the
    /// threads as they come free.
    public var minimumChunkBytes: Int
    /// Order-id hashes held at most (shared by the threads); beyond, days are recounted in
    /// extra passes. 600,000 ids take 5–20 MB. Only files out of date order come near it.
    public var orderIDBudget: Int

    /// SPEC.md defaults: 30 artificial days from 2024-01-01, 1 % bad rows; parts of 16 MiB or more.
    public static let defaultSpreadDays = 30
    public static let defaultSpreadStart = Day(year: 2024, month: 1, day: 1)!
    public static let defaultMaxBadFraction = 0.01
    public static let defaultMinimumChunkBytes = 16 << 20
    public static let defaultOrderIDBudget = 600_000

    /// Options for reading `input` and writing `output`, SPEC.md defaults for the rest.
    public init(
        input: String,
        output: String,
        columns: ColumnResolver.Choices = .init(),
        delimiter: UInt8? = nil,
        spreadDays: Int = ETLOptions.defaultSpreadDays,
        spreadStart: Day = ETLOptions.defaultSpreadStart,
        monthFirst: Bool = false,
        maxBadFraction: Double = ETLOptions.defaultMaxBadFraction,
        jobs: Int = 2,
        minimumChunkBytes: Int = ETLOptions.defaultMinimumChunkBytes,
        orderIDBudget: Int = ETLOptions.defaultOrderIDBudget
    ) {
        self.input = input
        self.output = output
        self.columns = columns
        self.delimiter = delimiter
        self.spreadDays = spreadDays
        self.spreadStart = spreadStart
        self.monthFirst = monthFirst
        self.maxBadFraction = maxBadFraction
        self.jobs = jobs
        self.minimumChunkBytes = minimumChunkBytes
        self.orderIDBudget = orderIDBudget
    }
}
