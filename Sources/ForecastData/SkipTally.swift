/// Why a row was skipped (SPEC.md: "skipped and counted by reason, with its line number").
public enum SkipReason: String, CaseIterable, Sendable, Codable {
    case fieldCount = "field_count"
    case unclosedQuote = "unclosed_quote"
    case missingDate = "missing_date"
    case badDate = "bad_date"
    case missingAmount = "missing_amount"
    case badAmount = "bad_amount"
    case missingOrder = "missing_order_id"

    /// Words for the summary line.
    public var phrase: String {
        switch self {
        case .fieldCount: "wrong number of fields"
        case .unclosedQuote: "unclosed quote"
        case .missingDate: "empty date"
        case .badDate: "unreadable date"
        case .missingAmount: "empty amount"
        case .badAmount: "unreadable amount"
        case .missingOrder: "empty order id"
        }
    }
}

/// Skipped rows by reason: how many, and the first one's line and what was wrong with it.
public struct SkipTally: Sendable, Equatable {
    /// One reason's count and first occurrence.
    public struct Entry: Sendable, Equatable {
        public var count: Int
        /// 1-based line number in the file (the header is line 1) where the first such row starts.
        public var firstLine: Int
        /// What the first such row held, e.g. `'31/02/2024'`.
        public var firstDetail: String
    }

    /// Each reason met so far.
    public private(set) var entries: [SkipReason: Entry] = [:]

    /// An empty tally.
    public init() {}

    /// Skipped rows, all reasons together.
    public var total: Int { entries.values.reduce(0) { $0 + $1.count } }

    /// Counts one skipped row. `detail` is built only for the first row of each reason.
    mutating func record(_ reason: SkipReason, line: Int, detail: () -> String) {
        if entries[reason] != nil {
            entries[reason]!.count += 1
        } else {
            entries[reason] = Entry(count: 1, firstLine: line, firstDetail: detail())
        }
    }

    /// Adds a later part of the file whose line numbers are `lineOffset` lines further on.
    mutating func merge(_ later: SkipTally, lineOffset: Int) {
        for (reason, entry) in later.entries {
            if entries[reason] != nil {
                entries[reason]!.count += entry.count
            } else {
                entries[reason] = Entry(count: entry.count, firstLine: entry.firstLine + lineOffset, firstDetail: entry.firstDetail)
            }
        }
    }

    /// Reasons in a stable order (most frequent first, then by first line).
    public var sorted: [(reason: SkipReason, entry: Entry)] {
        entries.map { ($0.key, $0.value) }.sorted {
            $0.entry.count != $1.entry.count ? $0.entry.count > $1.entry.count : $0.entry.firstLine < $1.entry.firstLine
        }
    }

    /// The earliest problem in the file, as `line N: phrase (detail)`.
    public var firstProblem: String? {
        guard let first = entries.min(by: { $0.value.firstLine < $1.value.firstLine }) else { return nil }
        return "line \(first.value.firstLine): \(first.key.phrase) \(first.value.firstDetail)"
    }
}
