import HTTPCore
import Synchronization

/// Prediction counters for `GET /metrics`, sharded per event loop like `ServerMetrics`.
public final class ServiceMetrics: Sendable {
    final class Shard: Sendable {
        let predictions = Atomic<Int>(0)
        let alertPredictions = Atomic<Int>(0)
        let batchRequests = Atomic<Int>(0)
        let batchItems = Atomic<Int>(0)
        let logFailures = Atomic<Int>(0)
    }

    let shards: [Shard]
    let reloads = Atomic<Int>(0)
    let reloadFailures = Atomic<Int>(0)

    /// Counters for `loops` event loops.
    public init(loops: Int) {
        shards = (0..<max(1, loops)).map { _ in Shard() }
    }

    /// Predictions logged so far (single, alert and batch items).
    public var loggedPredictions: Int {
        shards.reduce(0) {
            $0 + $1.predictions.load(ordering: .relaxed) + $1.alertPredictions.load(ordering: .relaxed)
                + $1.batchItems.load(ordering: .relaxed)
        }
    }

    /// Prometheus text for the service's own families.
    func prometheusText(modelVersion: String?, uptimeSeconds: Double) -> String {
        func total(_ counter: (Shard) -> Int) -> Int {
            shards.reduce(0) { $0 + counter($1) }
        }
        var text = "# HELP forecast_predictions_total Predictions served and logged, by route.\n"
        text += "# TYPE forecast_predictions_total counter\n"
        text += "forecast_predictions_total{route=\"/predict\"} \(total { $0.predictions.load(ordering: .relaxed) })\n"
        text += "forecast_predictions_total{route=\"/predict-with-alert\"} \(total { $0.alertPredictions.load(ordering: .relaxed) })\n"
        text += "forecast_predictions_total{route=\"/predict/batch\"} \(total { $0.batchItems.load(ordering: .relaxed) })\n"
        text += "# HELP forecast_batch_requests_total Successful batch requests.\n# TYPE forecast_batch_requests_total counter\n"
        text += "forecast_batch_requests_total \(total { $0.batchRequests.load(ordering: .relaxed) })\n"
        text += "# HELP forecast_log_write_failures_total Predictions refused because the log could not be written.\n"
        text += "# TYPE forecast_log_write_failures_total counter\nforecast_log_write_failures_total \(total { $0.logFailures.load(ordering: .relaxed) })\n"
        text += "# HELP forecast_model_reloads_total Models installed after start-up.\n# TYPE forecast_model_reloads_total counter\n"
        text += "forecast_model_reloads_total \(reloads.load(ordering: .relaxed))\n"
        text += "# HELP forecast_model_reload_failures_total Reloads that failed (the previous model kept serving).\n"
        text += "# TYPE forecast_model_reload_failures_total counter\n"
        text += "forecast_model_reload_failures_total \(reloadFailures.load(ordering: .relaxed))\n"
        text += "# HELP forecast_model_loaded Whether a model is loaded; the label names its version.\n"
        text += "# TYPE forecast_model_loaded gauge\n"
        if let modelVersion {
            text += "forecast_model_loaded{version=\(JSONText.quoted(modelVersion))} 1\n"
        } else {
            text += "forecast_model_loaded 0\n"
        }
        text += "# HELP forecast_uptime_seconds Seconds since the server started.\n# TYPE forecast_uptime_seconds gauge\n"
        text += "forecast_uptime_seconds \(uptimeSeconds)\n"
        return text
    }
}
