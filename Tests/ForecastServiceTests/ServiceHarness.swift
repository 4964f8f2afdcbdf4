import HTTPCore
@testable import ForecastService

/// The service's routes in-process: a fake (or no) model, a log in a temporary folder.
final class ServiceHarness {
    let folder: TemporaryFolder
    let state: ServiceState
    let context: ServiceContext
    private let routes: RouterResponder<ServiceContext>

    init(model: (any PredictionModel)? = FakeModel.make()) throws {
        folder = try TemporaryFolder()
        let log = try PredictionLog(path: folder.file("data/predictions_log.csv"), policy: .never)
        state = ServiceState(slot: ModelSlot(model), log: log, loops: 1)
        context = ServiceContext(loop: 0, slot: state.slot)
        routes = ForecastRoutes.make(state: state, api: .forecast(version: "test"))
    }

    deinit { folder.cleanUp() }

    /// Answers one request.
    func send(_ method: String, _ path: String, json body: String? = nil, contentType: String? = "application/json") -> HTTPResponse {
        var headers = HTTPHeaders()
        if let contentType { headers.append(name: "Content-Type", value: contentType) }
        return routes.respond(
            to: HTTPRequest(method: method, path: path, headers: headers, body: Array((body ?? "").utf8)), context: context
        )
    }

    /// The log's lines, header included.
    func logLines() throws -> [String] {
        try folder.read("data/predictions_log.csv").split(separator: "\n").map(String.init)
    }
}

extension HTTPResponse {
    /// The body parsed as JSON (tests fail on malformed output).
    func json() throws -> JSONValue { try JSONParser.parse(body) }

    /// The error body's code, if this is an error response.
    var errorCode: String? {
        guard let value = try? json(), case let .string(code)? = value["error"]?["code"] else { return nil }
        return code
    }
}
