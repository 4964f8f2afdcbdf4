/// The layout every chart shares: an 800 × 440 canvas, a title (and optional subtitle) on
/// top, a legend row under it, the plot area, tick labels and axis titles around it.
public struct ChartFrame: Sendable, Equatable {
    public let width: Double
    public let height: Double
    public let left: Double
    public let right: Double
    public let top: Double
    public let bottom: Double

    /// Canvas size and the margins around the plot area, in SVG user units.
    public init(width: Double = 800, height: Double = 440, left: Double = 88, right: Double = 28,
                top: Double = 78, bottom: Double = 72) {
        self.width = width
        self.height = height
        self.left = left
        self.right = right
        self.top = top
        self.bottom = bottom
    }

    public var plotLeft: Double { left }
    public var plotRight: Double { width - right }
    public var plotTop: Double { top }
    public var plotBottom: Double { height - bottom }
    public var plotWidth: Double { plotRight - plotLeft }
    public var plotHeight: Double { plotBottom - plotTop }

    /// Title and subtitle, left-aligned above the plot.
    func heading(title: String, subtitle: String?) -> [MarkupNode] {
        var nodes: [MarkupNode] = [
            .el("text", [MarkupAttribute("x", 16), MarkupAttribute("y", 26), MarkupAttribute("font-size", Theme.titleSize),
                         MarkupAttribute("font-weight", "600"), MarkupAttribute("fill", Theme.text)], text: title),
        ]
        if let subtitle {
            nodes.append(.el("text", [MarkupAttribute("x", 16), MarkupAttribute("y", 46),
                                      MarkupAttribute("font-size", Theme.tickSize), MarkupAttribute("fill", Theme.mutedText)],
                             text: subtitle))
        }
        return nodes
    }

    /// One legend row under the title: a swatch and a name per entry, laid out left to right.
    /// Long names are shortened so the row fits in the canvas.
    func legend(_ entries: [(name: String, color: String, style: LegendStyle)]) -> [MarkupNode] {
        guard entries.count > 1 || entries.first?.style == .dashed else { return [] }
        var nodes: [MarkupNode] = []
        var x = plotLeft
        let y = 64.0
        let budget = max(12, Int((width - plotLeft - 16) / Double(entries.count) / 7) - 4)
        for entry in entries {
            let name = entry.name.count > budget ? String(entry.name.prefix(budget - 1)) + "…" : entry.name
            switch entry.style {
            case .line, .dashed:
                var attributes = [MarkupAttribute("x1", x), MarkupAttribute("y1", y - 4), MarkupAttribute("x2", x + 18),
                                  MarkupAttribute("y2", y - 4), MarkupAttribute("stroke", entry.color),
                                  MarkupAttribute("stroke-width", 2.5)]
                if entry.style == .dashed { attributes.append(MarkupAttribute("stroke-dasharray", "5 3")) }
                nodes.append(.el("line", attributes))
            case .box, .solidBox:
                nodes.append(.el("rect", [MarkupAttribute("x", x + 3), MarkupAttribute("y", y - 10), MarkupAttribute("width", 12),
                                          MarkupAttribute("height", 12), MarkupAttribute("fill", entry.color),
                                          MarkupAttribute("fill-opacity", entry.style == .box ? "0.55" : "1"),
                                          MarkupAttribute("stroke", entry.color)]))
            }
            nodes.append(.el("text", [MarkupAttribute("x", x + 24), MarkupAttribute("y", y), MarkupAttribute("font-size", Theme.tickSize),
                                      MarkupAttribute("fill", Theme.text)], text: name))
            x += 24 + Double(name.count) * 7 + 22
        }
        return nodes
    }

    /// Grid lines, tick labels and axis titles for a numeric y axis and the given x ticks.
    func axes(x: [(position: Double, label: String, context: String?)], y: [(position: Double, label: String)],
              xTitle: String, yTitle: String) -> [MarkupNode] {
        var grid: [MarkupNode] = []
        var labels: [MarkupNode] = []
        for tick in y {
            grid.append(line(plotLeft, tick.position, plotRight, tick.position, Theme.grid))
            labels.append(.el("text", [MarkupAttribute("x", plotLeft - 8), MarkupAttribute("y", tick.position + 4),
                                       MarkupAttribute("text-anchor", "end"), MarkupAttribute("font-size", Theme.tickSize),
                                       MarkupAttribute("fill", Theme.mutedText)], text: tick.label))
        }
        for tick in x {
            grid.append(line(tick.position, plotTop, tick.position, plotBottom, Theme.grid))
            labels.append(.el("text", [MarkupAttribute("x", tick.position), MarkupAttribute("y", plotBottom + 18),
                                       MarkupAttribute("text-anchor", "middle"), MarkupAttribute("font-size", Theme.tickSize),
                                       MarkupAttribute("fill", Theme.mutedText)], text: tick.label))
            if let context = tick.context {
                labels.append(.el("text", [MarkupAttribute("x", tick.position), MarkupAttribute("y", plotBottom + 33),
                                           MarkupAttribute("text-anchor", "middle"), MarkupAttribute("font-size", Theme.tickSize - 1),
                                           MarkupAttribute("fill", Theme.mutedText)], text: context))
            }
        }
        let frame = MarkupNode.el("rect", [MarkupAttribute("x", plotLeft), MarkupAttribute("y", plotTop),
                                           MarkupAttribute("width", plotWidth), MarkupAttribute("height", plotHeight),
                                           MarkupAttribute("fill", "none"), MarkupAttribute("stroke", Theme.axis)])
        let xTitleNode = MarkupNode.el("text", [
            MarkupAttribute("x", plotLeft + plotWidth / 2), MarkupAttribute("y", height - 14),
            MarkupAttribute("text-anchor", "middle"), MarkupAttribute("font-size", Theme.labelSize),
            MarkupAttribute("fill", Theme.text),
        ], text: xTitle)
        let yTitleNode = MarkupNode.el("text", [
            MarkupAttribute("transform", "translate(18 \(NumberFormat.coordinate(plotTop + plotHeight / 2))) rotate(-90)"),
            MarkupAttribute("text-anchor", "middle"), MarkupAttribute("font-size", Theme.labelSize),
            MarkupAttribute("fill", Theme.text),
        ], text: yTitle)
        return [.el("g", [MarkupAttribute("class", "grid")], grid), frame,
                .el("g", [MarkupAttribute("class", "ticks")], labels), xTitleNode, yTitleNode]
    }

    func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, _ color: String) -> MarkupNode {
        .el("line", [MarkupAttribute("x1", x1), MarkupAttribute("y1", y1), MarkupAttribute("x2", x2),
                     MarkupAttribute("y2", y2), MarkupAttribute("stroke", color), MarkupAttribute("stroke-width", 1)])
    }

    /// A chart that has nothing to draw: the title and a sentence saying why, in the middle.
    public func message(title: String, text: String) -> SVGDocument {
        let box = MarkupNode.el("rect", [MarkupAttribute("x", plotLeft), MarkupAttribute("y", plotTop),
                                         MarkupAttribute("width", plotWidth), MarkupAttribute("height", plotHeight),
                                         MarkupAttribute("fill", "#fafafa"), MarkupAttribute("stroke", Theme.grid)])
        let sentence = MarkupNode.el("text", [
            MarkupAttribute("x", plotLeft + plotWidth / 2), MarkupAttribute("y", plotTop + plotHeight / 2),
            MarkupAttribute("text-anchor", "middle"), MarkupAttribute("font-size", Theme.labelSize + 1),
            MarkupAttribute("fill", Theme.mutedText),
        ], text: text)
        return SVGDocument(width: width, height: height, title: title, content: heading(title: title, subtitle: nil) + [box, sentence])
    }

    /// An element id for `title`, stable across runs (FNV-1a of the title), so several charts
    /// inlined in one HTML page do not share ids.
    static func elementID(_ prefix: String, _ title: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in title.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return prefix + "-" + String(hash, radix: 36)
    }

    /// The rectangle that clips series to the plot area.
    func clipPath(id: String) -> MarkupNode {
        .el("clipPath", [MarkupAttribute("id", id)], [
            .el("rect", [MarkupAttribute("x", plotLeft), MarkupAttribute("y", plotTop),
                         MarkupAttribute("width", plotWidth), MarkupAttribute("height", plotHeight)]),
        ])
    }
}

/// How a legend entry draws its swatch.
public enum LegendStyle: Sendable, Equatable {
    /// A line (line charts), a dashed line (reference lines), a translucent box (overlaid
    /// histograms, density scatter), a solid box (bars).
    case line, dashed, box, solidBox
}
