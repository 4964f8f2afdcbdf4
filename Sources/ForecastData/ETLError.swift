/// Why `forecast etl` stopped without writing anything. Each description is one line naming the
/// problem and the fix (STYLE.md §4); the CLI prints it as `error: …` and exits 1.
public enum ETLError: Error, Equatable, Sendable, CustomStringConvertible {
    case emptyFile(path: String)
    case notText(path: String)
    case noAmountColumn(path: String, found: [String])
    case unknownColumn(option: String, name: String, found: [String])
    case incompleteProduct(given: String, missing: String)
    case tooManyBadRows(path: String, skipped: Int, read: Int, limit: Double, firstProblem: String)
    case noUsableRows(path: String, read: Int, firstProblem: String?)
    case singleDay(path: String, day: Day)
    case recordTooLong(path: String, line: Int, limitBytes: Int)
    case unreadable(path: String, reason: String)

    /// One line: the problem, then the fix.
    public var description: String {
        switch self {
        case let .emptyFile(path):
            return "\(path) is empty: expected a header line and transactions; regenerate it or check the export"
        case let .notText(path):
            return "\(path) does not look like a CSV text file (found NUL bytes); export it as CSV (UTF-8)"
        case let .noAmountColumn(path, found):
            return "\(path) has no amount column (columns found: \(Self.list(found))); "
                + "name it with --amount-column NAME, or give --quantity-column NAME --price-column NAME"
        case let .unknownColumn(option, name, found):
            return "--\(option) '\(name)' is not a column of the file (columns found: \(Self.list(found))); "
                + "use one of those names"
        case let .incompleteProduct(given, missing):
            return "--\(given) needs --\(missing) too: the amount is quantity × unit price"
        case let .tooManyBadRows(path, skipped, read, limit, firstProblem):
            let percent = (Double(skipped) / Double(max(read, 1)) * 100 * 100).rounded() / 100
            return "\(path): \(skipped) of \(read) rows could not be read (\(percent) %, above --max-bad-fraction "
                + "\(limit)); first: \(firstProblem); fix the file, name the right columns, or raise --max-bad-fraction; nothing written"
        case let .noUsableRows(path, read, firstProblem):
            if read == 0 { return "\(path) has a header but no transaction rows; export some transactions first" }
            return "\(path): none of the \(read) rows could be read (first: \(firstProblem ?? "unknown")); "
                + "check the columns with --date-column/--amount-column; nothing written"
        case let .singleDay(path, day):
            return "\(path) covers one day only (\(day)): the label is the next day's revenue, so at least two days are needed"
        case let .recordTooLong(path, line, limitBytes):
            return "\(path) line \(line): a row longer than \(limitBytes / (1 << 20)) MiB (an unclosed quote?); fix the quoting"
        case let .unreadable(path, reason):
            return "cannot read \(path): \(reason); check the path and its permissions"
        }
    }

    /// The same error with its line number `lines` further on (a part of the file counts its
    /// lines from its own start).
    func movingLine(by lines: Int) -> ETLError {
        guard case let .recordTooLong(path, line, limitBytes) = self else { return self }
        return .recordTooLong(path: path, line: line + lines, limitBytes: limitBytes)
    }

    private static func list(_ names: [String]) -> String {
        names.isEmpty ? "none" : names.map { "'\(ShownText.escaped($0))'" }.joined(separator: ", ")
    }
}
