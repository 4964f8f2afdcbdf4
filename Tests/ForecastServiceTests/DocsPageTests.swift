import Testing
@testable import ForecastService

/// `/docs` is one self-contained HTML page, generated from the same description.
struct DocsPageTests {
    @Test func pageListsEveryOperationAndHasAFormPostingToPredict() throws {
        let response = try ServiceHarness().send("GET", "/docs")
        #expect(response.status == 200)
        #expect(response.headers.contains { $0.0 == "Content-Type" && $0.1.hasPrefix("text/html") })
        let html = String(decoding: response.body, as: UTF8.self)
        for operation in APIDescription.forecast(version: "t").operations {
            #expect(html.contains("<code>\(DocsPage.escape(operation.path))</code>"))
        }
        #expect(html.contains("<form id=\"try\""))
        #expect(html.contains("fetch('/predict'"))
    }

    @Test func pageLoadsNothingFromElsewhere() throws {
        let html = DocsPage.render(.forecast(version: "t"))
        #expect(!html.contains("src=\"http"))
        #expect(!html.contains("<link"))
    }

    @Test func textIsEscaped() {
        #expect(DocsPage.escape("<a href=\"x\">&'") == "&lt;a href=&quot;x&quot;&gt;&amp;&#39;")
    }
}
