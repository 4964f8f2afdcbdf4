/// Builds the route table at start-up, then freezes it with `buildResponder()`.
///
/// Routes match the exact path. The table is a value built before serving and never mutated
/// afterwards, so every event loop reads it without locks (mutating a shared route tree while
/// serving is what made Swifter crash under load). `Context` is whatever per-loop state the
/// handlers need; each loop passes its own.
public struct Router<Context>: Sendable {
    /// A route handler: the request and the loop's context in, a response or an error out.
    public typealias Handler = @Sendable (HTTPRequest, Context) throws(HTTPError) -> HTTPResponse

    private var table: [String: [String: Handler]] = [:]

    /// An empty router.
    public init() {}

    /// Adds `handler` for `method` on `path`; a later route with the same pair replaces it.
    public mutating func add(_ method: String, _ path: String, _ handler: @escaping Handler) {
        table[path, default: [:]][method] = handler
    }

    /// Adds a GET route (HEAD is answered by it too, RFC 9110 §9.3.2).
    public mutating func get(_ path: String, _ handler: @escaping Handler) {
        add("GET", path, handler)
    }

    /// Adds a POST route.
    public mutating func post(_ path: String, _ handler: @escaping Handler) {
        add("POST", path, handler)
    }

    /// The frozen table, ready to share between event loops.
    public func buildResponder() -> RouterResponder<Context> {
        RouterResponder(table: table)
    }
}

/// The immutable route table: finds the handler, answers 404 / 405 (with `Allow`), maps HEAD to GET.
public struct RouterResponder<Context>: Sendable {
    /// One path's routes.
    private struct PathRoutes: Sendable {
        /// (method, handler) pairs: a path has one to three, so a scan beats hashing.
        let handlers: [(method: String, handler: Router<Context>.Handler)]
        /// The methods for `Allow` (HEAD wherever GET is), sorted.
        let allowed: [String]

        func has(_ method: String) -> Bool { handlers.contains { $0.method == method } }
    }

    /// Each path's index in `paths`. A dictionary of plain integers: the compiler specializes its
    /// lookup, where a dictionary of handlers (generic over `Context`) took the unspecialized
    /// path, about 500 instructions a lookup under callgrind, two per request.
    private let pathIndex: [String: Int]
    private let paths: [PathRoutes]

    init(table: [String: [String: Router<Context>.Handler]]) {
        var pathIndex: [String: Int] = [:]
        var paths: [PathRoutes] = []
        for (path, methods) in table.sorted(by: { $0.key < $1.key }) {
            var names = Set(methods.keys)
            if names.contains("GET") { names.insert("HEAD") }
            pathIndex[path] = paths.count
            paths.append(PathRoutes(handlers: methods.sorted { $0.key < $1.key }.map { (method: $0.key, handler: $0.value) }, allowed: names.sorted()))
        }
        self.pathIndex = pathIndex
        self.paths = paths
    }

    /// Every route as (method, path), sorted by path then method: for `GET /` and the docs.
    public var routes: [(method: String, path: String)] {
        pathIndex.sorted { $0.key < $1.key }.flatMap { path, index in
            paths[index].handlers.map { (method: $0.method, path: path) }
        }
    }

    /// The response for `request`; errors from handlers become their error responses.
    public func respond(to request: HTTPRequest, context: Context) -> HTTPResponse {
        guard let index = pathIndex[request.path] else { return HTTPError.notFound(path: request.path).response }
        let routes = paths[index]
        // The handler is called where it is found: a handler returned as a value was wrapped in
        // a fresh closure context on every request (two allocations).
        let method = request.method == "HEAD" && !routes.has("HEAD") ? "GET" : request.method
        for route in routes.handlers where route.method == method {
            do {
                return try route.handler(request, context)
            } catch {
                return error.response
            }
        }
        return HTTPError.methodNotAllowed(allowed: routes.allowed).response
    }
}

/// A `RouterResponder` bound to one loop's context: the `RequestResponder` an event loop calls.
public final class BoundRouterResponder<Context>: RequestResponder {
    private let router: RouterResponder<Context>
    private let context: Context
    private let commitBatch: ((Context) -> HTTPResponse?)?

    /// Binds `router` to `context` (created on the loop's own thread); `commit` makes durable
    /// what the handlers' `awaitsCommit` answers promised (see `RequestResponder.commit()`).
    public init(router: RouterResponder<Context>, context: Context, commit: ((Context) -> HTTPResponse?)? = nil) {
        self.router = router
        self.context = context
        self.commitBatch = commit
    }

    public func respond(to request: HTTPRequest) -> HTTPResponse {
        router.respond(to: request, context: context)
    }

    public func commit() -> HTTPResponse? {
        commitBatch?(context)
    }
}
