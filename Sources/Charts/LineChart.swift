/// One named series of (x, y) points.
public struct Series: Sendable, Equatable {
    public let name: String
    public let x: [Double]
    public let y: [Double]
    /// Stroke width of the line in user units (a summary line such as a mean is drawn thicker).
    public var lineWidth = 1.6
    /// Drawn dashed: a reference level (a target, a nominal rate) rather than data.
    public var dashed = false

    /// Pairs beyond the shorter of `x` and `y` are dropped; non-finite points are skipped.
    public init(name: String, x: [Double], y: [Double]) {
        self.name = name
        let count = min(x.count, y.count)
        if x.allSatisfy(\.isFinite) && y.allSatisfy(\.isFinite) && x.count == y.count {
            self.x = x
            self.y = y
        } else {
            var keptX: [Double] = []
            var keptY: [Double] = []
            for index in 0..<count where x[index].isFinite && y[index].isFinite {
                keptX.append(x[index])
                keptY.append(y[index])
            }
            self.x = keptX
            self.y = keptY
        }
    }

    var isEmpty: Bool { x.isEmpty }
}

/// A shaded range between two curves (an interval around a forecast), drawn under the lines.
public struct Band: Sendable, Equatable {
    public let name: String
    public let x: [Double]
    public let low: [Double]
    public let high: [Double]
    /// The band takes the colour of the series at this index, lightened.
    public var colorIndex: Int

    /// Points beyond the shortest array, and points with a non-finite value, are dropped.
    public init(name: String, x: [Double], low: [Double], high: [Double], colorIndex: Int = 0) {
        self.name = name
        var kept: (x: [Double], low: [Double], high: [Double]) = ([], [], [])
        for index in 0..<min(x.count, low.count, high.count)
            where x[index].isFinite && low[index].isFinite && high[index].isFinite {
            kept.x.append(x[index])
            kept.low.append(low[index])
            kept.high.append(high[index])
        }
        (self.x, self.low, self.high) = kept
        self.colorIndex = colorIndex
    }
}

/// What the x axis shows.
public enum XAxis: Sendable, Equatable {
    /// Seconds since 1970 shown as UTC dates and times.
    case time
    /// Plain numbers with this axis title (unit included).
    case numeric(String)
}

/// Lines over time (or any sorted x): predictions over time, inputs over time, predicted vs
/// actual on the test days. Long series are downsampled per pixel column; short ones get a dot
/// per point, so a single point is still visible.
public struct LineChart: Sendable {
    public var title: String
    public var subtitle: String?
    public var xAxis: XAxis
    /// Title of the y axis, with its unit, e.g. "prediction (€)".
    public var yTitle: String
    public var series: [Series]
    /// Shaded ranges drawn under the lines, e.g. a forecast's interval; x must be sorted.
    public var bands: [Band] = []
    public var frame = ChartFrame()
    /// Share of the data range added on each side of the axes.
    static let margin = 0.02
    /// Below this many points per series, each point also gets a dot.
    public var dotLimit = 60

    /// One line per series, in palette order; a legend appears when there are several.
    public init(title: String, subtitle: String? = nil, xAxis: XAxis, yTitle: String, series: [Series]) {
        self.title = title
        self.subtitle = subtitle
        self.xAxis = xAxis
        self.yTitle = yTitle
        self.series = series
    }

    /// The chart, or a "no data" chart when every series is empty.
    public func render() -> SVGDocument {
        let clipID = ChartFrame.elementID("plot", title)
        let drawn = series.filter { !$0.isEmpty }.map(Self.sortedByX)
        let shaded = bands.filter { !$0.x.isEmpty }
        guard !drawn.isEmpty else { return frame.message(title: title, text: "No data to plot yet.") }
        let allX = drawn.flatMap { [$0.x.first!, $0.x.last!] } + shaded.flatMap { [$0.x.first!, $0.x.last!] }
        var (xLow, xHigh) = (allX.min()!, allX.max()!)
        if xLow == xHigh {
            // One instant: half an hour either side for a time axis, ±1 otherwise.
            let pad = xAxis == .time ? 1800.0 : max(abs(xLow) * 0.1, 1)
            (xLow, xHigh) = (xLow - pad, xHigh + pad)
        }
        // 2 % of room on each side, so dots on the first or last point are not cut in half.
        let xPad = (xHigh - xLow) * Self.margin
        (xLow, xHigh) = (xLow - xPad, xHigh + xPad)
        let yLow = (drawn.map { $0.y.min()! } + shaded.map { $0.low.min()! }).min()!
        let yHigh = (drawn.map { $0.y.max()! } + shaded.map { $0.high.max()! }).max()!
        let yPad = (yHigh - yLow) * Self.margin
        let yNice = Ticks.nice(low: yLow - yPad, high: yHigh + yPad, count: 6)
        let yScale = LinearScale(domain: yNice.domain, start: frame.plotBottom, end: frame.plotTop)

        let xScale: LinearScale
        let xTicks: [(position: Double, label: String, context: String?)]
        let xTitle: String
        switch xAxis {
        case .time:
            xScale = LinearScale(domain: xLow...xHigh, start: frame.plotLeft, end: frame.plotRight)
            xTicks = TimeTicks.ticks(start: xLow, end: xHigh).map { (xScale($0.time), $0.label, $0.context) }
            xTitle = "time (UTC)"
        case .numeric(let title):
            let xNice = Ticks.nice(low: xLow, high: xHigh, count: 8)
            xScale = LinearScale(domain: xNice.domain, start: frame.plotLeft, end: frame.plotRight)
            xTicks = xNice.ticks.map { (xScale($0), NumberFormat.tick($0, step: xNice.step), nil) }
            xTitle = title
        }
        let yTicks = yNice.ticks.map { (yScale($0), NumberFormat.tick($0, step: yNice.step)) }

        var marks: [MarkupNode] = shaded.map { band in
            // Upper edge left to right, then the lower edge back: one closed polygon.
            var points = ""
            for index in band.x.indices {
                points += NumberFormat.coordinate(xScale(band.x[index])) + "," + NumberFormat.coordinate(yScale(band.high[index])) + " "
            }
            for index in band.x.indices.reversed() {
                points += NumberFormat.coordinate(xScale(band.x[index])) + "," + NumberFormat.coordinate(yScale(band.low[index])) + " "
            }
            return .el("polygon", [MarkupAttribute("points", String(points.dropLast())), MarkupAttribute("fill", Theme.color(band.colorIndex)),
                                   MarkupAttribute("fill-opacity", "0.18"), MarkupAttribute("stroke", "none")])
        }
        for (index, line) in drawn.enumerated() {
            let color = Theme.color(index)
            let columns = Int(frame.plotWidth)
            let kept = Downsampling.minMaxPerColumn(x: line.x, y: line.y, columns: columns) { value in
                PixelIndex.clamped(xScale(value) - frame.plotLeft, count: columns)
            }
            var points = ""
            points.reserveCapacity(kept.count * 14)
            for keep in kept {
                points += NumberFormat.coordinate(xScale(line.x[keep])) + "," + NumberFormat.coordinate(yScale(line.y[keep])) + " "
            }
            if kept.count > 1 {
                var attributes = [MarkupAttribute("points", String(points.dropLast())), MarkupAttribute("fill", "none"),
                                  MarkupAttribute("stroke", color), MarkupAttribute("stroke-width", line.lineWidth),
                                  MarkupAttribute("stroke-linejoin", "round")]
                if line.dashed { attributes.append(MarkupAttribute("stroke-dasharray", "6 4")) }
                marks.append(.el("polyline", attributes))
            }
            if line.x.count <= dotLimit, !line.dashed {
                for position in line.x.indices {
                    marks.append(.el("circle", [MarkupAttribute("cx", xScale(line.x[position])),
                                                MarkupAttribute("cy", yScale(line.y[position])), MarkupAttribute("r", 3),
                                                MarkupAttribute("fill", color)]))
                }
            }
        }
        let legend = frame.legend(
            drawn.enumerated().map { ($0.element.name, Theme.color($0.offset), $0.element.dashed ? LegendStyle.dashed : LegendStyle.line) }
                + shaded.map { ($0.name, Theme.color($0.colorIndex), LegendStyle.box) })
        let content = frame.heading(title: title, subtitle: subtitle) + legend
            + frame.axes(x: xTicks, y: yTicks, xTitle: xTitle, yTitle: yTitle)
            + [.el("defs", [], [frame.clipPath(id: clipID)]),
               .el("g", [MarkupAttribute("clip-path", "url(#\(clipID))")], marks)]
        return SVGDocument(width: frame.width, height: frame.height, title: title, content: content)
    }

    /// The series with its points in x order (a log merged from replicas may interleave).
    static func sortedByX(_ series: Series) -> Series {
        var sorted = true
        for index in series.x.indices.dropFirst() where series.x[index] < series.x[index - 1] {
            sorted = false
            break
        }
        if sorted { return series }
        let order = series.x.indices.sorted { series.x[$0] < series.x[$1] }
        var result = Series(name: series.name, x: order.map { series.x[$0] }, y: order.map { series.y[$0] })
        result.lineWidth = series.lineWidth
        result.dashed = series.dashed
        return result
    }
}
