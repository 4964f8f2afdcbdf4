import HTTPCore

/// Assembles the route table once at start-up; the result is frozen and shared by every loop.
///
/// With an API token, the prediction routes and `/metrics` answer 401 to a request without it,
/// before its body is even parsed; `/health` and the documents stay open (probes, discovery).
enum ForecastRoutes {
    static func make(state: ServiceState, api: APIDescription, token: BearerToken? = nil) -> RouterResponder<ServiceContext> {
        var router = Router<ServiceContext>()
        router.post("/predict", guarded(by: token) { request, context throws(HTTPError) in
            try PredictHandlers.predict(request, context)
        })
        router.post("/predict-with-alert", guarded(by: token) { request, context throws(HTTPError) in
            try PredictHandlers.predictWithAlert(request, context)
        })
        router.post("/predict/batch", guarded(by: token) { request, context throws(HTTPError) in
            try PredictHandlers.predictBatch(request, context)
        })
        router.get("/health") { request, context in StatusHandlers.health(request, context, state) }
        router.get("/model/info") { request, context throws(HTTPError) in
            try StatusHandlers.modelInfo(request, context, state)
        }
        router.get("/metrics", guarded(by: token) { request, context in StatusHandlers.metrics(request, context, state) })
        // Documents that never change are rendered once here, not per request.
        let index = StatusHandlers.index(state, api)
        router.get("/") { _, _ in index }
        let openAPI = HTTPResponse(status: 200, json: OpenAPIDocument.render(api))
        router.get("/openapi.json") { _, _ in openAPI }
        let docs = HTTPResponse(status: 200, contentType: "text/html; charset=utf-8", body: Array(DocsPage.render(api).utf8))
        router.get("/docs") { _, _ in docs }
        return router.buildResponder()
    }

    /// `handler`, behind the token check when there is a token.
    private static func guarded(
        by token: BearerToken?, _ handler: @escaping Router<ServiceContext>.Handler
    ) -> Router<ServiceContext>.Handler {
        guard let token else { return handler }
        return { request, context throws(HTTPError) in
            try token.check(request)
            return try handler(request, context)
        }
    }
}
