/// Renders `--help` text: usage, discussion, arguments, then options grouped under headings,
/// each with its default.
enum HelpFormatter {
    static func help(for configuration: CommandConfiguration) -> String {
        var lines = ["OVERVIEW: \(configuration.abstract)", "", "USAGE: forecast \(configuration.name) \(configuration.usage)"]
        if !configuration.discussion.isEmpty {
            lines += ["", configuration.discussion]
        }
        if !configuration.arguments.isEmpty {
            lines += ["", "ARGUMENTS:"]
            let width = configuration.arguments.map(\.name.count).max() ?? 0
            for argument in configuration.arguments {
                lines.append("  " + pad(argument.name, to: width) + "  " + argument.help)
            }
        }
        var groups: [String] = []
        for option in configuration.options where !groups.contains(option.group) {
            groups.append(option.group)
        }
        let help = OptionSpec.flag("help", help: "Show this help and exit.")
        let all = configuration.options + [help]
        let width = all.map { label(for: $0).count }.max() ?? 0
        for group in groups + ["Help"] {
            let members = group == "Help" ? [help] : configuration.options.filter { $0.group == group }
            lines += ["", group.uppercased() + ":"]
            for option in members {
                var text = option.help
                if let value = option.defaultValue { text += " (default: \(value))" }
                if option.repeatable { text += " (repeatable)" }
                lines.append("  " + pad(label(for: option), to: width) + "  " + text)
            }
        }
        return lines.joined(separator: "\n")
    }

    private static func label(for option: OptionSpec) -> String {
        let name = option.name == "help" ? "-h, --help" : "--\(option.name)"
        return option.valueName.map { "\(name) \($0)" } ?? name
    }

    private static func pad(_ text: String, to width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - text.count))
    }
}
