import Charts

/// The model part of `reports/index.html`: predicted vs actual on the test days, feature
/// importances and backtest folds of the current model. Until the model registry is in place
/// it says so instead.
enum PlotModelSection {
    static func make() -> (charts: [PlotCharts.Chart], nodes: [MarkupNode]) {
        ([], [
            HTMLPage.heading("Model"),
            HTMLPage.paragraph("No model yet: run 'forecast train' to see predicted vs actual on the test days, "
                + "feature importances and backtest folds here.", className: "note"),
        ])
    }
}
