/// The one description of the HTTP API that `GET /`, `GET /openapi.json` and `GET /docs` render.
///
/// Keeping a single source means the docs page, the OpenAPI document and the route list cannot
/// disagree; `ForecastRoutes` checks at start-up that every described operation has a handler.
public struct APIDescription: Sendable {
    /// One documented operation.
    public struct Operation: Sendable {
        /// HTTP method, upper case.
        public var method: String
        /// Exact path.
        public var path: String
        /// One line for lists.
        public var summary: String
        /// A paragraph for the docs page and OpenAPI.
        public var description: String
        /// Example request body (JSON text), nil for bodiless requests.
        public var requestExample: String?
        /// JSON Schema of the request body (JSON text), nil for bodiless requests.
        public var requestSchema: String?
        /// Status → description of the responses.
        public var responses: [(Int, String)]
        /// Media type of the 200 response.
        public var responseType: String
        /// Whether this server refuses the operation without its bearer token (401); set only
        /// when the server runs with one, so the document never claims a refusal it cannot give.
        public var needsToken = false
    }

    /// The API's name.
    public var title: String
    /// The service version.
    public var version: String
    /// Every operation, in the order the docs list them.
    public var operations: [Operation]
}
