import ForecastData
import HTTPCore

/// The day a request describes and the revenue of the days before it: what the model needs
/// beside the request's own figures. One set of rules for `POST /predict` and `forecast predict`.
public struct ForecastDay: Sendable {
    /// The day the request's `ca_total` and `nb_commandes` describe; the forecast is for the next.
    public let day: Day
    /// Revenue of the days just before `day`, oldest first (empty for a model that needs none).
    public let earlier: ArraySlice<Double>

    /// The day forecast.
    public var forecastDay: Day { day.adding(days: 1) }

    /// Who asks, so messages name the fix in the asker's terms.
    public enum Asker: Sendable {
        /// An HTTP request; `location` prefixes field names (`items[3].` in a batch).
        case http(location: String)
        /// `forecast predict`.
        case commandLine
    }

    /// Resolves the day against the request's own history, else the served one.
    ///
    /// Without `date`, the request describes the day after the last day of that history. The
    /// days the model's features need must all be there: a gap or a date before the history
    /// is an error naming the days and the fix, never a forecast from stale days.
    public static func resolve(
        date: Day?, ownHistory: DailyHistory?, servedHistory: DailyHistory?, historyLength: Int, asker: Asker
    ) throws(ForecastDayError) -> ForecastDay {
        let history = ownHistory ?? servedHistory
        // The names are for error messages only: made when one is thrown (two interpolations,
        // some 1,000 instructions, on every request otherwise).
        var names: Names { Names(asker) }
        guard let day = date ?? history.map({ $0.lastDay.adding(days: 1) }) else {
            throw ForecastDayError(message: "no daily history is loaded, so \(names.date) is required: \(names.refresh) or give \(names.date)")
        }
        guard historyLength > 0 else { return ForecastDay(day: day, earlier: []) }
        guard let history else {
            throw ForecastDayError(message: "the model needs the revenue of the \(historyLength) days before \(day) and no daily history is loaded: \(names.refresh)\(names.sendHistory.map { " or send them in \($0)" } ?? "")")
        }
        do {
            return ForecastDay(day: day, earlier: try history.revenue(before: day, count: historyLength))
        } catch {
            let whose = ownHistory == nil ? "" : "the request's "
            let fix = switch error {
            case .missingDays: ownHistory == nil
                ? names.refresh + (names.sendHistory.map { " or send those days in \($0)" } ?? "")
                : "add those days to \(names.sendHistory ?? "the history")"
            case .beforeStart: names.sendHistory.map { "send the days before it in \($0)" } ?? "give a date from \(history.firstDay) on"
            }
            throw ForecastDayError(message: "\(names.date) \(day): \(whose)\(error); \(fix)")
        }
    }

    /// How each asker names the inputs and the fixes.
    private struct Names {
        let date: String
        let refresh: String
        let sendHistory: String?

        init(_ asker: Asker) {
            switch asker {
            case let .http(location):
                date = "'\(location)date'"
                refresh = "run 'forecast etl' on the latest export (the server reloads the features file by itself)"
                sendHistory = "'\(location)history'"
            case .commandLine:
                date = "--date"
                refresh = "run 'forecast etl' on the latest export, or pass --features PATH"
                sendHistory = nil
            }
        }
    }
}

/// A day the history cannot support, with the fix.
public struct ForecastDayError: Error, Equatable, Sendable, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}

extension ForecastDay {
    /// The HTTP form: `input`'s date and history against the loop's history; 422 when they
    /// cannot support the model.
    static func resolve(
        _ input: PredictionInput, model: any PredictionModel, served: LoadedHistory?, location: String = ""
    ) throws(HTTPError) -> ForecastDay {
        do {
            return try resolve(
                date: input.date, ownHistory: input.history, servedHistory: served?.history,
                historyLength: model.historyLength, asker: .http(location: location)
            )
        } catch {
            throw .unprocessable(error.message)
        }
    }
}
