import ForecastData
import Forest

extension ServableModel {
    /// Why the forecast for `day` (same inputs as `predict`) is what it is; the contributions
    /// plus the expected value give `predict(…).value` to rounding (1e-9 on the daily model).
    ///
    /// - A forest: exact SHAP values of its features (TreeSHAP), in `featureNames` order, and
    ///   its expected value. A scale-free forest's are multiplied by the 7-day mean, as its
    ///   output is.
    /// - A rule: its own terms (`RuleModel.terms`), expected value 0.
    /// - A blend: each part's, weighted as the blend weighs them.
    ///
    /// A forest's explanation takes tens of milliseconds (TreeSHAP walks every leaf of every
    /// tree), so it runs only when a caller asks; the first call also builds the explainer from
    /// the file's node covers. A forest trained before covers were stored cannot explain.
    public func explain(
        revenue: Double, orderCount: Int, day: Day, earlier: ArraySlice<Double>
    ) throws(ExplanationError) -> ModelExplanation {
        let recent = RecentRevenue(earlier: earlier, today: revenue)
        switch forecaster {
        case let .rule(rule):
            return ModelExplanation(expectedValue: 0, contributions: rule.terms(recent, day: day))
        case let .blend(part, rule):
            let forest = try forestPart(part, revenue: revenue, orderCount: orderCount, day: day, earlier: earlier)
            let weight = Forecaster.blendWeight
            return ModelExplanation(
                expectedValue: weight * forest.expectedValue,
                contributions: forest.contributions.map { (name: $0.name, value: weight * $0.value) }
                    + rule.terms(recent, day: day).map { (name: $0.name, value: (1 - weight) * $0.value) }
            )
        default:
            return try forestPart(forecaster, revenue: revenue, orderCount: orderCount, day: day, earlier: earlier)
        }
    }

    /// The SHAP values of a forest forecaster (`levels` or `scaleFree`), in forecast units.
    private func forestPart(
        _ part: Forecaster, revenue: Double, orderCount: Int, day: Day, earlier: ArraySlice<Double>
    ) throws(ExplanationError) -> ModelExplanation {
        guard let forest = part.forest,
              let row = part.forestRow(revenue: revenue, orderCount: orderCount, day: day, earlier: earlier) else {
            return ModelExplanation(expectedValue: 0, contributions: [])
        }
        let explanation = try explainers.explainer(file: file, forest: forest).explain(row: row)
        // A scale-free forest predicts relative to the 7-day mean; its forecast is that times it.
        var scale = 1.0
        if case .scaleFree = part { scale = ScaleFreeFeatures.scale(RecentRevenue(earlier: earlier, today: revenue)) }
        return ModelExplanation(
            expectedValue: scale * explanation.expectedValue,
            contributions: zip(part.features.names, explanation.contributions).map { (name: $0, value: scale * $1) }
        )
    }
}
