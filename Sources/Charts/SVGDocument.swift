/// A standalone SVG image: a `viewBox` of `width` × `height` user units (so it scales with its
/// container), a title for screen readers, and the drawing.
public struct SVGDocument: Sendable, Equatable {
    public let width: Double
    public let height: Double
    /// Shown by browsers as the tooltip/accessible name (`<title>`).
    public let title: String
    public let content: [MarkupNode]

    /// An image of `width` × `height` user units drawing `content`.
    public init(width: Double, height: Double, title: String, content: [MarkupNode]) {
        self.width = width
        self.height = height
        self.title = title
        self.content = content
    }

    /// The root `<svg>` element, for inlining in HTML.
    public var node: MarkupNode {
        .el("svg", [
            MarkupAttribute("xmlns", "http://www.w3.org/2000/svg"),
            MarkupAttribute("viewBox", "0 0 \(NumberFormat.coordinate(width)) \(NumberFormat.coordinate(height))"),
            MarkupAttribute("width", width), MarkupAttribute("height", height),
            MarkupAttribute("role", "img"),
            MarkupAttribute("font-family", Theme.fontFamily),
        ], [.el("title", text: title)] + content)
    }

    /// The file's text: XML declaration and the `<svg>` element.
    public func render() -> String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + MarkupRenderer.xml(node)
    }
}
