import HTTPCore

/// `GET /health`, `GET /`, `GET /model/info` and `GET /metrics`.
enum StatusHandlers {
    static func health(_ request: HTTPRequest, _ context: ServiceContext, _ state: ServiceState) -> HTTPResponse {
        guard let model = context.model else {
            return HTTPResponse(status: 503, json: "{\"status\":\"unavailable\",\"model_loaded\":false,\"model_version\":null}")
        }
        // A failed reload is shown (the model above keeps serving): one lock per probe, no more.
        let failure = state.slot.loadError.map { ",\"model_error\":" + JSONText.quoted($0) } ?? ""
        return HTTPResponse(status: 200, json: "{\"status\":\"ok\",\"model_loaded\":true,\"model_version\":"
            + JSONText.quoted(model.version) + failure + "}")
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
        return HTTPResponse(status: 200, json: model.infoJSON)
    }

    static func metrics(_ request: HTTPRequest, _ context: ServiceContext, _ state: ServiceState) -> HTTPResponse {
        let uptime = Double(MonotonicClock.nanoseconds() - state.startedAt) / 1e9
        let text = state.serverMetrics.prometheusText()
            + state.metrics.prometheusText(modelVersion: context.model?.version, uptimeSeconds: uptime)
        return HTTPResponse(status: 200, contentType: "text/plain; version=0.0.4; charset=utf-8", body: Array(text.utf8))
    }
}
