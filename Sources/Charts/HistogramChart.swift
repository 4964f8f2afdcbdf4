import Foundation

/// Distribution of one or several samples over the same bins. Several samples (reference and
/// current in the drift report) are overlaid as translucent bars with an outline, in shares so
/// samples of different sizes compare.
public struct HistogramChart: Sendable {
    /// One sample to count.
    public struct Sample: Sendable, Equatable {
        public let name: String
        public let values: [Double]

        /// Non-finite values are dropped.
        public init(name: String, values: [Double]) {
            self.name = name
            self.values = values.filter(\.isFinite)
        }
    }

    public var title: String
    public var subtitle: String?
    public var xTitle: String
    public var samples: [Sample]
    /// Bars show the share of each sample (%) instead of counts; on by default for overlays.
    public var showShares: Bool
    /// Title of the y axis when counting, e.g. "predictions".
    public var countTitle: String
    public var frame = ChartFrame()

    /// `showShares` defaults to true when several samples are overlaid.
    public init(title: String, subtitle: String? = nil, xTitle: String, samples: [Sample], countTitle: String = "count",
                showShares: Bool? = nil) {
        self.title = title
        self.subtitle = subtitle
        self.xTitle = xTitle
        self.samples = samples
        self.countTitle = countTitle
        self.showShares = showShares ?? (samples.count > 1)
    }

    /// Bin edges on nice round values: about twice Sturges' number of bins (2·(log2 n + 1)),
    /// between 5 and 50; Sturges alone is too coarse to show a shape on a wide screen.
    public static func edges(low: Double, high: Double, count: Int) -> [Double] {
        let sturges = Int(log2(Double(max(count, 1))).rounded(.up)) + 1
        let target = min(max(2 * sturges, 5), 50)
        var (lower, upper) = (low, high)
        if lower == upper {
            let pad = lower == 0 ? 0.5 : abs(lower) * 0.05
            (lower, upper) = (lower - pad, upper + pad)
        }
        let step = Ticks.step(span: upper - lower, count: target)
        let first = (lower / step).rounded(.down)
        var last = (upper / step).rounded(.up)
        if last == first { last += 1 }
        // Same limit as `Ticks.nice`: past 2^52 bin indices do not step by one.
        guard abs(first) < 0x1p52, abs(last) < 0x1p52, last - first <= 1000, upper - lower < .infinity else {
            return [lower, upper]
        }
        return stride(from: first, through: last, by: 1).map { Ticks.clean($0 * step) }
    }

    /// The chart, or a "no data" chart when every sample is empty.
    public func render() -> SVGDocument {
        let drawn = samples.filter { !$0.values.isEmpty }
        guard !drawn.isEmpty else { return frame.message(title: title, text: "No data to plot yet.") }
        let low = drawn.map { $0.values.min()! }.min()!
        let high = drawn.map { $0.values.max()! }.max()!
        let edges = Self.edges(low: low, high: high, count: drawn.map(\.values.count).max()!)
        let binCount = edges.count - 1
        let heights: [[Double]] = drawn.map { sample in
            var counts = [Double](repeating: 0, count: binCount)
            for value in sample.values { counts[PixelIndex.bin(value, edges: edges)] += 1 }
            return showShares ? counts.map { $0 / Double(sample.values.count) * 100 } : counts
        }
        let tallest = heights.flatMap { $0 }.max()!
        let yNice = Ticks.nice(low: 0, high: tallest, count: 5)
        let xNice = Ticks.nice(low: edges.first!, high: edges.last!, count: 8)
        let xScale = LinearScale(domain: xNice.domain, start: frame.plotLeft, end: frame.plotRight)
        let yScale = LinearScale(domain: yNice.domain, start: frame.plotBottom, end: frame.plotTop)
        var marks: [MarkupNode] = []
        for (index, bars) in heights.enumerated() {
            let color = Theme.color(index)
            var rects: [MarkupNode] = []
            for bin in 0..<binCount where bars[bin] > 0 {
                let x0 = xScale(edges[bin])
                let x1 = xScale(edges[bin + 1])
                let top = yScale(bars[bin])
                rects.append(.el("rect", [MarkupAttribute("x", x0), MarkupAttribute("y", top),
                                          MarkupAttribute("width", max(x1 - x0, 0.5)),
                                          MarkupAttribute("height", max(frame.plotBottom - top, 0))]))
            }
            let opacity = drawn.count > 1 ? "0.45" : "0.8"
            marks.append(.el("g", [MarkupAttribute("fill", color), MarkupAttribute("fill-opacity", opacity),
                                   MarkupAttribute("stroke", color), MarkupAttribute("stroke-width", 1)], rects))
        }
        let legend = frame.legend(drawn.enumerated().map { ("\($0.element.name) (n = \(NumberFormat.grouped(Double($0.element.values.count), decimals: 0)))", Theme.color($0.offset), LegendStyle.box) })
        let content = frame.heading(title: title, subtitle: subtitle) + legend
            + frame.axes(x: xNice.ticks.map { (xScale($0), NumberFormat.tick($0, step: xNice.step), nil) },
                         y: yNice.ticks.map { (yScale($0), NumberFormat.tick($0, step: yNice.step)) },
                         xTitle: xTitle, yTitle: showShares ? "share of rows (%)" : countTitle)
            + marks
        return SVGDocument(width: frame.width, height: frame.height, title: title, content: content)
    }
}
