extension APIDescription {
    /// The members every prediction input has: the day's figures, its date and its own history.
    private static let inputProperties = """
        "ca_total":{"type":"number","minimum":0,"description":"Revenue of the day"},\
        "nb_commandes":{"type":"integer","minimum":0,"description":"Orders of the day"},\
        "date":{"type":"string","format":"date","description":"The day these figures describe (YYYY-MM-DD); the forecast is for the next day. Default: the day after the server's daily history"},\
        "history":{"type":"array","minItems":1,"maxItems":366,"description":"Revenue of the consecutive days before 'date', oldest first, used instead of the server's daily history",\
        "items":{"type":"object","required":["date","ca_total"],"properties":{"date":{"type":"string","format":"date"},"ca_total":{"type":"number","minimum":0}}}}
        """
    private static let inputSchema = """
        {"type":"object","required":["ca_total","nb_commandes"],"properties":{\(inputProperties)}}
        """
    /// `explain`, which the single-forecast routes take (not the batch: an explanation costs
    /// tens of milliseconds, a thousand of them would hold an event loop for seconds).
    private static let explainProperty = """
        "explain":{"type":"boolean","default":false,"description":"Add 'explanation': {'expected_value', 'contributions': {feature: value}}, each feature's exact SHAP value (TreeSHAP); they add up to the forecast. 422 for a model trained before explanations existed"}
        """
    private static let errorResponses: [(Int, String)] = [
        (400, "Malformed HTTP or JSON"), (411, "No Content-Length (chunked bodies are refused)"),
        (413, "Body over the limit"), (415, "Content-Type is not JSON"),
        (422, "Validation failed: missing field, wrong type, negative, not finite, nb_commandes not whole; or the daily history lacks days the forecast needs (the message names them)"),
        (503, "No model loaded, or the prediction log cannot be written"),
    ]

    /// The answer of a guarded route to a request without the token.
    static let unauthorizedResponse = (
        401, "No 'Authorization: Bearer <token>' with the server's API token; the answer carries 'WWW-Authenticate: Bearer'"
    )

    /// The forecast service's API; with `tokenRequired` (serve --token-file or
    /// FORECAST_API_TOKEN) the prediction routes and /metrics are marked as needing the token.
    public static func forecast(version: String, tokenRequired: Bool = false) -> APIDescription {
        var api = unguarded(version: version)
        guard tokenRequired else { return api }
        for index in api.operations.indices where guardedPaths.contains(api.operations[index].path) {
            api.operations[index].needsToken = true
            api.operations[index].responses.insert(unauthorizedResponse, at: 1)
        }
        return api
    }

    /// The routes `ForecastRoutes` puts behind the token.
    static let guardedPaths: Set<String> = ["/predict", "/predict-with-alert", "/predict/batch", "/metrics"]

    private static func unguarded(version: String) -> APIDescription {
        APIDescription(title: "RevenueForecast", version: version, operations: [
            Operation(
                method: "POST", path: "/predict", summary: "Forecast next-day revenue",
                description: "Predicts the revenue of the day after 'date' from that day's revenue and order count and the daily history before it, with an interval. The answer names 'date' and 'forecast_date' and carries X-Request-Id (the client's if valid, else a new one). The prediction is appended to the prediction log before the response is sent.",
                requestExample: "{\"ca_total\": 15000.0, \"nb_commandes\": 320, \"date\": \"2025-12-31\"}",
                requestSchema: """
                    {"type":"object","required":["ca_total","nb_commandes"],"properties":{\(inputProperties),\(explainProperty)}}
                    """,
                responses: [(200, "The forecast")] + errorResponses, responseType: "application/json"
            ),
            Operation(
                method: "POST", path: "/predict-with-alert", summary: "Forecast and compare with an alert threshold",
                description: "As /predict, plus 'alerte': true when the forecast is below 'seuil_alerte' (default 10000).",
                requestExample: "{\"ca_total\": 15000.0, \"nb_commandes\": 320, \"seuil_alerte\": 10000}",
                requestSchema: """
                    {"type":"object","required":["ca_total","nb_commandes"],"properties":{\
                    \(inputProperties),\(explainProperty),\
                    "seuil_alerte":{"type":"number","minimum":0,"default":10000}}}
                    """,
                responses: [(200, "The forecast and the alert")] + errorResponses, responseType: "application/json"
            ),
            Operation(
                method: "POST", path: "/predict/batch", summary: "Forecast up to 1000 days at once",
                description: "Body {\"items\": [...]} or a bare array of /predict inputs (1 to 1000). All items are validated first; every prediction is logged, in one append.",
                requestExample: "{\"items\": [{\"ca_total\": 15000.0, \"nb_commandes\": 320}, {\"ca_total\": 9000.0, \"nb_commandes\": 150}]}",
                requestSchema: "{\"type\":\"object\",\"required\":[\"items\"],\"properties\":{\"items\":{\"type\":\"array\",\"minItems\":1,\"maxItems\":1000,\"items\":\(inputSchema)}}}",
                responses: [(200, "One forecast per item, in order")] + errorResponses, responseType: "application/json"
            ),
            Operation(
                method: "GET", path: "/health", summary: "Liveness and model status",
                description: "200 with the model version when a model is loaded, 503 with status 'unavailable' otherwise; 'daily_history' gives the history's first and last day, when it was loaded and the day a request without a date describes; 'daily_history_error' says why the last read of the features file failed.",
                requestExample: nil, requestSchema: nil,
                responses: [(200, "A model is loaded"), (503, "No model loaded")], responseType: "application/json"
            ),
            Operation(
                method: "GET", path: "/model/info", summary: "The current model",
                description: "Version, features, hyperparameters and test metrics of the model being served.",
                requestExample: nil, requestSchema: nil,
                responses: [(200, "Model description"), (503, "No model loaded")], responseType: "application/json"
            ),
            Operation(
                method: "GET", path: "/metrics", summary: "Prometheus metrics",
                description: "Requests by status, latency histogram, connections, predictions, reloads (text format 0.0.4).",
                requestExample: nil, requestSchema: nil,
                responses: [(200, "Metrics")], responseType: "text/plain"
            ),
            Operation(
                method: "GET", path: "/", summary: "Service name, version and routes",
                description: "A JSON index of the routes.", requestExample: nil, requestSchema: nil,
                responses: [(200, "The index")], responseType: "application/json"
            ),
            Operation(
                method: "GET", path: "/openapi.json", summary: "This API as OpenAPI 3",
                description: "The OpenAPI 3.0 document generated from the same description as /docs.",
                requestExample: nil, requestSchema: nil,
                responses: [(200, "OpenAPI document")], responseType: "application/json"
            ),
            Operation(
                method: "GET", path: "/docs", summary: "Human-readable API documentation",
                description: "A self-contained HTML page with a form to try /predict.",
                requestExample: nil, requestSchema: nil,
                responses: [(200, "HTML page")], responseType: "text/html"
            ),
        ])
    }
}
