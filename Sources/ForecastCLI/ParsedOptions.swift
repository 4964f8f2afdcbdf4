/// The options and positional arguments of one command line, with typed, validating accessors.
///
/// Every accessor that converts a value throws `CLIError.usage` naming the option, the value
/// given and what is expected, so commands validate before they do any work.
public struct ParsedOptions: Sendable {
    /// The command these options were parsed for (used in messages).
    public let command: String
    /// Values by option name, in the order given (flags hold an empty string per occurrence).
    let values: [String: [String]]
    /// Arguments that are not options, in order.
    public let positionals: [String]

    public init(command: String, values: [String: [String]], positionals: [String]) {
        self.command = command
        self.values = values
        self.positionals = positionals
    }

    /// Whether a flag (or an option) was given.
    public func flag(_ name: String) -> Bool { values[name] != nil }

    /// The last value given for `name`, or nil.
    public func string(_ name: String) -> String? { values[name]?.last }

    /// Every value given for a repeatable option, in order.
    public func strings(_ name: String) -> [String] { values[name] ?? [] }

    /// A whole number within `range`, or nil when the option is absent.
    public func int(_ name: String, in range: ClosedRange<Int> = Int.min...Int.max) throws(CLIError) -> Int? {
        guard let text = string(name) else { return nil }
        guard let value = Int(text), range.contains(value) else {
            throw CLIError.usage("--\(name) expects a whole number\(describe(range)), got '\(text)'")
        }
        return value
    }

    /// A finite number within `range`, or nil when the option is absent.
    public func double(
        _ name: String, in range: ClosedRange<Double> = -Double.greatestFiniteMagnitude...Double.greatestFiniteMagnitude
    ) throws(CLIError) -> Double? {
        guard let text = string(name) else { return nil }
        guard let value = Double(text), value.isFinite, range.contains(value) else {
            throw CLIError.usage("--\(name) expects a number\(describe(range)), got '\(text)'")
        }
        return value
    }

    /// One of `choices`, or nil when the option is absent.
    public func choice(_ name: String, from choices: [String]) throws(CLIError) -> String? {
        guard let text = string(name) else { return nil }
        guard choices.contains(text) else {
            var message = "--\(name) expects one of \(choices.joined(separator: ", ")), got '\(text)'"
            if let guess = Suggestion.closest(to: text, in: choices) { message += " (did you mean '\(guess)'?)" }
            throw CLIError.usage(message)
        }
        return text
    }

    /// A `YYYY-MM-DD` date, checked for shape and calendar validity; nil when absent.
    public func isoDay(_ name: String) throws(CLIError) -> String? {
        guard let text = string(name) else { return nil }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        let valid = parts.count == 3 && parts[0].count == 4 && parts[1].count == 2 && parts[2].count == 2
            && parts.allSatisfy { $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }
        if valid, let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
           (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day) {
            return text
        }
        throw CLIError.usage("--\(name) expects a date as YYYY-MM-DD, got '\(text)'")
    }

    private func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    private func describe(_ range: ClosedRange<Int>) -> String {
        bounds(low: range.lowerBound == Int.min ? nil : "\(range.lowerBound)",
               high: range.upperBound == Int.max ? nil : "\(range.upperBound)")
    }

    private func describe(_ range: ClosedRange<Double>) -> String {
        let limit = Double.greatestFiniteMagnitude
        return bounds(low: range.lowerBound == -limit ? nil : "\(range.lowerBound)",
                      high: range.upperBound == limit ? nil : "\(range.upperBound)")
    }

    private func bounds(low: String?, high: String?) -> String {
        switch (low, high) {
        case (nil, nil): ""
        case (let low?, nil): " ≥ \(low)"
        case (nil, let high?): " ≤ \(high)"
        case (let low?, let high?): " from \(low) to \(high)"
        }
    }
}
