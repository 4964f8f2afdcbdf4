import Foundation
import Testing

/// `forecast generate` run as users run it.
@Suite struct GenerateEndToEndTests {
    @Test func sameSeed_SameBytes_DefaultPath() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let first = try ForecastBinary.run(["generate", "--days", "15", "--seed", "7"], in: directory.url)
        #expect(first.status == 0)
        #expect(first.stderr.contains("from 2024-01-01 to 2024-01-15 to data/raw/ventes_ecommerce.csv"))
        let bytes = try directory.read("data/raw/ventes_ecommerce.csv")
        #expect(bytes.hasPrefix("order_id,timestamp,customer_id,category,quantity,unit_price,amount\n"))
        let second = try ForecastBinary.run(["generate", "--days", "15", "--seed", "7", "--output", "again.csv"], in: directory.url)
        #expect(second.status == 0)
        #expect(try directory.read("again.csv") == bytes)
    }

    @Test func rowsAndStart_ShapeTheFile() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let result = try ForecastBinary.run(["generate", "--rows", "5000", "--start", "2025-06-01", "--output", "b.csv"],
                                            in: directory.url)
        #expect(result.status == 0)
        let lines = try directory.read("b.csv").split(separator: "\n")
        #expect(lines.count == 5001)
        #expect(lines[1].split(separator: ",")[1].hasPrefix("2025-06-01 "))
    }

    @Test func badValues_AreUsageErrors() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        for arguments in [["--days", "0"], ["--start", "2024-13-01"], ["--seed", "-1"], ["--rows", "x"], ["--shape", "cubic"]] {
            let result = try ForecastBinary.run(["generate"] + arguments, in: directory.url)
            #expect(result.status == 2, "\(arguments)")
            #expect(!directory.exists("data/raw/ventes_ecommerce.csv"))
        }
    }

    @Test func help_DocumentsTheBenchmarkOption() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let result = try ForecastBinary.run(["generate", "--help"], in: directory.url)
        #expect(result.status == 0)
        #expect(result.stdout.contains("--rows"))
        #expect(result.stdout.contains("(default: 42)"))
    }
}
