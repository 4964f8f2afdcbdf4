import Foundation
import ModelRegistry

/// `forecast models list | show [VERSION] | use VERSION | rollback`: the model registry.
enum ModelsCommand: Command {
    static let verbs = ["list", "show", "use", "rollback"]

    static let configuration = CommandConfiguration(
        name: "models",
        abstract: "List, show, select or roll back model versions.",
        discussion: """
            Versions are immutable files in DIR/versions; DIR/CURRENT names the current one (first \
            line) and the ones that were current before it. VERSION may be a full name or its number \
            (3, v3, v0003).
            """,
        usage: "list | show [VERSION] | use VERSION | rollback [options]",
        arguments: [
            ArgumentSpec("list", help: "Every version, oldest first, with its test metrics; * marks the current one."),
            ArgumentSpec("show [VERSION]", help: "Details of a version (default: the current one)."),
            ArgumentSpec("use VERSION", help: "Make VERSION current (the previous one is kept for rollback)."),
            ArgumentSpec("rollback", help: "Go back to the version that was current before."),
        ],
        options: [
            OptionSpec("models-dir", value: "DIR", help: "Model registry folder.", default: "models"),
            OptionSpec.flag("json", help: "Print JSON on stdout (list, show)."),
        ]
    )

    static func run(_ options: ParsedOptions, console: Console) throws -> ExitCode {
        let store = ModelStore(directory: options.string("models-dir") ?? "models")
        guard let verb = options.positionals.first else {
            throw CLIError.usage("'forecast models' needs a verb: \(verbs.joined(separator: ", "))")
        }
        let arguments = Array(options.positionals.dropFirst())
        switch verb {
        case "list":
            try expect(arguments, count: 0, verb: verb)
            try ModelsListing.list(store: store, json: options.flag("json"), console: console)
        case "show":
            guard arguments.count <= 1 else { throw CLIError.usage("'forecast models show' takes at most one VERSION") }
            try ModelsListing.show(store: store, name: arguments.first, json: options.flag("json"), console: console)
        case "use":
            try expect(arguments, count: 1, verb: verb)
            let version = try store.resolve(arguments[0])
            try store.use(version: version)
            console.out("current model: \(version)")
        case "rollback":
            try expect(arguments, count: 0, verb: verb)
            let (from, to) = try store.rollback()
            console.out("current model: \(to) (was \(from))")
        default:
            var message = "unknown verb '\(verb)' for 'forecast models'"
            if let guess = Suggestion.closest(to: verb, in: verbs) { message += " (did you mean '\(guess)'?)" }
            throw CLIError.usage(message + "; expected one of \(verbs.joined(separator: ", "))")
        }
        return .success
    }

    private static func expect(_ arguments: [String], count: Int, verb: String) throws {
        guard arguments.count == count else {
            let what = count == 0 ? "no arguments" : "exactly one VERSION"
            throw CLIError.usage("'forecast models \(verb)' takes \(what), got \(arguments.count)")
        }
    }
}
