import Foundation
import Testing

/// `forecast models list | show | use | rollback` through the real binary.
@Suite struct ModelsEndToEndTests {
    private func current(_ directory: TemporaryDirectory) throws -> String {
        try directory.read("models/CURRENT").split(separator: "\n").first.map(String.init) ?? ""
    }

    @Test func listShowUseRollback() throws {
        let directory = try TrainEndToEndTests.directoryWithFeatures()
        defer { directory.cleanUp() }
        #expect(try ForecastBinary.run(["train", "--trees", "5"], in: directory.url).status == 0)
        let first = try current(directory)
        #expect(try ForecastBinary.run(["train", "--trees", "6", "--seed", "7"], in: directory.url).status == 0)
        let second = try current(directory)
        #expect(first != second)

        let list = try ForecastBinary.run(["models", "list"], in: directory.url)
        #expect(list.status == 0)
        #expect(list.stdout.contains("  " + first))
        #expect(list.stdout.contains("* " + second))

        let show = try ForecastBinary.run(["models", "show", "1"], in: directory.url)
        #expect(show.status == 0)
        #expect(show.stdout.contains("model \(first)"))
        #expect(show.stdout.contains("5 trees"))

        let showJSON = try ForecastBinary.run(["models", "show", "--json"], in: directory.url)
        let info = try #require(try JSONSerialization.jsonObject(with: Data(showJSON.stdout.utf8)) as? [String: Any])
        #expect(info["model_version"] as? String == second)

        #expect(try ForecastBinary.run(["models", "use", first], in: directory.url).status == 0)
        #expect(try current(directory) == first)
        let rollback = try ForecastBinary.run(["models", "rollback"], in: directory.url)
        #expect(rollback.status == 0)
        #expect(rollback.stdout.contains("current model: \(second) (was \(first))"))
        #expect(try current(directory) == second)
        #expect(try ForecastBinary.run(["models", "rollback"], in: directory.url).status == 0)
        #expect(try current(directory) == first)
        let nothing = try ForecastBinary.run(["models", "rollback"], in: directory.url)
        #expect(nothing.status == 1)
        #expect(nothing.stderr.contains("no earlier current model"))
    }

    @Test func badVerbsAndVersions_AreExplained() throws {
        let directory = try TrainEndToEndTests.directoryWithFeatures()
        defer { directory.cleanUp() }
        #expect(try ForecastBinary.run(["train", "--trees", "5"], in: directory.url).status == 0)
        let typo = try ForecastBinary.run(["models", "rolback"], in: directory.url)
        #expect(typo.status == 2)
        #expect(typo.stderr.contains("did you mean 'rollback'?"))
        let none = try ForecastBinary.run(["models"], in: directory.url)
        #expect(none.status == 2)
        let unknown = try ForecastBinary.run(["models", "use", "v0042"], in: directory.url)
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("forecast models list"))
        let extra = try ForecastBinary.run(["models", "use"], in: directory.url)
        #expect(extra.status == 2)
    }

    @Test func concurrentTrainRuns_LeaveAConsistentRegistry() throws {
        let directory = try TrainEndToEndTests.directoryWithFeatures()
        defer { directory.cleanUp() }
        let results = ConcurrentRuns.run(count: 4) { _ in
            try ForecastBinary.run(["train", "--trees", "5", "--jobs", "1", "--json"], in: directory.url)
        }
        #expect(try results.allSatisfy { try $0.get().status == 0 })
        let versions = try FileManager.default.contentsOfDirectory(atPath: directory.url.appendingPathComponent("models/versions").path)
            .filter { $0.hasSuffix(".json") }
        #expect(versions.count == 4)
        let stack = try directory.read("models/CURRENT").split(separator: "\n").map { String($0) + ".json" }
        #expect(Set(stack) == Set(versions))
        let list = try ForecastBinary.run(["models", "list"], in: directory.url)
        #expect(list.status == 0)
    }
}

/// Runs `count` blocking jobs on their own threads and waits for all of them.
enum ConcurrentRuns {
    static func run<T: Sendable>(count: Int, _ body: @Sendable @escaping (Int) throws -> T) -> [Result<T, any Error>] {
        let results = ResultBox<T>(count: count)
        DispatchQueue.concurrentPerform(iterations: count) { index in
            results.set(index, Result { try body(index) })
        }
        return results.values
    }

    /// Slots written under a lock, read after every job has finished.
    private final class ResultBox<T: Sendable>: @unchecked Sendable {
        private let lock = NSLock()
        private var storage: [Result<T, any Error>]
        init(count: Int) { storage = Array(repeating: .failure(CancellationError()), count: count) }
        func set(_ index: Int, _ value: Result<T, any Error>) { lock.withLock { storage[index] = value } }
        var values: [Result<T, any Error>] { lock.withLock { storage } }
    }
}
