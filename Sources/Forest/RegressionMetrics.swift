/// MAE, RMSE and R² of predictions against actual values, as scikit-learn's
/// `mean_absolute_error`, `root_mean_squared_error` and `r2_score` define them.
public struct RegressionMetrics: Sendable, Equatable, Codable {
    /// Mean absolute error, in the target's unit.
    public let mae: Double
    /// Root mean squared error, in the target's unit.
    public let rmse: Double
    /// Coefficient of determination: 1 − SS_res / SS_tot. 1 is perfect, 0 is as good as
    /// predicting the mean of `actual`, negative is worse. When `actual` is constant, R² is 1
    /// for a perfect prediction and 0 otherwise (scikit-learn's convention).
    public let r2: Double

    /// Metrics of `predicted` against `actual` (same non-zero length).
    public init(actual: [Double], predicted: [Double]) {
        let count = Double(min(actual.count, predicted.count))
        guard count > 0 else {
            self.init(mae: .nan, rmse: .nan, r2: .nan)
            return
        }
        var absolute = 0.0, squared = 0.0, mean = 0.0
        for index in 0..<Int(count) {
            let error = actual[index] - predicted[index]
            absolute += abs(error)
            squared += error * error
            mean += actual[index]
        }
        mean /= count
        var total = 0.0
        for index in 0..<Int(count) { total += (actual[index] - mean) * (actual[index] - mean) }
        let r2: Double = total > 0 ? 1 - squared / total : (squared == 0 ? 1 : 0)
        self.init(mae: absolute / count, rmse: (squared / count).squareRoot(), r2: r2)
    }

    /// Metrics from known values (e.g. read back from a model file).
    public init(mae: Double, rmse: Double, r2: Double) {
        self.mae = mae
        self.rmse = rmse
        self.r2 = r2
    }
}
