import Testing
@testable import ForecastCLI

@Suite struct OptionParserTests {
    static let configuration = CommandConfiguration(
        name: "demo",
        abstract: "A demo command.",
        options: [
            OptionSpec("input", value: "PATH", help: "Input file.", default: "in.csv"),
            OptionSpec("trees", value: "N", help: "Trees."),
            OptionSpec("log", value: "PATH", help: "Logs.", repeatable: true),
            OptionSpec.flag("json", help: "JSON output."),
        ]
    )

    @Test func spaceAndEqualsForms_BothGiveTheValue() throws {
        let spaced = try OptionParser.parse(["--input", "a.csv"], for: Self.configuration)
        let joined = try OptionParser.parse(["--input=a.csv"], for: Self.configuration)
        #expect(spaced.string("input") == "a.csv")
        #expect(joined.string("input") == "a.csv")
    }

    @Test func equalsForm_KeepsLaterEqualsSigns() throws {
        let parsed = try OptionParser.parse(["--input=a=b.csv"], for: Self.configuration)
        #expect(parsed.string("input") == "a=b.csv")
    }

    @Test func flags_AreTrueOnlyWhenGiven() throws {
        let with = try OptionParser.parse(["--json"], for: Self.configuration)
        let without = try OptionParser.parse([], for: Self.configuration)
        #expect(with.flag("json"))
        #expect(!without.flag("json"))
    }

    @Test func flagWithValue_IsAUsageError() {
        #expect(throws: CLIError.usage("--json is a flag and takes no value: write --json alone")) {
            try OptionParser.parse(["--json=yes"], for: Self.configuration)
        }
    }

    @Test func missingValue_IsAUsageErrorThatShowsTheForm() {
        #expect(throws: CLIError.usage("--input needs a value: --input PATH")) {
            try OptionParser.parse(["--input"], for: Self.configuration)
        }
        #expect(throws: CLIError.usage("--input needs a value: --input PATH")) {
            try OptionParser.parse(["--input", "--json"], for: Self.configuration)
        }
    }

    @Test func negativeNumbers_AreValuesNotOptions() throws {
        let parsed = try OptionParser.parse(["--trees", "-5", "-1.5"], for: Self.configuration)
        #expect(parsed.string("trees") == "-5")
        #expect(parsed.positionals == ["-1.5"])
    }

    @Test func unknownOption_SuggestsTheClosest() {
        do {
            _ = try OptionParser.parse(["--inptu", "x"], for: Self.configuration)
            Issue.record("expected an error")
        } catch {
            #expect(error.exitCode == .usage)
            #expect(error.description.contains("unknown option '--inptu'"))
            #expect(error.description.contains("did you mean '--input'?"))
        }
    }

    @Test func singleDashOption_IsRejectedWithTheLongForm() {
        do {
            _ = try OptionParser.parse(["-input"], for: Self.configuration)
            Issue.record("expected an error")
        } catch {
            #expect(error.description.contains("options are spelled --name"))
            #expect(error.description.contains("--input"))
        }
    }

    @Test func repeatableOption_CollectsEveryValueInOrder() throws {
        let parsed = try OptionParser.parse(["--log", "a", "--log=b", "--log", "c"], for: Self.configuration)
        #expect(parsed.strings("log") == ["a", "b", "c"])
    }

    @Test func nonRepeatableOptionTwiceWithDifferentValues_IsRejected() {
        #expect(throws: CLIError.self) {
            try OptionParser.parse(["--input", "a", "--input", "b"], for: Self.configuration)
        }
    }

    @Test func doubleDash_EndsOptions() throws {
        let parsed = try OptionParser.parse(["--", "--json"], for: Self.configuration)
        #expect(!parsed.flag("json"))
        #expect(parsed.positionals == ["--json"])
    }
}
