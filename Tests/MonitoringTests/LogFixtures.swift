import ForecastData
import Foundation
@testable import Monitoring

/// Calendar-shaped log lines and features files written by hand for the tests.
enum LogFixtures {
    static let calendarHeader = PredictionLogEntry.header + "\n"
    static let fiveColumnHeader = PredictionLogEntry.fiveColumnHeader + "\n"

    /// A calendar line forecasting `forecastDate` (inputs of the day before) at `time`.
    static func line(_ time: String, forecast forecastDate: String, prediction: Double, lower: Double, upper: Double,
                     version: String = "v1", id: String = "r") -> String {
        let day = Day(iso: forecastDate)!
        return "\(time),1000,10,\(prediction),\(version),\(day.adding(days: -1).iso),\(forecastDate),\(lower),\(upper),\(id)\n"
    }

    /// The log text parsed as the reader does.
    static func read(_ text: String) -> (data: PredictionLogData, malformed: Int, examples: [Int]) {
        var data = PredictionLogData()
        var malformed = 0
        var examples: [Int] = []
        Array(text.utf8).withUnsafeBufferPointer { bytes in
            PredictionLogReader.parse(bytes, into: &data, malformed: &malformed, examples: &examples)
        }
        return (data, malformed, examples)
    }

    /// A history of consecutive days from `first` with these revenues.
    static func history(from first: String, _ revenues: [Double]) -> DailyHistory {
        DailyHistory(firstDay: Day(iso: first)!, revenue: revenues)
    }

    static func ordinal(_ iso: String) -> Int { Day(iso: iso)!.ordinal }
}
