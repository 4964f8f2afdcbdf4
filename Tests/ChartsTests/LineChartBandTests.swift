import Testing
@testable import Charts

/// The interval band and the dashed reference line of the accuracy charts.
@Suite struct LineChartBandTests {
    @Test func band_IsOnePolygonUnderTheLines_AndWidensTheYAxis() throws {
        var chart = LineChart(title: "t", xAxis: .time, yTitle: "y",
                              series: [Series(name: "forecast", x: [0, 86_400, 172_800], y: [10, 12, 11])])
        chart.bands = [Band(name: "interval", x: [0, 86_400, 172_800], low: [5, 6, .nan], high: [50, 18, 16])]
        let text = chart.render().render()
        let parsed = try #require(XMLCheck.parse(text))
        let polygons = zip(parsed.elements, parsed.attributes).filter { $0.0 == "polygon" }
        try #require(polygons.count == 1)
        // Two points kept (the NaN one is dropped): up the top edge, back along the bottom.
        #expect(polygons[0].1["points"]?.split(separator: " ").count == 4)
        #expect(parsed.elements.firstIndex(of: "polygon")! < parsed.elements.firstIndex(of: "polyline")!)
        #expect(parsed.text.contains("50"), "the axis reaches the band's top")
        #expect(parsed.text.contains("interval"), "the band has a legend entry")
    }

    @Test func dashedSeries_IsDashed_WithoutDots() throws {
        var reference = Series(name: "target", x: [0, 10], y: [80, 80])
        reference.dashed = true
        let chart = LineChart(title: "t", xAxis: .numeric("x"), yTitle: "y",
                              series: [Series(name: "coverage", x: [0, 5, 10], y: [70, 85, 90]), reference])
        let parsed = try #require(XMLCheck.parse(chart.render().render()))
        let lines = zip(parsed.elements, parsed.attributes).filter { $0.0 == "polyline" }.map(\.1)
        #expect(lines.count == 2 && lines[1]["stroke-dasharray"] != nil && lines[0]["stroke-dasharray"] == nil)
        #expect(parsed.elements.filter { $0 == "circle" }.count == 3, "dots on the data only")
    }
}
