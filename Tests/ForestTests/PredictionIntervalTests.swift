import Testing
@testable import Forest

@Suite struct PredictionIntervalTests {
    @Test func percentile_InterpolatesLinearlyLikeNumPy() {
        // numpy.percentile([1, 2, 3, 4, 5], [10, 90]) == [1.4, 4.6]
        let values: [Double] = [1, 2, 3, 4, 5]
        values.withUnsafeBufferPointer { sorted in
            #expect(abs(PredictionInterval.percentile(10, ofSorted: sorted) - 1.4) < 1e-12)
            #expect(abs(PredictionInterval.percentile(90, ofSorted: sorted) - 4.6) < 1e-12)
            #expect(PredictionInterval.percentile(0, ofSorted: sorted) == 1)
            #expect(PredictionInterval.percentile(100, ofSorted: sorted) == 5)
        }
    }

    @Test func interval_BracketsTheMeanOfTheTrees() throws {
        let (features, targets) = try Synthetic.make(rows: 200, features: 2, seed: 6)
        let forest = try RandomForestRegressor.fit(
            features: features, targets: targets, parameters: ForestParameters(treeCount: 30)
        )
        for row in 0..<20 {
            let values = features.row(row)
            let interval = forest.predictWithInterval(row: values)
            #expect(interval.value == forest.predict(row: values))
            let perTree = forest.trees.map { $0.predict(row: values) }.sorted()
            #expect(interval.lower >= perTree.first! && interval.upper <= perTree.last!)
            #expect(interval.lower <= interval.upper)
        }
    }
}
