/// Training or prediction inputs: `rowCount` rows of `featureCount` numbers, stored column by
/// column so that a split search reads one feature's values from one contiguous block.
public struct FeatureMatrix: Sendable, Equatable {
    /// Rows (samples).
    public let rowCount: Int
    /// Columns (features).
    public let featureCount: Int
    /// `values[feature * rowCount + row]`.
    public let values: [Double]

    /// Builds a matrix from rows; every row must have `featureCount` values.
    public init(rows: [[Double]], featureCount: Int) throws(ForestError) {
        var columns = [Double](repeating: 0, count: rows.count * featureCount)
        for (rowIndex, row) in rows.enumerated() {
            guard row.count == featureCount else {
                throw .shapeMismatch("row \(rowIndex) has \(row.count) values, expected \(featureCount)")
            }
            for (feature, value) in row.enumerated() {
                columns[feature * rows.count + rowIndex] = value
            }
        }
        self.rowCount = rows.count
        self.featureCount = featureCount
        self.values = columns
    }

    /// Wraps column-major values (`columns.count == rowCount * featureCount`).
    public init(columnMajor columns: [Double], rowCount: Int, featureCount: Int) throws(ForestError) {
        guard rowCount >= 0, featureCount > 0, columns.count == rowCount * featureCount else {
            throw .shapeMismatch("\(columns.count) values do not make \(rowCount) rows of \(featureCount) features")
        }
        self.rowCount = rowCount
        self.featureCount = featureCount
        self.values = columns
    }

    /// The value of `feature` in `row`.
    public subscript(row: Int, feature: Int) -> Double {
        values[feature * rowCount + row]
    }

    /// One row's values, in feature order.
    public func row(_ row: Int) -> [Double] {
        (0..<featureCount).map { values[$0 * rowCount + row] }
    }

    /// The rows in `range`, as a new matrix (for temporal splits and backtest folds).
    public func rows(_ range: Range<Int>) -> FeatureMatrix {
        var columns: [Double] = []
        columns.reserveCapacity(range.count * featureCount)
        for feature in 0..<featureCount {
            columns += values[(feature * rowCount + range.lowerBound)..<(feature * rowCount + range.upperBound)]
        }
        // The shape is consistent by construction.
        return FeatureMatrix(unchecked: columns, rowCount: range.count, featureCount: featureCount)
    }

    private init(unchecked columns: [Double], rowCount: Int, featureCount: Int) {
        self.rowCount = rowCount
        self.featureCount = featureCount
        self.values = columns
    }
}
