extension APIDescription {
    private static let inputSchema = """
        {"type":"object","required":["ca_total","nb_commandes"],"properties":{\
        "ca_total":{"type":"number","minimum":0,"description":"Revenue of the day"},\
        "nb_commandes":{"type":"integer","minimum":0,"description":"Orders of the day"}}}
        """
    private static let errorResponses: [(Int, String)] = [
        (400, "Malformed HTTP or JSON"), (411, "No Content-Length (chunked bodies are refused)"),
        (413, "Body over the limit"), (415, "Content-Type is not JSON"),
        (422, "Validation failed: missing field, wrong type, negative, not finite, nb_commandes not whole"),
        (503, "No model loaded, or the prediction log cannot be written"),
    ]

    /// The forecast service's API.
    public static func forecast(version: String) -> APIDescription {
        APIDescription(title: "RevenueForecast", version: version, operations: [
            Operation(
                method: "POST", path: "/predict", summary: "Forecast next-day revenue",
                description: "Predicts tomorrow's revenue from today's revenue and order count, with the forest's 10th-90th percentile interval. The prediction is appended to the prediction log before the response is sent.",
                requestExample: "{\"ca_total\": 15000.0, \"nb_commandes\": 320}", requestSchema: inputSchema,
                responses: [(200, "The forecast")] + errorResponses, responseType: "application/json"
            ),
            Operation(
                method: "POST", path: "/predict-with-alert", summary: "Forecast and compare with an alert threshold",
                description: "As /predict, plus 'alerte': true when the forecast is below 'seuil_alerte' (default 10000).",
                requestExample: "{\"ca_total\": 15000.0, \"nb_commandes\": 320, \"seuil_alerte\": 10000}",
                requestSchema: """
                    {"type":"object","required":["ca_total","nb_commandes"],"properties":{\
                    "ca_total":{"type":"number","minimum":0},"nb_commandes":{"type":"integer","minimum":0},\
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
                description: "200 with the model version when a model is loaded, 503 with status 'unavailable' otherwise.",
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
