/// `--log` of `plot`, `drift` and `accuracy`: one or more prediction logs (one per server
/// replica), as paths or shell-style patterns. Bare arguments are logs too, so an unquoted
/// pattern that the shell expanded (`--log logs/a.csv logs/b.csv`) still reads every file.
enum LogOption {
    static let defaultPath = "data/predictions_log.csv"

    static let spec = OptionSpec("log", value: "PATH", help: "Prediction log or pattern; repeat it for several.",
                                 default: defaultPath, group: "Input", repeatable: true)

    static let argument = ArgumentSpec("LOG...", help: "More prediction logs (what an unquoted --log pattern expands to).")

    static let usage = "[options] [LOG...]"

    /// The logs to read: every `--log` value and bare argument, else the default log.
    static func values(_ options: ParsedOptions) -> [String] {
        let given = options.strings("log") + options.positionals
        return given.isEmpty ? [defaultPath] : given
    }
}
