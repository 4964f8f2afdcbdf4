import ForecastData
import HTTPCore

/// One validated input: the day's revenue (`ca_total`) and order count (`nb_commandes`), and
/// optionally the day they describe (`date`) and the revenue of the days before it (`history`).
///
/// Validation answers 422 with a message naming the field and the rule (SPEC.md: missing
/// field, wrong type, negative, not finite, `nb_commandes` not an integer). Unknown members
/// are ignored, as the original FastAPI service did.
struct PredictionInput: Equatable {
    /// Revenue of the day, ≥ 0 and finite.
    var revenue: Double
    /// Orders of the day, a whole number ≥ 0.
    var orderCount: Int
    /// The day these figures describe; nil: the day after the server's history.
    var date: Day? = nil
    /// The days before `date` sent with the request, used instead of the server's history.
    var history: DailyHistory? = nil

    /// Most days a request's own `history` may hold.
    static let maxHistoryDays = 366

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
        var input = PredictionInput(revenue: revenue, orderCount: Int(orders))
        input.date = try day(value, "date", location)
        input.history = try history(value, location)
        return input
    }

    /// An optional `YYYY-MM-DD` member (absent or null: nil).
    static func day(_ object: JSONValue, _ name: String, _ location: String) throws(HTTPError) -> Day? {
        guard let member = object[name], member != .null else { return nil }
        guard case let .string(text) = member else {
            throw .unprocessable("'\(location)\(name)' must be a date string YYYY-MM-DD, got \(member.typeName)")
        }
        guard let day = Day(iso: text) else {
            throw .unprocessable("'\(location)\(name)' must be a real date written YYYY-MM-DD, got '\(text.prefix(40))'")
        }
        return day
    }

    /// The optional `history`: `[{"date": "YYYY-MM-DD", "ca_total": X}, …]`, consecutive days,
    /// 1 to `maxHistoryDays` of them.
    static func history(_ object: JSONValue, _ location: String) throws(HTTPError) -> DailyHistory? {
        guard let member = object["history"], member != .null else { return nil }
        guard case let .array(items) = member else {
            throw .unprocessable("'\(location)history' must be an array of {\"date\": \"YYYY-MM-DD\", \"ca_total\": X}, got \(member.typeName)")
        }
        guard !items.isEmpty else {
            throw .unprocessable("'\(location)history' is empty; send the days before 'date', or leave it out to use the server's")
        }
        guard items.count <= maxHistoryDays else {
            throw .unprocessable("'\(location)history' holds \(items.count) days; send at most \(maxHistoryDays)")
        }
        var firstDay: Day?
        var revenue: [Double] = []
        revenue.reserveCapacity(items.count)
        for (index, item) in items.enumerated() {
            let at = "\(location)history[\(index)]."
            guard case .object = item else {
                throw .unprocessable("'\(String(at.dropLast()))' must be an object {\"date\": …, \"ca_total\": …}, got \(item.typeName)")
            }
            guard let day = try self.day(item, "date", at) else {
                throw .unprocessable("missing field '\(at)date': send the day as YYYY-MM-DD")
            }
            if let firstDay, day != firstDay.adding(days: index) {
                throw .unprocessable("'\(at)date' is \(day) but must be \(firstDay.adding(days: index)): history days must be consecutive, oldest first")
            }
            firstDay = firstDay ?? day
            revenue.append(try number(item, "ca_total", at))
        }
        return firstDay.map { DailyHistory(firstDay: $0, revenue: revenue) }
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
