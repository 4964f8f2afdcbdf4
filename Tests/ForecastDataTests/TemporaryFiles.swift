import Foundation
@testable import ForecastData

/// A temporary folder for one test's input and output files.
struct TemporaryFiles {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("forecast-data-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    /// Writes `bytes` to `name` and returns the path.
    @discardableResult
    func write(_ bytes: [UInt8], to name: String) throws -> String {
        let path = folder.appendingPathComponent(name).path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    @discardableResult
    func write(_ text: String, to name: String = "input.csv") throws -> String {
        try write(Array(text.utf8), to: name)
    }

    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    func cleanUp() {
        try? FileManager.default.removeItem(at: folder)
    }

    /// Runs the ETL on `text` in memory (nothing written) with `configure` applied to the options.
    func etl(_ text: String, _ configure: (inout ETLOptions) -> Void = { _ in }) throws -> (ETLSummary, [DailyRecord]) {
        let input = try write(text)
        var options = ETLOptions(input: input, output: path("features.csv"))
        configure(&options)
        return try DailyFeaturesETL.compute(options)
    }
}
