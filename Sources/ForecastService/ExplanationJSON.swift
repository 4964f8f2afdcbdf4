import HTTPCore

/// The `explanation` member of a prediction answer, hand-formatted like the rest of it:
/// `"explanation":{"expected_value":X,"contributions":{"ca_total":X,…}}`, features in the
/// model's order.
enum ExplanationJSON {
    static func member(_ explanation: PredictionExplanation) -> String {
        var text = ",\"explanation\":{\"expected_value\":"
        text += PredictionJSON.number(explanation.expectedValue)
        text += ",\"contributions\":{"
        for (index, contribution) in explanation.contributions.enumerated() {
            if index > 0 { text += "," }
            text += JSONText.quoted(contribution.feature)
            text += ":"
            text += PredictionJSON.number(contribution.value)
        }
        text += "}}"
        return text
    }

    /// The optional `explain` member of a body: absent or null is false; anything but a
    /// boolean is a 422 naming it.
    static func requested(in body: JSONValue) throws(HTTPError) -> Bool {
        guard let member = body["explain"], member != .null else { return false }
        guard case let .bool(flag) = member else {
            throw .unprocessable("'explain' must be true or false, got \(member.typeName)")
        }
        return flag
    }
}
