/// Out-of-bag R² (scikit-learn's `oob_score_`): each row is predicted by the trees whose
/// bootstrap did not draw it, and R² is taken over the rows that have at least one such tree.
enum OutOfBag {
    static func r2(trees: [FittedTree], features: FeatureMatrix, targets: [Double], jobs: Int) -> Double? {
        let rowCount = features.rowCount
        let chunk = 1024
        let chunks = (rowCount + chunk - 1) / chunk
        // Blocks of rows in parallel; within a block, tree by tree (one tree stays in cache while
        // every row of the block walks it, where row by row would pull every tree through the
        // cache for each row). Each row still adds its trees in tree order: the sum, and so the
        // R², is the same whatever `jobs` is.
        let parts = ParallelSlots.map(count: chunks, jobs: jobs) { index -> [Double?] in
            let first = index * chunk
            let count = min(rowCount, first + chunk) - first
            var sums = [Double](repeating: 0, count: count)
            var voters = [Int](repeating: 0, count: count)
            features.values.withUnsafeBufferPointer { values in
                for fitted in trees {
                    fitted.tree.nodes.withUnsafeBufferPointer { nodes in
                        for offset in 0..<count where !fitted.isInBag(first + offset) {
                            sums[offset] += walk(nodes, values, row: first + offset, rowCount: rowCount)
                            voters[offset] += 1
                        }
                    }
                }
            }
            return (0..<count).map { voters[$0] > 0 ? sums[$0] / Double(voters[$0]) : nil }
        }
        var actual: [Double] = [], predicted: [Double] = []
        for (row, prediction) in parts.flatMap({ $0 }).enumerated() {
            if let prediction {
                actual.append(targets[row])
                predicted.append(prediction)
            }
        }
        guard actual.count >= 2 else { return nil }
        return RegressionMetrics(actual: actual, predicted: predicted).r2
    }

    /// One tree's prediction for `row` of the column-major `values`, with the branch-free step
    /// of the serving walk (the training features are finite, so `>` and `<=` are exact
    /// opposites and the leaf is the one `DecisionTree.predict` reaches).
    @inline(__always)
    private static func walk(
        _ nodes: UnsafeBufferPointer<DecisionTree.Node>, _ values: UnsafeBufferPointer<Double>, row: Int, rowCount: Int
    ) -> Double {
        var index = 0
        while true {
            let node = nodes[index]
            if node.feature < 0 { return node.value }
            index = RandomForestRegressor.choose(
                values[Int(node.feature) &* rowCount &+ row] > node.value, right: Int(node.right), left: index &+ 1
            )
        }
    }
}
