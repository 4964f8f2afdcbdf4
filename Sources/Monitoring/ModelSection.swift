import Charts
import ForecastData
import ModelRegistry

/// The model part of `reports/index.html`, from the current model of the registry: predicted
/// vs actual on the test days, feature importances and the backtest folds. Without a model
/// (or with one that cannot be read) the section says so and the log charts are still written.
enum ModelSection {
    /// The section's charts and page nodes, and a warning for stderr when the model is unreadable.
    struct Section {
        let charts: [ReportChart]
        let nodes: [MarkupNode]
        let warning: String?
        /// The current model's file, for the training range of anomalies.
        let model: ModelFile?
    }

    /// At most this many features are drawn (the most important ones).
    static let importanceLimit = 20

    static func make(modelsDirectory: String) -> Section {
        let heading = HTMLPage.heading("Model")
        let file: ModelFile
        do {
            guard let version = try ModelStore(directory: modelsDirectory).loadCurrent() else {
                return Section(charts: [], nodes: [heading, HTMLPage.paragraph(
                    "No model yet in \(modelsDirectory)/: run 'forecast train' to see predicted vs actual on the test days, "
                        + "feature importances and backtest folds here.", className: "note")], warning: nil, model: nil)
            }
            file = version.file
        } catch {
            let message = "could not read the current model in \(modelsDirectory)/: \(error)"
            return Section(charts: [], nodes: [heading, HTMLPage.paragraph(message, className: "note")],
                           warning: message, model: nil)
        }
        let charts = [testChart(file), importanceChart(file), backtestChart(file)].compactMap { $0 }
        let test = file.metrics.test
        var nodes = [heading, HTMLPage.paragraph(
            "Current model \(file.modelVersion) (\(file.featureSet) features, \(file.hyperparameters.nEstimators) trees), "
                + "trained on \(file.training.trainRows) days (\(file.training.trainFirstDay) to \(file.training.trainLastDay)), "
                + "tested on \(file.training.testRows) days (\(file.training.testFirstDay) to \(file.training.testLastDay)).")]
        nodes.append(HTMLPage.cards([
            ("test MAE (€)", NumberFormat.figure(test.mae)), ("test RMSE (€)", NumberFormat.figure(test.rmse)),
            ("test R²", NumberFormat.grouped(test.r2, decimals: 3)),
        ] + file.metrics.baselines.keys.sorted().map { name in
            ("\(name) MAE (€)", NumberFormat.figure(file.metrics.baselines[name]!.mae))
        }))
        nodes.append(HTMLPage.grid(charts.map { HTMLPage.figure(source: $0.fileName, alt: $0.document.title, caption: $0.caption) }))
        return Section(charts: charts, nodes: nodes, warning: nil, model: file)
    }

    static func seconds(_ isoDay: String) -> Double? {
        Day(iso: isoDay).map { Double($0.ordinal) * 86_400 }
    }

    static func testChart(_ file: ModelFile) -> ReportChart? {
        var x: [Double] = [], actual: [Double] = [], predicted: [Double] = []
        for row in file.testPredictions {
            guard let time = seconds(row.date) else { continue }
            x.append(time)
            actual.append(row.actual)
            predicted.append(row.predicted)
        }
        let metrics = file.metrics.test
        let chart = LineChart(
            title: "Predicted vs actual on the test days",
            subtitle: "model \(file.modelVersion) · MAE \(NumberFormat.figure(metrics.mae)) € · R² \(NumberFormat.grouped(metrics.r2, decimals: 3))",
            xAxis: .time, yTitle: "revenue of the day (€)",
            series: [Series(name: "actual", x: x, y: actual), Series(name: "predicted", x: x, y: predicted)])
        return ReportChart(fileName: "model_test_predictions.svg",
                           caption: "The model's predictions for the held-out last days of the features, beside what happened.",
                           document: chart.render())
    }

    static func importanceChart(_ file: ModelFile) -> ReportChart? {
        let ranked = file.metrics.featureImportances.sorted { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }
            .prefix(importanceLimit)
        var chart = BarChart(
            title: "Feature importances", subtitle: "mean decrease in impurity, share of the total",
            categories: ranked.map(\.key), groups: [.init(name: "importance", values: ranked.map(\.value))],
            valueTitle: "importance (share, 0 to 1)")
        // A band of about 40 px per feature: two features should not get 150 px bars.
        chart.frame = ChartFrame(height: min(max(150 + 40 * Double(ranked.count), 260), 900), left: 150)
        return ReportChart(fileName: "model_feature_importances.svg",
                           caption: "How much each input feature reduces the trees' error, most important first.",
                           document: chart.render())
    }

    static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// "Aug 6 – Sep 10, 2025": short enough for the bar chart's label column.
    static func foldLabel(_ first: String, _ last: String) -> String {
        guard let start = Day(iso: first)?.components, let end = Day(iso: last)?.components else { return first + " – " + last }
        let from = monthNames[start.month - 1] + " " + String(start.day) + (start.year == end.year ? "" : ", " + String(start.year))
        return from + " – " + monthNames[end.month - 1] + " " + String(end.day) + ", " + String(end.year)
    }

    static func backtestChart(_ file: ModelFile) -> ReportChart? {
        guard let backtest = file.metrics.backtest, !backtest.folds.isEmpty else { return nil }
        let names = ["model"] + Set(backtest.folds.flatMap(\.metrics.keys)).subtracting(["model"]).sorted()
        let categories = backtest.folds.map { foldLabel($0.testFirstDay, $0.testLastDay) }
        let groups = names.map { name in
            BarChart.Group(name: name, values: backtest.folds.map { $0.metrics[name]?.mae ?? .nan })
        }
        var chart = BarChart(title: "Backtest folds", subtitle: "mean absolute error per fold (lower is better)",
                             categories: categories, groups: groups, valueTitle: "MAE on the fold's test days (€)")
        chart.frame = ChartFrame(height: max(440, 110 + Double(categories.count * names.count) * 16 + 72), left: 190)
        return ReportChart(fileName: "model_backtest.svg",
                           caption: "Walk-forward backtest: each fold trains on the days before its test window.",
                           document: chart.render())
    }
}
