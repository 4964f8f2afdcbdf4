/// The one description of the HTTP API that `GET /`, `GET /openapi.json` and `GET /docs` render.
///
/// Keeping a single source means the docs page, the OpenAPI document and the route list cannot
/// disagree; `ForecastRoutes` checks at start-up that every described operation has a handler.
public struct APIDescription: Sendable {
    /// One documented operation.
    public struct Operation: Sendable {
        public var method: String
        public var path: String
        public var summary: String
        public var description: String
        /// Example request body (JSON text), nil for bodiless requests.
        public var requestExample: String?
        /// JSON Schema of the request body (JSON text), nil for bodiless requests.
        public var requestSchema: String?
        /// Status → description of the responses.
        public var responses: [(Int, String)]
        /// Media type of the 200 response.
        public var responseType: String
    }

    public var title: String
    public var version: String
    public var operations: [Operation]
}
