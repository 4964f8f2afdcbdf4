import ForecastData

/// Joins logged forecasts with what happened (issue 8 §5): each line with a `forecast_date`
/// is matched with the actual revenue of that day in the daily history; for each forecast day
/// only the last forecast logged counts (latest timestamp; on a tie, the line read last).
///
/// The naive rules are scored on the same days from the same history: persistence forecasts
/// the revenue of the forecast's `date` (the day its inputs describe), the 7-day mean the mean
/// of the 7 days ending on `date`.
struct ForecastJoin {
    /// One forecast day with its forecast, its actual and the rules' forecasts.
    struct ScoredDay: Equatable, Sendable {
        /// `Day` ordinals of the day forecast and of the day the inputs describe.
        let forecastDay: Int
        let date: Int
        let prediction: Double
        let lower: Double
        let upper: Double
        let actual: Double
        let persistence: Double
        let movingAverage7d: Double
        /// The log row the forecast came from.
        let row: Int
    }

    /// Forecast days in time order that have an actual.
    let scored: [ScoredDay]
    /// Log rows (the last forecast of their day) whose forecast day has no actual yet, in
    /// forecast-day order.
    let awaitingActual: [Int]
    /// Lines without calendar fields (five-column logs): they do not say which day they forecast.
    let withoutForecastDate: Int
    /// Forecasts replaced by a later one for the same day.
    let superseded: Int
    /// Forecast days before the history starts (or whose inputs' day is not in it).
    let outsideHistory: Int

    /// `history` nil: the features file has no row, so nothing has an actual yet.
    init(log: PredictionLogData, history: DailyHistory?) {
        // The row that counts for each forecast day: the latest logged.
        var latest: [Int32: Int] = [:]
        var withoutDate = 0
        var withDate = 0
        for row in 0..<log.count {
            let day = log.forecastDays[row]
            guard day != PredictionLogData.noDay else {
                withoutDate += 1
                continue
            }
            withDate += 1
            if let kept = latest[day], log.times[kept] > log.times[row] { continue }
            latest[day] = row
        }
        var scored: [ScoredDay] = []
        var awaiting: [Int] = []
        var outside = 0
        let lastKnown = history?.lastDay.ordinal ?? Int.min
        for (day, row) in latest.sorted(by: { $0.key < $1.key }) {
            let forecastDay = Int(day)
            let date = Int(log.dates[row])
            guard let history, let actual = history.revenue(onOrdinal: forecastDay) else {
                if forecastDay > lastKnown { awaiting.append(row) } else { outside += 1 }
                continue
            }
            guard let persistence = history.revenue(onOrdinal: date), let mean = history.movingMean(endingOnOrdinal: date) else {
                outside += 1
                continue
            }
            scored.append(ScoredDay(forecastDay: forecastDay, date: date, prediction: log.predictions[row],
                                    lower: log.lowers[row], upper: log.uppers[row], actual: actual,
                                    persistence: persistence, movingAverage7d: mean, row: row))
        }
        self.scored = scored
        awaitingActual = awaiting
        withoutForecastDate = withoutDate
        superseded = withDate - latest.count
        outsideHistory = outside
    }
}
