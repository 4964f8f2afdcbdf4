import Testing
@testable import Charts

@Suite struct HTMLPageTests {
    @Test func page_HasDoctypeAndEscapesText() {
        let page = HTMLPage(title: "a<b", body: [
            HTMLPage.paragraph("model \"v<1>\" & co"),
            HTMLPage.table(headers: ["h&"], rows: [["<td>"]]),
            HTMLPage.figure(source: "x\".svg", alt: "'", caption: "c"),
        ]).render()
        #expect(page.hasPrefix("<!DOCTYPE html>"))
        #expect(page.contains("<title>a&lt;b</title>"))
        #expect(page.contains("model \"v&lt;1&gt;\" &amp; co"))
        #expect(page.contains("&lt;td&gt;"))
        #expect(page.contains("src=\"x&quot;.svg\""))
    }

    @Test func stylesheet_HasNoCharacterTheRendererWouldEscape() {
        #expect(!HTMLPage.style.contains("<") && !HTMLPage.style.contains(">") && !HTMLPage.style.contains("&"))
    }

    @Test func inlineSVG_IsPartOfTheTree() {
        let svg = HistogramChart(title: "h", xTitle: "x", samples: [.init(name: "s", values: [1, 2])]).render()
        let page = HTMLPage(title: "t", body: [HTMLPage.figure(svg: svg, caption: "c")]).render()
        #expect(page.contains("<svg xmlns=\"http://www.w3.org/2000/svg\""))
    }
}
