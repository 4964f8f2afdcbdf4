import ForecastData
import HTTPCore

/// `POST /predict`, `POST /predict-with-alert` and `POST /predict/batch`.
///
/// Order of checks: body (415, 400, 422), then the model (503), then the log line (written
/// before the response exists, SPEC.md), then the response. A request that fails any check
/// writes nothing to the log.
enum PredictHandlers {
    /// Most items one batch may hold (issue #4).
    static let maxBatchItems = 1000

    static func predict(_ request: HTTPRequest, _ context: ServiceContext, _ state: ServiceState) throws(HTTPError) -> HTTPResponse {
        let input = try PredictionInput.from(try RequestBody.json(request))
        let model = try requireModel(context)
        let outcome = model.predict(revenue: input.revenue, orderCount: input.orderCount)
        let timestamp = UTCTimestamp.now()
        try log(state, context, PredictionLogEntry(
            timestamp: timestamp, revenue: input.revenue, orderCount: input.orderCount,
            prediction: outcome.value, modelVersion: model.version
        ))
        state.metrics.shards[context.loop].predictions.wrappingAdd(1, ordering: .relaxed)
        return HTTPResponse(status: 200, json: "{" + PredictionJSON.members(
            input: input, outcome: outcome, timestamp: timestamp, version: model.version
        ) + "}")
    }

    static func predictWithAlert(_ request: HTTPRequest, _ context: ServiceContext, _ state: ServiceState) throws(HTTPError) -> HTTPResponse {
        let body = try RequestBody.json(request)
        let input = try PredictionInput.from(body)
        let threshold = body["seuil_alerte"] == nil || body["seuil_alerte"] == .null
            ? PredictionJSON.defaultAlertThreshold
            : try PredictionInput.number(body, "seuil_alerte", "")
        let model = try requireModel(context)
        let outcome = model.predict(revenue: input.revenue, orderCount: input.orderCount)
        let timestamp = UTCTimestamp.now()
        try log(state, context, PredictionLogEntry(
            timestamp: timestamp, revenue: input.revenue, orderCount: input.orderCount,
            prediction: outcome.value, modelVersion: model.version
        ))
        state.metrics.shards[context.loop].alertPredictions.wrappingAdd(1, ordering: .relaxed)
        let alert = outcome.value < threshold
        let message = alert
            ? "the forecast is below the alert threshold"
            : "the forecast is at or above the alert threshold"
        return HTTPResponse(status: 200, json: "{" + PredictionJSON.members(
            input: input, outcome: outcome, timestamp: timestamp, version: model.version
        ) + ",\"seuil_alerte\":" + PredictionJSON.number(threshold) + ",\"alerte\":" + (alert ? "true" : "false")
            + ",\"message\":" + JSONText.quoted(message) + "}")
    }

    /// Body: `{"items": [{…}, …]}` or a bare array of items; every item is validated before
    /// any is predicted, and all lines go to the log in one `write`.
    static func predictBatch(_ request: HTTPRequest, _ context: ServiceContext, _ state: ServiceState) throws(HTTPError) -> HTTPResponse {
        let body = try RequestBody.json(request)
        let list: [JSONValue]
        if case let .array(items) = body {
            list = items
        } else if case let .array(items)? = body["items"] {
            list = items
        } else {
            throw .unprocessable("the body must be {\"items\": [{\"ca_total\": …, \"nb_commandes\": …}, …]} or a bare array of such objects")
        }
        guard !list.isEmpty else { throw .unprocessable("'items' is empty; send 1 to \(maxBatchItems) items") }
        guard list.count <= maxBatchItems else {
            throw .unprocessable("'items' holds \(list.count) items; send at most \(maxBatchItems) per request")
        }
        var inputs: [PredictionInput] = []
        inputs.reserveCapacity(list.count)
        for (index, item) in list.enumerated() {
            inputs.append(try PredictionInput.from(item, location: "items[\(index)]."))
        }
        let model = try requireModel(context)
        let timestamp = UTCTimestamp.now()
        var entries: [PredictionLogEntry] = []
        var objects: [String] = []
        entries.reserveCapacity(inputs.count)
        objects.reserveCapacity(inputs.count)
        for input in inputs {
            let outcome = model.predict(revenue: input.revenue, orderCount: input.orderCount)
            entries.append(PredictionLogEntry(
                timestamp: timestamp, revenue: input.revenue, orderCount: input.orderCount,
                prediction: outcome.value, modelVersion: model.version
            ))
            objects.append("{" + PredictionJSON.members(input: input, outcome: outcome, timestamp: timestamp, version: model.version) + "}")
        }
        do {
            try state.log.append(entries)
        } catch {
            state.metrics.shards[context.loop].logFailures.wrappingAdd(1, ordering: .relaxed)
            throw .serviceUnavailable(code: "log_unavailable", message: error.description)
        }
        state.metrics.shards[context.loop].batchRequests.wrappingAdd(1, ordering: .relaxed)
        state.metrics.shards[context.loop].batchItems.wrappingAdd(inputs.count, ordering: .relaxed)
        return HTTPResponse(status: 200, json: "{\"count\":" + String(inputs.count) + ",\"model_version\":"
            + JSONText.quoted(model.version) + ",\"timestamp\":\"" + timestamp + "\",\"predictions\":["
            + objects.joined(separator: ",") + "]}")
    }

    /// The loop's model, or 503 naming the fix.
    static func requireModel(_ context: ServiceContext) throws(HTTPError) -> any PredictionModel {
        guard let model = context.model else {
            throw .serviceUnavailable(
                code: "model_unavailable",
                message: "no model is loaded; run 'forecast train' (the server picks the new model up within a second)"
            )
        }
        return model
    }

    /// Appends the line, or answers 503 without a prediction if the log cannot take it.
    private static func log(_ state: ServiceState, _ context: ServiceContext, _ entry: PredictionLogEntry) throws(HTTPError) {
        do {
            try state.log.append(entry)
        } catch {
            state.metrics.shards[context.loop].logFailures.wrappingAdd(1, ordering: .relaxed)
            throw .serviceUnavailable(code: "log_unavailable", message: error.description)
        }
    }
}
