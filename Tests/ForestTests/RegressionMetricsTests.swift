import Testing
import Forest

@Suite struct RegressionMetricsTests {
    @Test func metrics_MatchHandComputedValues() {
        // Errors 0, −1, 1, 0: MAE 0.5, MSE 0.5; actual mean 2.5, SS_tot 5, SS_res 2 → R² 0.6.
        let metrics = RegressionMetrics(actual: [1, 2, 3, 4], predicted: [1, 3, 2, 4])
        #expect(metrics.mae == 0.5)
        #expect(metrics.rmse == 0.5.squareRoot())
        #expect(abs(metrics.r2 - 0.6) < 1e-15)
    }

    @Test func predictingTheMean_GivesRSquaredZero() {
        let metrics = RegressionMetrics(actual: [2, 4, 6], predicted: [4, 4, 4])
        #expect(metrics.r2 == 0)
        #expect(abs(metrics.rmse - (8.0 / 3).squareRoot()) < 1e-15)
    }

    @Test func constantActuals_FollowScikitLearnsConvention() {
        #expect(RegressionMetrics(actual: [3, 3], predicted: [3, 3]).r2 == 1)
        #expect(RegressionMetrics(actual: [3, 3], predicted: [3, 4]).r2 == 0)
    }
}
