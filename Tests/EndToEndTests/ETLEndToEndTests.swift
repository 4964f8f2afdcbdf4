import Foundation
import Testing

/// `forecast etl` run as users run it: files in a folder, output, stderr and exit status.
@Suite struct ETLEndToEndTests {
    @Test func defaultPaths_GeneratedSample_WritesFeaturesAndSummary() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        #expect(try ForecastBinary.run(["generate", "--days", "20"], in: directory.url).status == 0)
        let result = try ForecastBinary.run(["etl"], in: directory.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(!result.stderr.contains("\r"), "no progress line when stderr is not a terminal")
        #expect(result.stderr.contains("etl: read "))
        #expect(result.stderr.contains("skipped 0 rows"))
        #expect(result.stderr.contains("20 days from 2024-01-01 to 2024-01-20"))
        let lines = try directory.read("data/processed/features_daily.csv").split(separator: "\n")
        #expect(lines.first == "date,ca_total,nb_commandes,label")
        #expect(lines.count == 20)
        #expect(lines[1].hasPrefix("2024-01-01,"))
    }

    @Test func json_PrintsOneObjectOnStdout() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        try directory.write("date,amount\n2024-01-01,1\n2024-01-02,2\n2024-01-04,-1\n", to: "in.csv")
        let result = try ForecastBinary.run(["etl", "--input", "in.csv", "--output", "out.csv", "--json"], in: directory.url)
        #expect(result.status == 0)
        #expect(result.stdout.split(separator: "\n").count == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["rows_read"] as? Int == 3)
        #expect(object["empty_days"] as? Int == 1)
        #expect(object["rows_written"] as? Int == 3)
        #expect(try directory.read("out.csv") == "date,ca_total,nb_commandes,label\n2024-01-01,1.0,1,2.0\n2024-01-02,2.0,1,0.0\n2024-01-03,0.0,0,-1.0\n")
    }

    @Test func messyExport_SemicolonsBomCrlfQuotesAndDecimalCommas() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let text = "\u{FEFF}N° Commande;Date de commande;Client;Montant TTC\r\n"
            + "A1;05/03/2024 10:00;\"Dupont; Jean\";12,50\r\n"
            + "A1;05/03/2024 10:00;\"Dupont; Jean\";7,50\r\n"
            + "A2;05/03/2024 18:30;\"Line\r\nbreak\";\"1,00\"\r\n"
            + "\r\n"
            + "A3;06/03/2024;\"Say \"\"hi\"\"\";-2,00"
        try directory.write(text, to: "export.csv")
        let result = try ForecastBinary.run(["etl", "--input", "export.csv", "--output", "f.csv"], in: directory.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try directory.read("f.csv") == "date,ca_total,nb_commandes,label\n2024-03-05,21.0,2,-2.0\n")
        #expect(result.stderr.contains("delimiter ';'"))
        #expect(result.stderr.contains("refunds -2.00 over 1 rows"))
    }

    @Test func monthFirst_ReadsUSDates() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        try directory.write("date,amount\n03/05/2024,1\n03/06/2024,2\n", to: "us.csv")
        let result = try ForecastBinary.run(["etl", "--input", "us.csv", "--output", "f.csv", "--month-first"], in: directory.url)
        #expect(result.status == 0)
        #expect(try directory.read("f.csv").contains("2024-03-05,1.0,1,2.0"))
    }

    @Test func originalProjectInput_IsSpreadOverThirtyDays() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        var text = "Address,Lot,AM or PM,CC Exp Date,Purchase Price\n"
        for index in 0..<300 { text += "\"\(index) Oak Road\nSpringfield, ST 0000\(index % 10)\",12 ab,PM,02/20,\(index % 100).25\n" }
        try directory.write(text, to: "Ecommerce Purchases.csv")
        let result = try ForecastBinary.run(["etl", "--input", "Ecommerce Purchases.csv"], in: directory.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("no date column (rows spread over 30 days)"))
        let lines = try directory.read("data/processed/features_daily.csv").split(separator: "\n")
        #expect(lines.count == 30)
        #expect(lines[1].hasPrefix("2024-01-01,"))
        #expect(lines.last?.hasPrefix("2024-01-29,") == true)
    }

    @Test func missingFile_OneLineErrorExitOne() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let result = try ForecastBinary.run(["etl", "--input", "nope.csv"], in: directory.url)
        #expect(result.status == 1)
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(result.stderr.contains("cannot read nope.csv"))
        #expect(!directory.exists("data/processed/features_daily.csv"))
    }

    @Test func noAmountColumn_ListsColumnsAndOptions() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        try directory.write("date,client\n2024-01-01,x\n", to: "in.csv")
        let result = try ForecastBinary.run(["etl", "--input", "in.csv"], in: directory.url)
        #expect(result.status == 1)
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(result.stderr.contains("no amount column (columns found: 'date', 'client')"))
        #expect(result.stderr.contains("--amount-column"))
    }

    @Test func tooManyBadRows_FailsAndKeepsThePreviousOutput() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        try directory.write("date,amount\n2024-01-01,1\n2024-01-02,2\n", to: "good.csv")
        #expect(try ForecastBinary.run(["etl", "--input", "good.csv"], in: directory.url).status == 0)
        let before = try directory.read("data/processed/features_daily.csv")
        try directory.write("date,amount\n2024-01-01,1\n2024-02-30,2\n2024-01-03,3\n", to: "bad.csv")
        let result = try ForecastBinary.run(["etl", "--input", "bad.csv"], in: directory.url)
        #expect(result.status == 1)
        #expect(result.stderr.contains("1 of 3 rows could not be read"))
        #expect(result.stderr.contains("line 3: unreadable date '2024-02-30'"))
        #expect(try directory.read("data/processed/features_daily.csv") == before)
        let allowed = try ForecastBinary.run(["etl", "--input", "bad.csv", "--max-bad-fraction", "0.5"], in: directory.url)
        #expect(allowed.status == 0)
        #expect(allowed.stderr.contains("1 unreadable date (first at line 3: '2024-02-30')"))
    }

    @Test func badOptionValues_AreUsageErrors() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        for arguments in [["--max-bad-fraction", "2"], ["--delimiter", "ab"], ["--days", "0"], ["--start", "2024-02-30"],
                          ["--quantity-column", "q"]] {
            let result = try ForecastBinary.run(["etl"] + arguments, in: directory.url)
            #expect(result.status == 2, "\(arguments)")
            #expect(result.stderr.split(separator: "\n").count == 1)
        }
    }
}
