/// A self-contained HTML report page (index.html, drift.html) built from `MarkupNode`s, so its
/// text goes through the same escaping as the charts.
public struct HTMLPage: Sendable {
    public var title: String
    public var body: [MarkupNode]

    /// A page titled `title` (browser tab) whose body holds `body`.
    public init(title: String, body: [MarkupNode]) {
        self.title = title
        self.body = body
    }

    /// Stylesheet: one chart per row, at most 900 px wide, so the 12-px tick labels of the
    /// 800-unit charts are shown at full size or larger. It must not contain `<`, `>` or `&`: the renderer escapes text, and `<style>`
    /// content is not unescaped by browsers.
    static let style = """
        body { font-family: system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif; color: #222;
               margin: 0 auto; max-width: 1180px; padding: 24px 32px 48px; line-height: 1.45; }
        h1 { font-size: 26px; margin: 0 0 4px; }
        h2 { font-size: 20px; margin: 36px 0 10px; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
        p.meta { color: #555; margin: 0 0 16px; }
        .cards { display: flex; flex-wrap: wrap; gap: 12px; margin: 12px 0; }
        .card { border: 1px solid #ddd; border-radius: 6px; padding: 10px 14px; min-width: 120px; }
        .card .label { color: #555; font-size: 13px; }
        .card .value { font-size: 20px; font-weight: 600; font-variant-numeric: tabular-nums; }
        .grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 760px), 1fr)); gap: 28px; }
        figure { margin: 0; max-width: 900px; }
        figure img, figure svg { width: 100%; height: auto; border: 1px solid #eee; }
        figcaption { color: #555; font-size: 13px; margin-top: 4px; }
        table { border-collapse: collapse; font-size: 14px; font-variant-numeric: tabular-nums; }
        th, td { border-bottom: 1px solid #e5e5e5; padding: 5px 10px; text-align: left; white-space: nowrap; }
        td:last-child { white-space: normal; }
        td.num, th.num { text-align: right; }
        .drift { color: #B3261E; font-weight: 600; }
        .ok { color: #1B6E3A; font-weight: 600; }
        .pending { color: #555; font-weight: 600; }
        h1.verdict { font-size: 22px; line-height: 1.3; }
        .note { background: #f6f6f6; border-left: 4px solid #bbb; padding: 8px 12px; }
        """

    /// The page as text, with its doctype.
    public func render() -> String {
        let head = MarkupNode.el("head", [], [
            .el("meta", [MarkupAttribute("charset", "utf-8")]),
            .el("meta", [MarkupAttribute("name", "viewport"), MarkupAttribute("content", "width=device-width, initial-scale=1")]),
            .el("title", text: title),
            .el("style", text: Self.style),
        ])
        let document = MarkupNode.el("html", [MarkupAttribute("lang", "en")], [head, .el("body", [], body)])
        return "<!DOCTYPE html>\n" + MarkupRenderer.html(document) + "\n"
    }

    // MARK: building blocks

    /// `<h1>`…`<h6>`; levels outside 1…6 are clamped.
    public static func heading(_ text: String, level: Int = 2) -> MarkupNode {
        .el("h\(min(max(level, 1), 6))", text: text)
    }

    /// A paragraph, with a CSS class (`meta`, `note`, `drift`, `ok`) when given.
    public static func paragraph(_ text: String, className: String? = nil) -> MarkupNode {
        .el("p", className.map { [MarkupAttribute("class", $0)] } ?? [], text: text)
    }

    /// Figures in labelled boxes: label above, value below.
    public static func cards(_ items: [(label: String, value: String)]) -> MarkupNode {
        .el("div", [MarkupAttribute("class", "cards")], items.map { item in
            .el("div", [MarkupAttribute("class", "card")], [
                .el("div", [MarkupAttribute("class", "label")], text: item.label),
                .el("div", [MarkupAttribute("class", "value")], text: item.value),
            ])
        })
    }

    /// A table; columns listed in `numeric` are right-aligned.
    public static func table(headers: [String], rows: [[String]], numeric: Set<Int> = []) -> MarkupNode {
        func cell(_ tag: String, _ text: String, _ column: Int) -> MarkupNode {
            .el(tag, numeric.contains(column) ? [MarkupAttribute("class", "num")] : [], text: text)
        }
        let head = MarkupNode.el("tr", [], headers.enumerated().map { cell("th", $0.element, $0.offset) })
        let body = rows.map { row in MarkupNode.el("tr", [], row.enumerated().map { cell("td", $0.element, $0.offset) }) }
        return .el("table", [], [.el("thead", [], [head]), .el("tbody", [], body)])
    }

    /// An image file shown at the grid's width, linked to itself for a full-size view.
    public static func figure(source: String, alt: String, caption: String) -> MarkupNode {
        .el("figure", [], [
            .el("a", [MarkupAttribute("href", source)], [
                .el("img", [MarkupAttribute("src", source), MarkupAttribute("alt", alt), MarkupAttribute("loading", "lazy")]),
            ]),
            .el("figcaption", text: caption),
        ])
    }

    /// An SVG drawn inside the page.
    public static func figure(svg: SVGDocument, caption: String) -> MarkupNode {
        .el("figure", [], [svg.node, .el("figcaption", text: caption)])
    }

    /// The figure column of the page.
    public static func grid(_ children: [MarkupNode]) -> MarkupNode {
        .el("div", [MarkupAttribute("class", "grid")], children)
    }
}
