/// One `--name [VALUE]` option of a command, as shown in `--help` and accepted by the parser.
public struct OptionSpec: Sendable {
    /// The long name without dashes, e.g. `input`.
    public let name: String
    /// Placeholder for the value (`PATH`, `N`); nil for a flag that takes no value.
    public let valueName: String?
    /// One line of help.
    public let help: String
    /// The default, shown in help as `(default: …)`; nil when there is none to show.
    public let defaultValue: String?
    /// Heading the option is listed under in `--help`.
    public let group: String
    /// Whether the option may be given several times (values are collected in order).
    public let repeatable: Bool

    public init(
        _ name: String,
        value valueName: String? = nil,
        help: String,
        default defaultValue: String? = nil,
        group: String = "Options",
        repeatable: Bool = false
    ) {
        self.name = name
        self.valueName = valueName
        self.help = help
        self.defaultValue = defaultValue
        self.group = group
        self.repeatable = repeatable
    }

    /// A flag: present or absent, no value.
    public static func flag(_ name: String, help: String, group: String = "Options") -> OptionSpec {
        OptionSpec(name, value: nil, help: help, group: group)
    }

    public var takesValue: Bool { valueName != nil }
}

/// A positional argument, listed in `--help` under "Arguments".
public struct ArgumentSpec: Sendable {
    public let name: String
    public let help: String

    public init(_ name: String, help: String) {
        self.name = name
        self.help = help
    }
}

/// What a command shows in `--help` and what its parser accepts.
public struct CommandConfiguration: Sendable {
    public let name: String
    /// One line, shown in the root help's command list.
    public let abstract: String
    /// Optional paragraphs shown after the usage line.
    public let discussion: String
    /// Usage after `forecast NAME`, e.g. `[options]` or `list | show [VERSION]`.
    public let usage: String
    public let arguments: [ArgumentSpec]
    public let options: [OptionSpec]

    public init(
        name: String,
        abstract: String,
        discussion: String = "",
        usage: String = "[options]",
        arguments: [ArgumentSpec] = [],
        options: [OptionSpec]
    ) {
        self.name = name
        self.abstract = abstract
        self.discussion = discussion
        self.usage = usage
        self.arguments = arguments
        self.options = options
    }
}
