/// Out-of-bag R² (scikit-learn's `oob_score_`): each row is predicted by the trees whose
/// bootstrap did not draw it, and R² is taken over the rows that have at least one such tree.
enum OutOfBag {
    static func r2(trees: [FittedTree], features: FeatureMatrix, targets: [Double], jobs: Int) -> Double? {
        let rowCount = features.rowCount
        let chunk = 1024
        let chunks = (rowCount + chunk - 1) / chunk
        // Rows in parallel, trees in order within a row: the sum is reproducible.
        let parts = ParallelSlots.map(count: chunks, jobs: jobs) { index -> [Double?] in
            let rows = (index * chunk)..<min(rowCount, (index + 1) * chunk)
            return features.values.withUnsafeBufferPointer { values in
                rows.map { row -> Double? in
                    var total = 0.0, voters = 0
                    for fitted in trees where !fitted.isInBag(row) {
                        total += fitted.tree.predict { values[$0 * rowCount + row] }
                        voters += 1
                    }
                    return voters > 0 ? total / Double(voters) : nil
                }
            }
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
}
