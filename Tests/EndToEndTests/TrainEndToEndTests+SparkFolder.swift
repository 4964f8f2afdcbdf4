import Foundation
import Testing

extension TrainEndToEndTests {
    /// `--features` given Spark's output folder trains exactly as on the single file it splits.
    @Test func train_ReadsASparkFolderOfPartFiles_AsTheSameTable() throws {
        let directory = try Self.directoryWithFeatures()
        defer { directory.cleanUp() }
        let lines = Self.featuresCSV().split(separator: "\n").map(String.init)
        let rows = Array(lines.dropFirst())
        // Later days in the first part (with a header), earlier days reversed in the second (none).
        try directory.write(([lines[0]] + rows[45...]).joined(separator: "\n") + "\n", to: "data/spark/part-00000-x-c000.csv")
        try directory.write(rows[..<45].reversed().joined(separator: "\n") + "\n", to: "data/spark/part-00001-x-c000.csv")
        try directory.write("", to: "data/spark/_SUCCESS")

        let arguments = ["train", "--trees", "10", "--json", "--jobs", "1"]
        let fromFile = try ForecastBinary.run(arguments, in: directory.url)
        let fromFolder = try ForecastBinary.run(arguments + ["--features", "data/spark"], in: directory.url)
        #expect(fromFile.status == 0, "\(fromFile.stderr)")
        #expect(fromFolder.status == 0, "\(fromFolder.stderr)")
        let file = try #require(try JSONSerialization.jsonObject(with: Data(fromFile.stdout.utf8)) as? [String: Any])
        let folder = try #require(try JSONSerialization.jsonObject(with: Data(fromFolder.stdout.utf8)) as? [String: Any])
        #expect(folder["train_rows"] as? Int == 72)
        #expect(folder["test"] as? [String: Double] == file["test"] as? [String: Double])
    }

    @Test func train_OnASparkFolderWithAGap_FailsWithOneLineNamingIt() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        try directory.write("2024-01-01,1,1,2\n2024-01-02,2,1,3\n", to: "spark/part-00000.csv")
        try directory.write("2024-01-04,4,1,5\n", to: "spark/part-00001.csv")
        let result = try ForecastBinary.run(["train", "--features", "spark"], in: directory.url)
        #expect(result.status == 1)
        #expect(result.stderr.contains("no row for the days between 2024-01-02 and 2024-01-04"), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        #expect(!directory.exists("models/CURRENT"))
    }
}
