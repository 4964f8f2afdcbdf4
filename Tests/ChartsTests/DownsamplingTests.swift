import Testing
@testable import Charts

@Suite struct DownsamplingTests {
    @Test func keepsFirstLowHighLastPerColumn() {
        // 10 points per column, 50 columns; the extremes sit mid-column.
        let x = (0..<500).map(Double.init)
        var y = [Double](repeating: 0, count: 500)
        y[13] = 9
        y[17] = -9
        let kept = Downsampling.minMaxPerColumn(x: x, y: y, columns: 50) { Int($0 / 10) }
        #expect(kept.contains(13) && kept.contains(17))
        #expect(kept.contains(10) && kept.contains(19))
        #expect(kept.count <= 200)
        #expect(kept == kept.sorted())
    }

    @Test func shortSeries_KeepsEverything() {
        let kept = Downsampling.minMaxPerColumn(x: [1, 2, 3], y: [3, 2, 1], columns: 50) { Int($0) }
        #expect(kept == [0, 1, 2])
    }
}
