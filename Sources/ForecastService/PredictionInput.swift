import HTTPCore

/// One validated input: the day's revenue (`ca_total`) and order count (`nb_commandes`).
///
/// Validation answers 422 with a message naming the field and the rule (SPEC.md: missing
/// field, wrong type, negative, not finite, `nb_commandes` not an integer). Unknown members
/// are ignored, as the original FastAPI service did.
struct PredictionInput: Equatable {
    /// Revenue of the day, ≥ 0 and finite.
    var revenue: Double
    /// Orders of the day, a whole number ≥ 0.
    var orderCount: Int

    /// Largest order count accepted: 2^53 − 1, the largest integer a JSON number holds exactly.
    static let maxOrderCount = 9_007_199_254_740_991.0

    /// Reads the input from a JSON object; `location` prefixes field names in messages
    /// (`items[3].`) for batch items.
    static func from(_ value: JSONValue, location: String = "") throws(HTTPError) -> PredictionInput {
        guard case .object = value else {
            throw .unprocessable("\(location.isEmpty ? "the body" : String(location.dropLast())) must be a JSON object with 'ca_total' and 'nb_commandes', got \(value.typeName)")
        }
        let revenue = try number(value, "ca_total", location)
        let orders = try number(value, "nb_commandes", location)
        guard orders == orders.rounded(), orders <= maxOrderCount else {
            throw .unprocessable("'\(location)nb_commandes' must be a whole number of orders, got \(orders)")
        }
        return PredictionInput(revenue: revenue, orderCount: Int(orders))
    }

    /// A required member that must be a finite number ≥ 0.
    static func number(_ object: JSONValue, _ name: String, _ location: String) throws(HTTPError) -> Double {
        guard let member = object[name] else {
            throw .unprocessable("missing field '\(location)\(name)': send a number ≥ 0")
        }
        guard case let .number(value) = member else {
            throw .unprocessable("'\(location)\(name)' must be a number, got \(member.typeName)")
        }
        guard value.isFinite else { throw .unprocessable("'\(location)\(name)' must be finite") }
        guard value >= 0 else { throw .unprocessable("'\(location)\(name)' must be ≥ 0, got \(value)") }
        return value
    }
}
