import Testing
@testable import ForecastCLI

@Suite struct ParsedOptionsTests {
    private func options(_ values: [String: String]) -> ParsedOptions {
        ParsedOptions(command: "demo", values: values.mapValues { [$0] }, positionals: [])
    }

    @Test func int_AcceptsInRangeAndRejectsOthersNamingTheRange() throws {
        #expect(try options(["trees": "200"]).int("trees", in: 1...10_000) == 200)
        #expect(try options([:]).int("trees", in: 1...10_000) == nil)
        #expect(throws: CLIError.usage("--trees expects a whole number from 1 to 10000, got '0'")) {
            try options(["trees": "0"]).int("trees", in: 1...10_000)
        }
        #expect(throws: CLIError.usage("--trees expects a whole number ≥ 1, got 'many'")) {
            try options(["trees": "many"]).int("trees", in: 1...Int.max)
        }
    }

    @Test func double_RejectsNonFiniteAndOutOfRange() throws {
        #expect(try options(["f": "0.25"]).double("f", in: 0...1) == 0.25)
        #expect(throws: CLIError.self) { try options(["f": "nan"]).double("f") }
        #expect(throws: CLIError.self) { try options(["f": "inf"]).double("f") }
        #expect(throws: CLIError.self) { try options(["f": "1.5"]).double("f", in: 0...1) }
    }

    @Test func choice_SuggestsTheClosestChoice() {
        do {
            _ = try options(["mode": "alwys"]).choice("mode", from: ["always", "batch", "never"])
            Issue.record("expected an error")
        } catch {
            #expect(error.description.contains("did you mean 'always'?"))
        }
    }

    @Test func isoDay_ChecksShapeAndCalendar() throws {
        #expect(try options(["start": "2024-02-29"]).isoDay("start") == "2024-02-29")
        #expect(throws: CLIError.self) { try options(["start": "2023-02-29"]).isoDay("start") }
        #expect(throws: CLIError.self) { try options(["start": "2024-1-01"]).isoDay("start") }
        #expect(throws: CLIError.self) { try options(["start": "01/02/2024"]).isoDay("start") }
    }
}
