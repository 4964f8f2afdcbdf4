import Foundation
import Testing

/// The explanations log through the real server and the real `forecast plot`: one line per
/// feature of each explained request, joined to the prediction log by request id, adding up to
/// the forecast, charted as the mean |contribution| per feature.
@Suite struct ExplanationsLogEndToEndTests {
    static let header = "timestamp,request_id,model_version,forecast_date,expected_value,feature,contribution"

    /// The explanations log's lines as fields (header checked; every line whole).
    private func explanationLines(_ directory: TemporaryDirectory) throws -> [[String]] {
        let lines = try directory.read("data/explanations_log.csv").split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first.map(String.init) == Self.header)
        #expect(lines.last == "", "the log must end with a newline")
        let rows = lines.dropFirst().dropLast().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(rows.allSatisfy { $0.count == 7 }, "a torn line")
        return rows
    }

    @Test func explainedRequestsAreLoggedPerFeature_JoinTheirPredictions_AndArePlotted() throws {
        let directory = try TrainedModel.directory()
        defer { directory.cleanUp() }
        let server = try ServerProcess(in: directory.url, arguments: ["--quiet"])
        let client = try RawHTTPClient(port: server.port)
        var predictions: [String: Double] = [:]  // request id → prediction, explained requests only
        for (index, revenue) in [14000, 15000, 16500, 12000].enumerated() {
            let plain = try client.exchange("POST", "/predict", json: "{\"ca_total\": \(revenue + 7), \"nb_commandes\": 300}")
            #expect(plain.status == 200)
            // One client-chosen id, to see it carried into both logs.
            let extra = index == 1 ? "X-Request-Id: client-chosen-1\r\n" : ""
            let explained = try client.exchange(
                "POST", index == 2 ? "/predict-with-alert" : "/predict",
                json: "{\"ca_total\": \(revenue), \"nb_commandes\": \(280 + index * 20), \"explain\": true}", extra: extra
            )
            #expect(explained.status == 200, "\(explained.text)")
            let id = try #require(explained.header("X-Request-Id"))
            let prediction: Double = try #require(ExactNumber.member("prediction_ca_jour_suivant", in: explained.text))
            predictions[id] = prediction
        }
        server.stop()
        #expect(predictions["client-chosen-1"] != nil)

        let logged = try logEntries(directory)
        #expect(logged.count == 8)
        let rows = try explanationLines(directory)
        #expect(rows.count == 4 * ExplainEndToEndTests.features.count)
        #expect(Set(rows.map { $0[1] }) == Set(predictions.keys), "exactly the explained requests' ids")
        let version = try TrainedModel.currentVersion(in: directory)
        for (id, prediction) in predictions {
            let lines = rows.filter { $0[1] == id }
            #expect(lines.map { $0[5] } == ExplainEndToEndTests.features, "every feature once, in the model's order")
            let line = try #require(logged.first { $0.last == id }, "the prediction log has request \(id)")
            #expect(Double(line[3]) == prediction)
            #expect(lines.allSatisfy { $0[0] == line[0] && $0[2] == version && $0[3] == line[6] && $0[4] == lines[0][4] })
            let expected = try #require(Double(lines[0][4]))
            let total = lines.reduce(expected) { $0 + Double($1[6])! }
            #expect(abs(total - prediction) < 1e-9, "\(id): \(total) vs \(prediction)")
        }

        let plot = try ForecastBinary.run(["plot"], in: directory.url)
        #expect(plot.status == 0, "\(plot.stderr)")
        let svg = try directory.read("reports/contributions.svg")
        #expect(PlotEndToEndTests.isXML(svg))
        #expect(svg.contains("4 explained forecasts · model " + version))
        // The features top to bottom, largest mean |contribution| first, each with its mean.
        let means = ExplainEndToEndTests.features.map { feature -> (String, Double) in
            let values = rows.filter { $0[5] == feature }.map { abs(Double($0[6])!) }
            return (feature, values.reduce(0, +) / Double(values.count))
        }.sorted { $0.1 > $1.1 }
        let positions = try means.map { feature, _ in try #require(svg.range(of: ">\(feature)<")).lowerBound }
        #expect(positions == positions.sorted(), "features drawn largest first")
        for (feature, mean) in means {
            #expect(svg.contains(">" + ExplanationsLogEndToEndTests.figure(mean) + "<"), "\(feature)'s mean \(mean)")
        }
        let index = try directory.read("reports/index.html")
        #expect(index.contains("src=\"contributions.svg\""))
    }

    @Test func withoutExplainedRequests_ThePageSaysSo_AndNoChartIsWritten() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        try directory.write(PlotEndToEndTests.header + PlotEndToEndTests.lines.joined(), to: "data/predictions_log.csv")
        try directory.write(Self.header + "\n", to: "data/explanations_log.csv")
        let result = try ForecastBinary.run(["plot"], in: directory.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!directory.exists("reports/contributions.svg"))
        #expect(try directory.read("reports/index.html").contains("No explained forecast in data/explanations_log.csv yet"))
    }

    @Test func aBadExplanationsLine_IsOneErrorNamingFileAndLine_AndWritesNothing() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        try directory.write(PlotEndToEndTests.header + PlotEndToEndTests.lines.joined(), to: "data/predictions_log.csv")
        try directory.write(Self.header + "\n2026-11-22T10:15:30.123Z,r1,v1,2026-11-23,100.5,ca_total,abc\n", to: "x.csv")
        let result = try ForecastBinary.run(["plot", "--explanations", "x.csv"], in: directory.url)
        #expect(result.status == 1)
        #expect(result.stderr.contains("x.csv line 2: contribution is 'abc'"), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(!directory.exists("reports/index.html"))
    }

    /// A disk that fills up (a file size limit) refuses explained requests with 503 and logs
    /// neither their explanation nor their prediction; lines stay whole.
    @Test func fullExplanationsLog_Answers503_AndNeitherLogGetsALine() throws {
        let directory = try TrainedModel.directory()
        defer { directory.cleanUp() }
        let server = try ServerProcess(in: directory.url, arguments: ["--quiet"], shellSetup: "ulimit -f 8")
        defer { server.stop() }
        let client = try RawHTTPClient(port: server.port)
        var answered: [String] = []
        var refused = 0
        for _ in 0..<40 {
            let response = try client.exchange("POST", "/predict", json: "{\"ca_total\": 15000, \"nb_commandes\": 320, \"explain\": true}")
            if response.status == 200 {
                answered.append(try #require(response.header("X-Request-Id")))
            } else {
                #expect(response.status == 503)
                #expect(response.text.contains("explanations log"), "\(response.text)")
                refused += 1
            }
        }
        #expect(refused > 0 && !answered.isEmpty, "\(answered.count) answered, \(refused) refused")
        let rows = try explanationLines(directory)
        #expect(rows.count == answered.count * ExplainEndToEndTests.features.count)
        #expect(Set(rows.map { $0[1] }) == Set(answered))
        #expect(try logEntries(directory).map { $0.last! } == answered)
    }
}

extension ExplanationsLogEndToEndTests {
    /// A positive mean as the chart prints it: two decimals below 1,000, none above, thousands
    /// grouped with commas.
    static func figure(_ value: Double) -> String {
        let text = String(format: value >= 1000 ? "%.0f" : "%.2f", value)
        let parts = text.split(separator: ".", maxSplits: 1)
        var whole = String(parts[0])
        var grouped = ""
        while whole.count > 3 {
            grouped = "," + whole.suffix(3) + grouped
            whole.removeLast(3)
        }
        return whole + grouped + (parts.count > 1 ? "." + parts[1] : "")
    }
}
