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
    private let table: [String: [String: Router<Context>.Handler]]
    private let allowed: [String: [String]]

    init(table: [String: [String: Router<Context>.Handler]]) {
        self.table = table
        var allowed: [String: [String]] = [:]
        for (path, methods) in table {
            var names = Set(methods.keys)
            if names.contains("GET") { names.insert("HEAD") }
            allowed[path] = names.sorted()
        }
        self.allowed = allowed
    }

    /// Every route as (method, path), sorted by path then method: for `GET /` and the docs.
    public var routes: [(method: String, path: String)] {
        table.flatMap { path, methods in methods.keys.map { (method: $0, path: path) } }
            .sorted { ($0.path, $0.method) < ($1.path, $1.method) }
    }

    /// The response for `request`; errors from handlers become their error responses.
    public func respond(to request: HTTPRequest, context: Context) -> HTTPResponse {
        guard let methods = table[request.path] else { return HTTPError.notFound(path: request.path).response }
        let handler = methods[request.method] ?? (request.method == "HEAD" ? methods["GET"] : nil)
        guard let handler else {
            return HTTPError.methodNotAllowed(allowed: allowed[request.path] ?? []).response
        }
        do {
            return try handler(request, context)
        } catch {
            return error.response
        }
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
