/// `--explanations` of `plot` and `accuracy`: both write index.html, so both draw the
/// contributions chart from the explanations log `forecast serve` writes.
enum ExplanationsOption {
    static let defaultPath = "data/explanations_log.csv"

    static let spec = OptionSpec("explanations", value: "PATH",
                                 help: "Explanations log of 'forecast serve', for the mean contribution per feature (left out when absent).",
                                 default: defaultPath, group: "Input")

    static func value(_ options: ParsedOptions) -> String {
        options.string("explanations") ?? defaultPath
    }
}
