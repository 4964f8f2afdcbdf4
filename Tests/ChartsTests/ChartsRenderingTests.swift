import Foundation
import Testing
@testable import Charts

/// Every chart type gives valid XML with a viewBox and no NaN, whatever the data.
@Suite struct ChartsRenderingTests {
    static func documents(_ x: [Double], _ y: [Double]) -> [SVGDocument] {
        [
            LineChart(title: "line", xAxis: .time, yTitle: "y (€)", series: [Series(name: "s", x: x, y: y)]).render(),
            LineChart(title: "line", xAxis: .numeric("x (days)"), yTitle: "y (€)", series: [Series(name: "s", x: x, y: y)]).render(),
            ScatterChart(title: "scatter", xTitle: "x (€)", yTitle: "y (€)", series: [Series(name: "s", x: x, y: y)],
                         identityLine: "y = x").render(),
            HistogramChart(title: "hist", xTitle: "y (€)", samples: [.init(name: "s", values: y)]).render(),
            BarChart(title: "bars", categories: y.indices.map { "c\($0)" }, groups: [.init(name: "g", values: y)],
                     valueTitle: "value").render(),
        ]
    }

    static let cases: [(String, [Double], [Double])] = [
        ("empty", [], []),
        ("one point", [1_700_000_000], [42]),
        ("constant", [1_700_000_000, 1_700_003_600, 1_700_007_200], [5, 5, 5]),
        ("zeros", [0, 1, 2], [0, 0, 0]),
        ("regular", (0..<50).map { 1_700_000_000 + Double($0) * 600 }, (0..<50).map { Double($0 * $0) }),
        ("with NaN", [1, 2, 3], [1, .nan, 3]),
    ]

    @Test(arguments: 0..<cases.count)
    func everyChart_ValidXML_ViewBox_NoNaN(_ index: Int) throws {
        let (name, x, y) = Self.cases[index]
        for document in Self.documents(x, y) {
            let text = document.render()
            let parsed = try #require(XMLCheck.parse(text), "\(name): \(document.title) is not XML")
            #expect(parsed.elements.first == "svg")
            #expect(parsed.attributes.first?["viewBox"] == "0 0 800 440")
            #expect(!text.contains("NaN") && !text.contains("nan") && !text.contains("inf"), "\(name): \(document.title)")
        }
    }

    @Test func extremeValues_FiniteOutput() throws {
        let cases: [[Double]] = [[1e16, 1e16 + 2, 1e16 + 4], [1e-3, 1e300], [-1e308, 1e308], [0.1, 0.1 + 1e-15]]
        for values in cases {
            let x = values.indices.map { 1_700_000_000 + Double($0) }
            for document in Self.documents(x, values) {
                let text = document.render()
                #expect(XMLCheck.parse(text) != nil, "\(values) \(document.title)")
                #expect(!text.contains("NaN") && !text.contains("inf"))
                #expect(text.utf8.count < 100_000)
            }
        }
    }

    @Test func emptySeries_SaysSo() throws {
        for document in Self.documents([], []) {
            let parsed = try #require(XMLCheck.parse(document.render()))
            #expect(parsed.text.contains("No data to plot yet.") || parsed.text.contains("Nothing to show yet."))
        }
    }

    @Test func onePoint_IsDrawnAsADot() {
        let text = LineChart(title: "t", xAxis: .time, yTitle: "y", series: [Series(name: "s", x: [1_700_000_000], y: [3])])
            .render().render()
        #expect(text.contains("<circle"))
    }

    @Test func severalSeries_HaveALegend() throws {
        let chart = LineChart(title: "t", xAxis: .time, yTitle: "y",
                              series: [Series(name: "replica-a", x: [0, 60], y: [1, 2]), Series(name: "replica-b", x: [0, 60], y: [2, 1])])
        let parsed = try #require(XMLCheck.parse(chart.render().render()))
        #expect(parsed.text.contains("replica-a") && parsed.text.contains("replica-b"))
        let strokes = Set(parsed.attributes.compactMap { $0["stroke"] }.filter { Theme.palette.contains($0) })
        #expect(strokes.count == 2)
    }

    @Test func clipPathIDs_DifferPerChart_AndAreDefined() throws {
        func clipIDs(_ title: String) throws -> (defined: String?, used: String?) {
            let text = LineChart(title: title, xAxis: .time, yTitle: "y", series: [Series(name: "s", x: [0, 60], y: [1, 2])])
                .render().render()
            let parsed = try #require(XMLCheck.parse(text))
            let defined = zip(parsed.elements, parsed.attributes).first { $0.0 == "clipPath" }?.1["id"]
            let used = parsed.attributes.compactMap { $0["clip-path"] }.first
            return (defined, used)
        }
        let first = try clipIDs("first chart")
        let second = try clipIDs("second chart")
        #expect(first.used == "url(#\(first.defined ?? "missing"))")
        #expect(first.defined != second.defined)
    }

    @Test func histogram_CountsEveryValueOnce() throws {
        let values = (0..<1000).map { Double($0 % 100) }
        let chart = HistogramChart(title: "h", xTitle: "x", samples: [.init(name: "s", values: values)])
        let edges = HistogramChart.edges(low: 0, high: 99, count: values.count)
        #expect(edges.first! <= 0 && edges.last! >= 99)
        let parsed = try #require(XMLCheck.parse(chart.render().render()))
        #expect(parsed.elements.filter { $0 == "rect" }.count >= 10)
    }

    /// 200,000 points would be ~3 MB drawn one by one; the 1 M-line case is measured by scripts/bench_plot.sh.
    @Test func largeSeries_IsDownsampled_UnderOneMegabyte() throws {
        let count = 200_000
        let x = (0..<count).map { 1_700_000_000 + Double($0) * 2.6 }
        let y: [Double] = (0..<count).map { (index: Int) -> Double in
            let wave: Double = 3_000 * sin(Double(index) / 5_000)
            return 15_000 + wave + Double(index % 97) * 20
        }
        for document in Self.documents(x, y).prefix(4) {
            let text = document.render()
            #expect(text.utf8.count < 1_000_000, "\(document.title): \(text.utf8.count) bytes")
            #expect(XMLCheck.parse(text) != nil)
        }
    }
}
