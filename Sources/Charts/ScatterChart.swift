import Foundation

/// Points in the plane, e.g. today's revenue against the predicted revenue for tomorrow.
/// Up to `pointLimit` points are drawn as dots; more are binned into 4-pixel cells shaded by
/// how many points fall in each (five shades, log scale), which keeps the file small and shows
/// density better than a million overlapping dots.
public struct ScatterChart: Sendable {
    public var title: String
    public var subtitle: String?
    public var xTitle: String
    public var yTitle: String
    public var series: [Series]
    /// Draws the dashed y = x line (e.g. "prediction equals today's revenue").
    public var identityLine: String?
    public var frame = ChartFrame()
    public var pointLimit = 3000

    /// `identityLine` names the dashed y = x line in the legend; nil draws none.
    public init(title: String, subtitle: String? = nil, xTitle: String, yTitle: String, series: [Series],
                identityLine: String? = nil) {
        self.title = title
        self.subtitle = subtitle
        self.xTitle = xTitle
        self.yTitle = yTitle
        self.series = series
        self.identityLine = identityLine
    }

    static let cell = 4.0

    /// The chart, or a "no data" chart when every series is empty.
    public func render() -> SVGDocument {
        let clipID = ChartFrame.elementID("plot", title)
        let drawn = series.filter { !$0.isEmpty }
        guard !drawn.isEmpty else { return frame.message(title: title, text: "No data to plot yet.") }
        let xLow = drawn.map { $0.x.min()! }.min()!, xHigh = drawn.map { $0.x.max()! }.max()!
        let yLow = drawn.map { $0.y.min()! }.min()!, yHigh = drawn.map { $0.y.max()! }.max()!
        // 2 % of room on each side, so dots on the extremes are not cut in half.
        let (xPad, yPad) = ((xHigh - xLow) * 0.02, (yHigh - yLow) * 0.02)
        let xNice = Ticks.nice(low: xLow - xPad, high: xHigh + xPad, count: 8)
        let yNice = Ticks.nice(low: yLow - yPad, high: yHigh + yPad, count: 6)
        let xScale = LinearScale(domain: xNice.domain, start: frame.plotLeft, end: frame.plotRight)
        let yScale = LinearScale(domain: yNice.domain, start: frame.plotBottom, end: frame.plotTop)
        var marks: [MarkupNode] = []
        if identityLine != nil {
            // The diagonal where both domains overlap (each axis keeps its own scale).
            let low = max(xNice.domain.lowerBound, yNice.domain.lowerBound)
            let high = min(xNice.domain.upperBound, yNice.domain.upperBound)
            if low < high { marks.append(.el("line", [MarkupAttribute("x1", xScale(low)), MarkupAttribute("y1", yScale(low)),
                                      MarkupAttribute("x2", xScale(high)), MarkupAttribute("y2", yScale(high)),
                                      MarkupAttribute("stroke", Theme.mutedText), MarkupAttribute("stroke-width", 1.2),
                                      MarkupAttribute("stroke-dasharray", "5 3")])) }
        }
        for (index, points) in drawn.enumerated() {
            let color = Theme.color(index)
            if points.x.count <= pointLimit {
                var dots: [MarkupNode] = []
                for i in points.x.indices {
                    dots.append(.el("circle", [MarkupAttribute("cx", xScale(points.x[i])), MarkupAttribute("cy", yScale(points.y[i])),
                                               MarkupAttribute("r", 2.8)]))
                }
                marks.append(.el("g", [MarkupAttribute("fill", color), MarkupAttribute("fill-opacity", "0.6")], dots))
            } else {
                marks.append(contentsOf: densityCells(points, xScale: xScale, yScale: yScale, color: color))
            }
        }
        var entries = drawn.enumerated().map { ($0.element.name, Theme.color($0.offset), LegendStyle.box) }
        if let identityLine { entries.append((identityLine, Theme.mutedText, .dashed)) }
        let legend = frame.legend(entries)
        let content = frame.heading(title: title, subtitle: subtitle) + legend
            + frame.axes(x: xNice.ticks.map { (xScale($0), NumberFormat.tick($0, step: xNice.step), nil) },
                         y: yNice.ticks.map { (yScale($0), NumberFormat.tick($0, step: yNice.step)) },
                         xTitle: xTitle, yTitle: yTitle)
            + [.el("defs", [], [frame.clipPath(id: clipID)]), .el("g", [MarkupAttribute("clip-path", "url(#\(clipID))")], marks)]
        return SVGDocument(width: frame.width, height: frame.height, title: title, content: content)
    }

    /// One path per shade: each occupied cell is a small square in the path of its shade.
    func densityCells(_ points: Series, xScale: LinearScale, yScale: LinearScale, color: String) -> [MarkupNode] {
        let columns = Int((frame.plotWidth / Self.cell).rounded(.up))
        let rows = Int((frame.plotHeight / Self.cell).rounded(.up))
        var counts = [Int32](repeating: 0, count: columns * rows)
        for i in points.x.indices {
            let column = PixelIndex.clamped((xScale(points.x[i]) - frame.plotLeft) / Self.cell, count: columns)
            let row = PixelIndex.clamped((yScale(points.y[i]) - frame.plotTop) / Self.cell, count: rows)
            counts[row * columns + column] += 1
        }
        let largest = Double(counts.max() ?? 1)
        let shades = [0.25, 0.4, 0.55, 0.75, 0.95]
        var paths = [String](repeating: "", count: shades.count)
        for row in 0..<rows {
            for column in 0..<columns {
                let count = counts[row * columns + column]
                guard count > 0 else { continue }
                // log scale: one point is the lightest shade, the densest cell the darkest.
                let level = largest <= 1 ? 0 : Int(log(Double(count)) / log(largest) * Double(shades.count - 1))
                let x = frame.plotLeft + Double(column) * Self.cell
                let y = frame.plotTop + Double(row) * Self.cell
                paths[level] += "M" + NumberFormat.coordinate(x) + " " + NumberFormat.coordinate(y) + "h4v4h-4z"
            }
        }
        return paths.indices.compactMap { level in
            paths[level].isEmpty ? nil : .el("path", [MarkupAttribute("d", paths[level]), MarkupAttribute("fill", color),
                                                      MarkupAttribute("fill-opacity", String(shades[level]))])
        }
    }
}
