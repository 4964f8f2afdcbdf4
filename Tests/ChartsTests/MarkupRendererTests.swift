import Testing
@testable import Charts

/// Escaping happens in the renderer, for every text and attribute.
@Suite struct MarkupRendererTests {
    static let hostile = "v1<script>alert(\"x\")</script> & 'quoted' \u{1}"

    @Test func text_IsEscaped() {
        let xml = MarkupRenderer.xml(.el("text", text: Self.hostile))
        #expect(!xml.contains("<script>"))
        #expect(xml.contains("&lt;script&gt;"))
        #expect(xml.contains("&amp;"))
        #expect(!xml.contains("\u{1}"))
    }

    @Test func attribute_QuotesAreEscaped() {
        let xml = MarkupRenderer.xml(.el("a", [MarkupAttribute("title", Self.hostile)]))
        #expect(xml.contains("&quot;x&quot;"))
        #expect(xml.contains("&#39;quoted&#39;"))
        let parsed = try! #require(XMLCheck.parse(xml))
        #expect(parsed.attributes.first?["title"] == "v1<script>alert(\"x\")</script> & 'quoted' \u{FFFD}")
    }

    @Test func hostileChartTitle_StillParses_TextSurvivesRoundTrip() throws {
        let chart = LineChart(title: Self.hostile, xAxis: .time, yTitle: "€ & <units>",
                              series: [Series(name: "a\"b", x: [0, 60], y: [1, 2]), Series(name: "c<d", x: [0, 60], y: [2, 3])])
        let parsed = try #require(XMLCheck.parse(chart.render().render()))
        #expect(parsed.text.contains("v1<script>"))
        #expect(parsed.text.contains("€ & <units>"))
    }

    @Test func html_VoidElementsHaveNoEndTag() {
        let html = MarkupRenderer.html(.el("p", [], [.el("img", [MarkupAttribute("src", "a.svg")]), .el("span")]))
        #expect(html == "<p><img src=\"a.svg\"><span></span></p>")
    }

    @Test func xml_EmptyElementsSelfClose() {
        #expect(MarkupRenderer.xml(.el("rect", [MarkupAttribute("x", 1.25)])) == "<rect x=\"1.3\"/>")
    }
}
