import HTTPCore

/// `GET /health`, `GET /`, `GET /model/info` and `GET /metrics`.
enum StatusHandlers {
    static func health(_ request: HTTPRequest, _ context: ServiceContext, _ state: ServiceState) -> HTTPResponse {
        let history = ",\"daily_history\":" + historyJSON(context.history) + historyError(state)
        guard let model = context.model else {
            return HTTPResponse(status: 503, json: "{\"status\":\"unavailable\",\"model_loaded\":false,\"model_version\":null" + history + "}")
        }
        return HTTPResponse(status: 200, json: "{\"status\":\"ok\",\"model_loaded\":true,\"model_version\":"
            + JSONText.quoted(model.version) + modelError(state) + history + "}")
    }

    /// `{"first_day", "last_day", "days", "loaded_at", "path", "next_request_day"}`, or `null`
    /// when no history is loaded.
    static func historyJSON(_ loaded: LoadedHistory?) -> String {
        guard let loaded else { return "null" }
        let history = loaded.history
        return "{\"first_day\":\"" + history.firstDay.iso + "\",\"last_day\":\"" + history.lastDay.iso
            + "\",\"days\":" + String(history.revenue.count) + ",\"loaded_at\":\"" + loaded.loadedAt
            + "\",\"path\":" + JSONText.quoted(loaded.path) + ",\"next_request_day\":\"" + history.lastDay.adding(days: 1).iso + "\"}"
    }

    /// `,"model_error": "…"` while the last load of the current model failed (the model named
    /// in the answer keeps serving), else nothing.
    private static func modelError(_ state: ServiceState) -> String {
        state.modelStatus.lastFailure.map { ",\"model_error\":" + JSONText.quoted($0) } ?? ""
    }

    /// `,"daily_history_error": "…"` while the last read of the history failed, else nothing.
    private static func historyError(_ state: ServiceState) -> String {
        state.historyStatus.lastFailure.map { ",\"daily_history_error\":" + JSONText.quoted($0) } ?? ""
    }

    static func index(_ state: ServiceState, _ api: APIDescription) -> HTTPResponse {
        let routes = api.operations.map { operation in
            "{\"method\":\"" + operation.method + "\",\"path\":" + JSONText.quoted(operation.path)
                + ",\"summary\":" + JSONText.quoted(operation.summary) + "}"
        }
        return HTTPResponse(status: 200, json: "{\"name\":" + JSONText.quoted(api.title) + ",\"version\":"
            + JSONText.quoted(state.serviceVersion) + ",\"docs\":\"/docs\",\"openapi\":\"/openapi.json\",\"routes\":["
            + routes.joined(separator: ",") + "]}")
    }

    static func modelInfo(_ request: HTTPRequest, _ context: ServiceContext, _ state: ServiceState) throws(HTTPError) -> HTTPResponse {
        let model = try PredictHandlers.requireModel(context)
        // The model's own object, with the history it is served from added as a last member.
        var info = model.infoJSON
        if info.hasSuffix("}") {
            info.removeLast()
            info += (info.hasSuffix("{") ? "" : ",") + "\"daily_history\":" + historyJSON(context.history) + "}"
        }
        return HTTPResponse(status: 200, json: info)
    }

    static func metrics(_ request: HTTPRequest, _ context: ServiceContext, _ state: ServiceState) -> HTTPResponse {
        let uptime = Double(MonotonicClock.nanoseconds() - state.startedAt) / 1e9
        let text = state.serverMetrics.prometheusText()
            + state.metrics.prometheusText(modelVersion: context.model?.version, uptimeSeconds: uptime)
        return HTTPResponse(status: 200, contentType: "text/plain; version=0.0.4; charset=utf-8", body: Array(text.utf8))
    }
}
