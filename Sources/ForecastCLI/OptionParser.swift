/// Turns a command's arguments into `ParsedOptions` according to its `CommandConfiguration`.
///
/// Accepts `--name value`, `--name=value`, flags, and `--` to end options. Rejects unknown
/// options (suggesting the closest valid one), missing values, values given to flags, and
/// non-repeatable options given twice with different values. `--help`/`-h` is handled by the
/// caller before parsing.
enum OptionParser {
    static func parse(_ arguments: [String], for configuration: CommandConfiguration) throws(CLIError) -> ParsedOptions {
        let specs = Dictionary(uniqueKeysWithValues: configuration.options.map { ($0.name, $0) })
        var values: [String: [String]] = [:]
        var positionals: [String] = []
        var index = 0
        var optionsEnded = false
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if optionsEnded || !argument.hasPrefix("-") || argument == "-" || isNegativeNumber(argument) {
                positionals.append(argument)
                continue
            }
            if argument == "--" {
                optionsEnded = true
                continue
            }
            guard argument.hasPrefix("--") else {
                throw CLIError.usage(
                    "unknown option '\(argument)' for '\(configuration.name)': options are spelled --name"
                        + hint(for: String(argument.dropFirst()), among: specs.keys)
                )
            }
            let body = argument.dropFirst(2)
            let name: String
            var inlineValue: String?
            if let equals = body.firstIndex(of: "=") {
                name = String(body[..<equals])
                inlineValue = String(body[body.index(after: equals)...])
            } else {
                name = String(body)
            }
            guard let spec = specs[name] else {
                throw CLIError.usage(
                    "unknown option '--\(name)' for '\(configuration.name)'" + hint(for: name, among: specs.keys)
                        + "; see 'forecast \(configuration.name) --help'"
                )
            }
            let value: String
            if spec.takesValue {
                if let inlineValue {
                    value = inlineValue
                } else if index < arguments.count, !looksLikeOption(arguments[index]) {
                    value = arguments[index]
                    index += 1
                } else {
                    throw CLIError.usage("--\(name) needs a value: --\(name) \(spec.valueName ?? "VALUE")")
                }
            } else {
                if inlineValue != nil {
                    throw CLIError.usage("--\(name) is a flag and takes no value: write --\(name) alone")
                }
                value = ""
            }
            if let previous = values[name], !spec.repeatable, spec.takesValue, previous.last != value {
                throw CLIError.usage("--\(name) given twice ('\(previous.last ?? "")' and '\(value)'): give it once")
            }
            values[name, default: []].append(value)
        }
        return ParsedOptions(command: configuration.name, values: values, positionals: positionals)
    }

    private static func hint(for name: String, among names: Dictionary<String, OptionSpec>.Keys) -> String {
        guard let guess = Suggestion.closest(to: name, in: names.sorted()) else { return "" }
        return " (did you mean '--\(guess)'?)"
    }

    /// `-5` and `-0.5` are values, not options.
    private static func isNegativeNumber(_ argument: String) -> Bool {
        Double(argument) != nil
    }

    private static func looksLikeOption(_ argument: String) -> Bool {
        argument.hasPrefix("--") || (argument.hasPrefix("-") && argument.count > 1 && !isNegativeNumber(argument))
    }
}
