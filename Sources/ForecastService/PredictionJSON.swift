import HTTPCore

/// Hand-formatted JSON for prediction responses: no Foundation encoder on the hot path.
enum PredictionJSON {
    /// Default `seuil_alerte` of `/predict-with-alert`, as in the original API.
    static let defaultAlertThreshold = 10_000.0

    /// A JSON number for a finite `Double` (Swift's shortest round-trip text is valid JSON,
    /// exponent form included); non-finite values, which JSON cannot hold, become `null`.
    static func number(_ value: Double) -> String {
        value.isFinite ? value.description : "null"
    }

    /// The members of one prediction object, without braces, so callers can add their own.
    static func members(input: PredictionInput, outcome: PredictionOutcome, timestamp: String, version: String) -> String {
        "\"prediction_ca_jour_suivant\":" + number(outcome.value)
            + ",\"inputs\":{\"ca_total\":" + number(input.revenue) + ",\"nb_commandes\":" + String(input.orderCount)
            + "},\"timestamp\":\"" + timestamp + "\",\"model_version\":" + JSONText.quoted(version)
            + ",\"prediction_interval\":{\"lower\":" + number(outcome.lower) + ",\"upper\":" + number(outcome.upper)
            + ",\"quantiles\":[0.1,0.9]}"
    }
}
