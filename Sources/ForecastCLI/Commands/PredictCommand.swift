import ForecastData
import ForecastService
import Foundation
import ModelRegistry

/// `forecast predict`: one forecast from the current model, offline and not logged (SPEC.md).
enum PredictCommand: Command {
    static let configuration = CommandConfiguration(
        name: "predict",
        abstract: "Predict tomorrow's revenue with the current model (not logged).",
        discussion: """
            Prints the forecast of the next day's revenue and an interval calibrated at training to \
            hold 80 % of actual next-day revenues (models trained before calibration existed show the \
            10th to 90th percentile of their trees instead), whatever the model is (a forest, a rule or \
            a blend). The figures describe --date (default: the day after the last day of the daily \
            history, i.e. the features file); the forecast is for the day after it. The revenue of the \
            days before --date comes from the features file, as the server does; a date the file \
            cannot support is an error naming the missing days.
            """,
        options: [
            OptionSpec("ca-total", value: "X", help: "Revenue of the day (required)."),
            OptionSpec("nb-commandes", value: "N", help: "Orders of the day (required)."),
            OptionSpec("date", value: "YYYY-MM-DD", help: "The day these figures describe.", default: "the day after the features file's history"),
            OptionSpec("features", value: "PATH", help: "Daily history (features file).", default: "data/processed/features_daily.csv"),
            OptionSpec("model", value: "VERSION", help: "Use this version instead of the current one."),
            OptionSpec("models-dir", value: "DIR", help: "Model registry folder.", default: "models"),
            OptionSpec.flag("json", help: "Print one JSON object on stdout."),
        ]
    )

    static func run(_ options: ParsedOptions, console: Console) throws -> ExitCode {
        guard let revenue = try options.double("ca-total", in: 0...Double.greatestFiniteMagnitude) else {
            throw CLIError.usage("--ca-total is required, e.g. 'forecast predict --ca-total 15000 --nb-commandes 320'")
        }
        guard let orders = try options.int("nb-commandes", in: 0...Int.max) else {
            throw CLIError.usage("--nb-commandes is required, e.g. 'forecast predict --ca-total 15000 --nb-commandes 320'")
        }
        let store = ModelStore(directory: options.string("models-dir") ?? "models")
        let model: ServableModel
        if let name = options.string("model") {
            model = try store.load(version: try store.resolve(name))
        } else {
            guard let current = try store.loadCurrent() else {
                throw CLIError.failure("no current model in \(store.directory); run 'forecast train' first")
            }
            model = current
        }
        let day = try forecastDay(options, historyLength: model.historyLength)
        let prediction = model.predict(revenue: revenue, orderCount: orders, day: day.day, earlier: day.earlier)
        if options.flag("json") {
            let object = PredictJSON(
                prediction: prediction.value, lower: prediction.lower, upper: prediction.upper,
                inputs: .init(revenue: revenue, orderCount: orders), modelVersion: model.version,
                date: day.day.iso, forecastDate: day.forecastDay.iso
            )
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            console.out(String(decoding: try encoder.encode(object), as: UTF8.self))
        } else {
            console.out(String(format: "%.2f", prediction.value))
            let kind = model.file.interval.map { String(format: "calibrated for %.0f %% coverage", $0.targetCoverage * 100) }
                ?? "10th–90th percentile of the trees"
            console.err(String(format: "forecast for %@ (from %@); interval (%@): %.2f to %.2f; model %@",
                               day.forecastDay.iso, day.day.iso, kind, prediction.lower, prediction.upper, model.version))
        }
        return .success
    }

    /// The day the figures describe and the revenue before it, by the server's rules; the
    /// features file is read only when it is needed or exists.
    private static func forecastDay(_ options: ParsedOptions, historyLength: Int) throws -> ForecastDay {
        var date: Day?
        if let text = options.string("date") {
            guard let day = Day(iso: text) else {
                throw CLIError.usage("--date must be a real date written YYYY-MM-DD, got '\(text)'")
            }
            date = day
        }
        let path = options.string("features") ?? "data/processed/features_daily.csv"
        var history: DailyHistory?
        if historyLength > 0 || date == nil {
            guard FileManager.default.fileExists(atPath: path) else {
                throw CLIError.failure("the daily history \(path) is missing; run 'forecast etl' or pass --features PATH")
            }
            history = try FeaturesFileHistorySource(path: path).load()
        }
        do {
            return try ForecastDay.resolve(
                date: date, ownHistory: nil, servedHistory: history, historyLength: historyLength, asker: .commandLine
            )
        } catch {
            throw CLIError.failure(error.message)
        }
    }

    /// Same names as the server's `POST /predict` answer, plus the interval.
    private struct PredictJSON: Encodable {
        struct Inputs: Encodable {
            let revenue: Double
            let orderCount: Int
            enum CodingKeys: String, CodingKey {
                case revenue = "ca_total", orderCount = "nb_commandes"
            }
        }

        let prediction: Double
        let lower: Double
        let upper: Double
        let inputs: Inputs
        let modelVersion: String
        let date: String
        let forecastDate: String

        enum CodingKeys: String, CodingKey {
            case prediction = "prediction_ca_jour_suivant", lower = "interval_lower", upper = "interval_upper"
            case inputs
            case modelVersion = "model_version"
            case date
            case forecastDate = "forecast_date"
        }
    }
}
