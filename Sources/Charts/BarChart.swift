/// Horizontal bars, one per named category: feature importances, error per backtest fold.
/// Several value sets (e.g. MAE of the model and of a baseline per fold) are grouped per
/// category and told apart by colour and legend.
public struct BarChart: Sendable {
    /// One set of values, one per category, with the name shown in the legend.
    public struct Group: Sendable, Equatable {
        public let name: String
        public let values: [Double]

        /// `values[i]` belongs to `categories[i]`; NaN leaves that bar out.
        public init(name: String, values: [Double]) {
            self.name = name
            self.values = values
        }
    }

    public var title: String
    public var subtitle: String?
    public var categories: [String]
    public var groups: [Group]
    /// Title of the value axis, with its unit.
    public var valueTitle: String
    public var frame = ChartFrame(left: 150)
    /// Print each bar's value at its end (`NumberFormat.figure`): for one group of bars whose
    /// exact values matter, such as mean contributions.
    public var showsValues = false

    /// Bars for `categories` (top to bottom), one per group in each category.
    public init(title: String, subtitle: String? = nil, categories: [String], groups: [Group], valueTitle: String) {
        self.title = title
        self.subtitle = subtitle
        self.categories = categories
        self.groups = groups
        self.valueTitle = valueTitle
    }

    /// The chart, or a "nothing to show" chart when there is no finite value.
    public func render() -> SVGDocument {
        let values = groups.flatMap { $0.values.prefix(categories.count) }.filter(\.isFinite)
        guard !categories.isEmpty, !values.isEmpty else { return frame.message(title: title, text: "Nothing to show yet.") }
        let xNice = Ticks.nice(low: min(0, values.min()!), high: max(0, values.max()!), count: 6)
        let xScale = LinearScale(domain: xNice.domain, start: frame.plotLeft, end: frame.plotRight)
        let band = frame.plotHeight / Double(categories.count)
        let barHeight = min(band * 0.8 / Double(max(groups.count, 1)), 28)
        var marks: [MarkupNode] = []
        var labels: [(position: Double, label: String)] = []
        for (row, category) in categories.enumerated() {
            let center = frame.plotTop + band * (Double(row) + 0.5)
            // The label column is `frame.left` wide; about 7 px per character at this size.
            let room = max(Int((frame.left - 16) / 7), 6)
            labels.append((center, category.count > room ? String(category.prefix(room - 1)) + "…" : category))
            let groupTop = center - barHeight * Double(groups.count) / 2
            for (index, group) in groups.enumerated() where row < group.values.count && group.values[row].isFinite {
                let value = group.values[row]
                let start = xScale(min(0, value))
                let end = xScale(max(0, value))
                let top = groupTop + Double(index) * barHeight
                marks.append(.el("rect", [MarkupAttribute("x", start), MarkupAttribute("y", top),
                                          MarkupAttribute("width", max(end - start, 0.5)), MarkupAttribute("height", barHeight * 0.9),
                                          MarkupAttribute("fill", Theme.color(index))]))
                if showsValues { marks.append(valueLabel(value, start: start, end: end, middle: top + barHeight * 0.45)) }
            }
        }
        let legend = frame.legend(groups.enumerated().map { ($0.element.name, Theme.color($0.offset), LegendStyle.solidBox) })
        let content = frame.heading(title: title, subtitle: subtitle) + legend
            + frame.axes(x: xNice.ticks.map { (xScale($0), NumberFormat.tick($0, step: xNice.step), nil) },
                         y: [], xTitle: valueTitle, yTitle: "")
            + labels.map { label in
                MarkupNode.el("text", [MarkupAttribute("x", frame.plotLeft - 8), MarkupAttribute("y", label.position + 4),
                                       MarkupAttribute("text-anchor", "end"), MarkupAttribute("font-size", Theme.tickSize),
                                       MarkupAttribute("fill", Theme.text)], text: label.label)
            }
            + marks
        return SVGDocument(width: frame.width, height: frame.height, title: title, content: content)
    }

    /// The value past the bar's outer end; inside it, in white, when the plot has no room left.
    private func valueLabel(_ value: Double, start: Double, end: Double, middle: Double) -> MarkupNode {
        let text = NumberFormat.figure(value)
        let width = 7.0 * Double(text.count) + 8
        let outside = value < 0 ? start - width >= frame.plotLeft : end + width <= frame.plotRight
        let x = value < 0 ? (outside ? start - 4 : start + 4) : (outside ? end + 4 : end - 4)
        let anchor = (value < 0) == outside ? "end" : "start"
        return .el("text", [MarkupAttribute("x", x), MarkupAttribute("y", middle + 4), MarkupAttribute("text-anchor", anchor),
                            MarkupAttribute("font-size", Theme.tickSize),
                            MarkupAttribute("fill", outside ? Theme.text : "#ffffff")], text: text)
    }
}
