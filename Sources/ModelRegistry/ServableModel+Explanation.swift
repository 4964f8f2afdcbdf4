import ForecastData
import Forest

extension ServableModel {
    /// Why the forecast for `day` (same inputs as `predict`) is what it is: exact SHAP values
    /// of the forest's features, in `featureNames` order, and the forest's expected value;
    /// they add up to `predict(…).value` to rounding (1e-9 on the daily model).
    ///
    /// Tens of milliseconds for the daily model (TreeSHAP walks every leaf of every tree), so
    /// it runs only when a caller asks; the first call also builds the explainer from the
    /// file's node covers. A model trained before covers were stored cannot explain.
    public func explain(
        revenue: Double, orderCount: Int, day: Day, earlier: ArraySlice<Double>
    ) throws(ExplanationError) -> ModelExplanation {
        let explainer = try explainers.explainer(file: file, forest: forest)
        // The same row `predict` builds on the stack, as an array.
        let row = featureSet == FeatureSet.extended.rawValue
            ? ExtendedWindow(earlier: earlier).features(revenue: revenue, orderCount: orderCount, day: day)
            : [revenue, Double(orderCount)]
        let explanation = explainer.explain(row: row)
        return ModelExplanation(
            expectedValue: explanation.expectedValue,
            contributions: zip(featureNames, explanation.contributions).map { (name: $0, value: $1) }
        )
    }
}
