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

@Suite struct SelectionTests {
    @Test func ranks_MatchASortedCopy_ForEverySizeAndRank() {
        var random = SeededGenerator(seed: 11)
        for count in [1, 2, 3, 5, 10, 37, 200] {
            // Few distinct values, so ties are common.
            let values = (0..<count).map { _ in Double(random.next(below: 7)) }
            let sorted = values.sorted()
            values.withUnsafeBufferPointer { buffer in
                for k in 0..<count {
                    let (low, high) = Selection.ranks(k, of: buffer)
                    #expect(low == sorted[k] && high == sorted[min(k + 1, count - 1)], "count \(count) rank \(k)")
                }
            }
        }
    }

    @Test func percentile_AgreesWithTheSortedDefinition() {
        var random = SeededGenerator(seed: 3)
        let values = (0..<200).map { _ in Double(random.next() >> 11) }
        let sorted = values.sorted()
        values.withUnsafeBufferPointer { buffer in
            sorted.withUnsafeBufferPointer { sortedBuffer in
                for percent in [0.0, 10, 50, 90, 100] {
                    #expect(PredictionInterval.percentile(percent, of: buffer)
                        == PredictionInterval.percentile(percent, ofSorted: sortedBuffer))
                }
            }
        }
    }
}
