import ForecastData
import HTTPCore

/// `POST /predict`, `POST /predict-with-alert` and `POST /predict/batch`.
///
/// Order of checks: body (415, 400, 422), then the model (503), then the day and its history
/// (422), then the answer, which waits in the loop until its log line is written with the rest
/// of the batch's (`PendingPredictions`; SPEC.md: the line is on disk before the response is
/// sent; a log that cannot take it turns the answer into a 503). An explained forecast's lines go
/// to the explanations log first, at once, in one `write`: when that fails the request answers
/// 503 and its prediction is not logged either. A request that fails any check writes nothing
/// to either log. Its log lines carry the request's id (the event loop sends it back
/// in `X-Request-Id` on every answer).
enum PredictHandlers {
    /// Most items one batch may hold (issue #4).
    static let maxBatchItems = 1000

    static func predict(_ request: HTTPRequest, _ context: ServiceContext, _ state: ServiceState) throws(HTTPError) -> HTTPResponse {
        let body = try RequestBody.json(request)
        let input = try PredictionInput.from(body)
        let forecast = try Forecast.make(input, context, request: request, explain: try ExplanationJSON.requested(in: body))
        try forecast.logExplanation(state, context)
        context.pending.addPrediction(forecast.entry, numbers: forecast.numbers)
        return forecast.response()
    }

    static func predictWithAlert(
        _ request: HTTPRequest, _ context: ServiceContext, _ state: ServiceState
    ) throws(HTTPError) -> HTTPResponse {
        let body = try RequestBody.json(request)
        let input = try PredictionInput.from(body)
        let threshold = body["seuil_alerte"] == nil || body["seuil_alerte"] == .null
            ? PredictionJSON.defaultAlertThreshold
            : try PredictionInput.number(body, "seuil_alerte", "")
        let forecast = try Forecast.make(input, context, request: request, explain: try ExplanationJSON.requested(in: body))
        try forecast.logExplanation(state, context)
        context.pending.addAlertPrediction(forecast.entry, numbers: forecast.numbers)
        let alert = forecast.entry.prediction < threshold
        let message = alert
            ? "the forecast is below the alert threshold"
            : "the forecast is at or above the alert threshold"
        return forecast.response(moreMembers: ",\"seuil_alerte\":" + PredictionJSON.number(threshold)
            + ",\"alerte\":" + (alert ? "true" : "false") + ",\"message\":" + JSONText.quoted(message))
    }

    /// Body: `{"items": [{…}, …]}` or a bare array of items; every item is validated (its day
    /// and history included) before any line is logged, and all lines go to the log in one
    /// `write`. The items share the request's id.
    static func predictBatch(_ request: HTTPRequest, _ context: ServiceContext) throws(HTTPError) -> HTTPResponse {
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
        let requestID = request.id
        let timestamp = context.clock.now()
        var forecasts: [Forecast] = []
        forecasts.reserveCapacity(inputs.count)
        for (index, input) in inputs.enumerated() {
            forecasts.append(try Forecast.make(
                input, context, requestID: requestID, timestamp: timestamp, location: "items[\(index)]."
            ))
        }
        context.pending.addBatch(forecasts.map(\.entry), numbers: forecasts.map(\.numbers))
        let version = forecasts[0].entry.modelVersion
        var response = HTTPResponse(status: 200, json: "{\"count\":" + String(inputs.count) + ",\"model_version\":"
            + JSONText.quoted(version) + ",\"timestamp\":\"" + timestamp + "\",\"predictions\":["
            + forecasts.map { "{" + String(decoding: $0.members, as: UTF8.self) + "}" }.joined(separator: ",") + "]}")
        response.awaitsCommit = true
        return response
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

}

/// One answered input: its log line and the members of its JSON answer (UTF-8, no braces).
private struct Forecast {
    let entry: PredictionLogEntry
    let members: [UInt8]
    /// The entry's numbers as the members formatted them, for its log line.
    let numbers: PredictionNumbers
    /// Set only when the request asked for it.
    var explanation: PredictionExplanation?

    /// Forecasts one request's input with its own id; with `explain`, the members end with the
    /// forecast's explanation.
    static func make(
        _ input: PredictionInput, _ context: ServiceContext, request: HTTPRequest, explain: Bool
    ) throws(HTTPError) -> Forecast {
        try make(input, context, requestID: request.id, timestamp: context.clock.now(), location: "", explain: explain)
    }

    /// Forecasts `input` with the loop's model and history (503 without a model, 422 when the
    /// history lacks days the features need, or when `explain` is asked of a model that cannot).
    static func make(
        _ input: PredictionInput, _ context: ServiceContext, requestID: String, timestamp: String, location: String,
        explain: Bool = false
    ) throws(HTTPError) -> Forecast {
        let model = try PredictHandlers.requireModel(context)
        let day = try ForecastDay.resolve(input, model: model, served: context.history, location: location)
        let outcome = model.predict(revenue: input.revenue, orderCount: input.orderCount, day: day.day, earlier: day.earlier)
        let calendar = ForecastCalendarFields(
            date: context.days.iso(day.day), forecastDate: context.days.iso(day.forecastDay), lower: outcome.lower, upper: outcome.upper,
            requestID: requestID
        )
        let entry = PredictionLogEntry(
            timestamp: timestamp, revenue: input.revenue, orderCount: input.orderCount, prediction: outcome.value,
            modelVersion: model.version, calendar: calendar
        )
        let numbers = PredictionNumbers(revenue: input.revenue, prediction: outcome.value, lower: outcome.lower, upper: outcome.upper)
        var members: [UInt8] = []  // appendMembers reserves its room at once
        PredictionJSON.appendMembers(
            input: input, numbers: numbers, timestamp: timestamp, version: model.version, calendar: calendar, to: &members
        )
        // Only asked-for explanations cost anything: the plain path never reaches this.
        guard explain else { return Forecast(entry: entry, members: members, numbers: numbers) }
        let explanation: PredictionExplanation
        do {
            explanation = try model.explain(
                revenue: input.revenue, orderCount: input.orderCount, day: day.day, earlier: day.earlier
            )
        } catch {
            throw .unprocessable(error.message)
        }
        members.appendUTF8(ExplanationJSON.member(explanation))
        return Forecast(entry: entry, members: members, numbers: numbers, explanation: explanation)
    }

    /// Appends the explanation's lines (if it has one) in one `write`, before its prediction
    /// line joins the batch's: a log that cannot take them answers 503, and the prediction is
    /// then not logged. Written at once rather than with the batch so that a failing
    /// explanations log refuses only the explained requests, never the plain ones.
    func logExplanation(_ state: ServiceState, _ context: ServiceContext) throws(HTTPError) {
        guard let explanation, let log = state.explanations else { return }
        do {
            try log.append(
                explanation, timestamp: entry.timestamp, requestID: entry.calendar?.requestID ?? "",
                modelVersion: entry.modelVersion, forecastDate: entry.calendar?.forecastDate ?? ""
            )
        } catch {
            state.metrics.shards[context.loop].logFailures.wrappingAdd(1, ordering: .relaxed)
            throw .serviceUnavailable(code: "log_unavailable", message: error.description)
        }
    }

    /// A 200 with the object of `members` and `moreMembers` (JSON text starting with a comma),
    /// sent once its log line is written (`PendingPredictions`).
    func response(moreMembers: String = "") -> HTTPResponse {
        var body: [UInt8] = []
        body.reserveCapacity(members.count + moreMembers.utf8.count + 2)
        body.append(UInt8(ascii: "{"))
        body.append(contentsOf: members)
        body.appendUTF8(moreMembers)
        body.append(UInt8(ascii: "}"))
        var response = HTTPResponse(status: 200, contentType: "application/json", body: body)
        response.awaitsCommit = true
        return response
    }
}
