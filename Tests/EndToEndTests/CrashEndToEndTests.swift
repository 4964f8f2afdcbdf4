import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// SIGKILL in the middle of `train` and `etl`, and two `train` runs at once: the registry and
/// the features file are always whole (the previous version current, no half file).
@Suite struct CrashEndToEndTests {
    /// Starts `forecast arguments…` in `directory`, kills it with SIGKILL after `delay` seconds
    /// (if it still runs); whether it was killed before finishing.
    static func killed(_ arguments: [String], in directory: URL, after delay: Double) throws -> Bool {
        let process = Process()
        process.executableURL = ForecastBinary.url
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        usleep(UInt32(delay * 1_000_000))
        let wasRunning = process.isRunning
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        return wasRunning && process.terminationReason == .uncaughtSignal
    }

    /// Files in `folder` (hidden ones included).
    static func entries(_ directory: TemporaryDirectory, _ folder: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.url.appendingPathComponent(folder).path).sorted()
    }

    @Test func sigkillDuringTrainLeavesThePreviousVersionCurrentAndNoHalfFile() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        for arguments in [["generate", "--days", "400"], ["etl"], ["train", "--trees", "5"]] {
            #expect(try ForecastBinary.run(arguments, in: directory.url).status == 0)
        }
        let first = try directory.read("models/CURRENT")
        var kills = 0
        // Killed at moments spread over the run (fitting, encoding, writing, registering).
        for delay in [0.05, 0.2, 0.45, 0.8] {
            let wasKilled = try CrashEndToEndTests.killed(["train", "--trees", "100", "--jobs", "1"], in: directory.url, after: delay)
            if wasKilled { kills += 1 }
            let current = try directory.read("models/CURRENT")
            // Either the run was killed before registering (the old CURRENT, byte for byte) or
            // it registered whole: its version is current and the previous one kept below it.
            #expect(current == first || current.hasSuffix(first), "CURRENT: \(current)")
            let listed = try ForecastBinary.run(["models", "list"], in: directory.url)
            #expect(listed.status == 0, "\(listed.stderr)")
            let predicted = try ForecastBinary.run(["predict", "--ca-total", "1000", "--nb-commandes", "10"], in: directory.url)
            #expect(predicted.status == 0, "\(predicted.stderr)")
            for name in try CrashEndToEndTests.entries(directory, "models/versions") where !name.hasPrefix(".") {
                let version = String(name.dropLast(5))
                #expect(try ForecastBinary.run(["models", "show", version], in: directory.url).status == 0, "\(name) is whole")
            }
        }
        #expect(kills >= 1, "no run was killed before it finished")
        // The next run cleans what the killed ones left and registers normally.
        #expect(try ForecastBinary.run(["train", "--trees", "5"], in: directory.url).status == 0)
        #expect(try CrashEndToEndTests.entries(directory, "models/versions").allSatisfy { !$0.hasSuffix(".tmp") })
        #expect(try CrashEndToEndTests.entries(directory, "models").allSatisfy { !$0.hasSuffix(".tmp") })
    }

    @Test func sigkillDuringETLLeavesThePreviousFeaturesFileWhole() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        #expect(try ForecastBinary.run(["generate", "--days", "730", "--rows", "120000"], in: directory.url).status == 0)
        #expect(try ForecastBinary.run(["etl"], in: directory.url).status == 0)
        let complete = try directory.read("data/processed/features_daily.csv")
        var kills = 0
        for delay in [0.02, 0.06, 0.12, 0.2] {
            if try CrashEndToEndTests.killed(["etl"], in: directory.url, after: delay) { kills += 1 }
            // The same input gives the same bytes: the file is the old one or the new one, whole.
            #expect(try directory.read("data/processed/features_daily.csv") == complete)
        }
        #expect(kills >= 1, "no run was killed before it finished")
        #expect(try ForecastBinary.run(["etl"], in: directory.url).status == 0)
        #expect(try CrashEndToEndTests.entries(directory, "data/processed") == ["features_daily.csv"])
    }

    @Test func twoConcurrentTrainsRegisterTwoWholeVersionsOneAfterTheOther() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        for arguments in [["generate", "--days", "200"], ["etl"]] {
            #expect(try ForecastBinary.run(arguments, in: directory.url).status == 0)
        }
        let runs = (0..<2).map { seed in
            let process = Process()
            process.executableURL = ForecastBinary.url
            process.arguments = ["train", "--trees", "20", "--seed", String(seed)]
            process.currentDirectoryURL = directory.url
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            return process
        }
        for process in runs { try process.run() }
        for process in runs { process.waitUntilExit() }
        #expect(runs.allSatisfy { $0.terminationStatus == 0 })
        let versions = try CrashEndToEndTests.entries(directory, "models/versions")
        #expect(versions.count == 2, "\(versions)")
        let stack = try directory.read("models/CURRENT").split(separator: "\n").map(String.init)
        #expect(Set(stack) == Set(versions.map { String($0.dropLast(5)) }))
        for version in stack {
            #expect(try ForecastBinary.run(["models", "show", version], in: directory.url).status == 0)
        }
    }
}
