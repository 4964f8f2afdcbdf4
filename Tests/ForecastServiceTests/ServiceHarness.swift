import ForecastData
import HTTPCore
@testable import ForecastService

/// The service's routes in-process: a fake (or no) model, a log in a temporary folder.
final class ServiceHarness {
    let folder: TemporaryFolder
    let state: ServiceState
    let context: ServiceContext
    private let routes: RouterResponder<ServiceContext>
    /// The id the last request was given (the client's when safe, as the event loop does).
    private(set) var lastRequestID = ""
    private var madeIDs = 0

    /// The history the harness serves unless told otherwise: 2026-01-01 to 2026-01-10, revenue 100, 200, … 1000.
    static let tenDays = DailyHistory(firstDay: Day(iso: "2026-01-01")!, revenue: (1...10).map { Double($0) * 100 })

    init(model: (any PredictionModel)? = FakeModel.make(), history: DailyHistory? = ServiceHarness.tenDays) throws {
        folder = try TemporaryFolder()
        let log = try PredictionLog(path: folder.file("data/predictions_log.csv"), policy: .never)
        let loaded = history.map { LoadedHistory(history: $0, path: "features.csv", loadedAt: "2026-01-11T00:00:00.000Z") }
        state = ServiceState(slot: ModelSlot(model), history: HistorySlot(loaded), log: log, loops: 1)
        context = ServiceContext(loop: 0, slot: state.slot, history: state.history)
        routes = ForecastRoutes.make(state: state, api: .forecast(version: "test"))
    }

    deinit { folder.cleanUp() }

    /// Answers one request as the event loop would: with an id, and committed.
    func send(
        _ method: String, _ path: String, json body: String? = nil, contentType: String? = "application/json",
        headers extra: [(String, String)] = []
    ) -> HTTPResponse {
        var headers = HTTPHeaders()
        if let contentType { headers.append(name: "Content-Type", value: contentType) }
        for (name, value) in extra { headers.append(name: name, value: value) }
        madeIDs += 1
        lastRequestID = RequestID.fromClient(headers) ?? "harness-\(madeIDs)"
        let response = routes.respond(
            to: HTTPRequest(method: method, path: path, headers: headers, body: Array((body ?? "").utf8), id: lastRequestID),
            context: context
        )
        // As the event loop does at the end of its batch: log, or send the commit's error instead.
        guard response.awaitsCommit, let failure = context.commit(state) else { return response }
        return failure
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
