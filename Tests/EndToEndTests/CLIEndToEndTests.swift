import Foundation
import Testing

/// The command line's contract (SPEC.md): help, unknown commands and options, exit codes.
@Suite struct CLIEndToEndTests {
    @Test func rootHelp_ListsEveryCommand_ExitsZero() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let result = try ForecastBinary.run(["--help"], in: directory.url)
        #expect(result.status == 0)
        for command in ["generate", "etl", "train", "tune", "predict", "models", "serve", "plot", "drift"] {
            #expect(result.stdout.contains("  \(command) "), "root help lacks \(command)")
        }
    }

    @Test func unknownCommand_SuggestsClosest_ExitsTwo() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let result = try ForecastBinary.run(["trian"], in: directory.url)
        #expect(result.status == 2)
        #expect(result.stderr.contains("unknown command 'trian'"))
        #expect(result.stderr.contains("did you mean 'train'?"))
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    @Test func unknownOption_SuggestsClosest_ExitsTwo() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let result = try ForecastBinary.run(["train", "--tres", "3"], in: directory.url)
        #expect(result.status == 2)
        #expect(result.stderr.contains("unknown option '--tres'"))
        #expect(result.stderr.contains("did you mean '--trees'?"))
    }

    @Test func everyCommandHasHelp() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        for command in ["generate", "etl", "train", "tune", "predict", "models", "serve", "plot", "drift"] {
            let result = try ForecastBinary.run([command, "--help"], in: directory.url)
            #expect(result.status == 0, "\(command) --help failed")
            #expect(result.stdout.contains("USAGE: forecast \(command)"))
        }
    }
}
