// Charts module overview
// - MarkupNode: the document tree for SVG and HTML. Callers build trees of elements, attributes
//   and text; only MarkupRenderer turns them into text, and it escapes everything, so no chart
//   or page can forget to escape a hostile model version or file name.
// - Ticks, TimeTicks, LinearScale, NumberFormat: axis arithmetic (1-2-5 ticks, calendar ticks).
// - ChartFrame + LineChart, ScatterChart, HistogramChart, BarChart: the chart builders, each
//   returning an `SVGDocument`; empty or degenerate data gives a chart with a clear message.
// - Downsampling: min/max per pixel column, so a million points stay a small file.
// - HTMLPage: the report pages (index.html, drift.html).

/// One node of an SVG or HTML document: an element with attributes and children, or text.
///
/// Text and attribute values are stored raw; `MarkupRenderer` escapes them when rendering.
public indirect enum MarkupNode: Sendable, Equatable {
    case element(name: String, attributes: [MarkupAttribute], children: [MarkupNode])
    case text(String)

    /// An element; `attributes` keep their order in the output.
    public static func el(_ name: String, _ attributes: [MarkupAttribute] = [], _ children: [MarkupNode] = []) -> MarkupNode {
        .element(name: name, attributes: attributes, children: children)
    }

    /// An element holding one text node.
    public static func el(_ name: String, _ attributes: [MarkupAttribute] = [], text: String) -> MarkupNode {
        .element(name: name, attributes: attributes, children: [.text(text)])
    }
}

/// One `name="value"` pair. Values are raw text; the renderer escapes them.
public struct MarkupAttribute: Sendable, Equatable {
    public let name: String
    public let value: String

    /// A text attribute, stored raw (escaped when rendered).
    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }

    /// A numeric attribute written with `NumberFormat.coordinate` (never NaN or infinity).
    public init(_ name: String, _ value: Double) {
        self.name = name
        self.value = NumberFormat.coordinate(value)
    }
}
