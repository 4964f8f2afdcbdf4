import ForecastData
import Foundation
import Synchronization
@testable import ForecastService

/// A model whose forecast is a known function of the inputs: revenue × 1.1 + orders + the sum of
/// the `historyLength` earlier days' revenue, interval ±5 %.
struct FakeModel: PredictionModel {
    var version: String = "v-test"
    var historyLength: Int = 0
    var infoJSON: String { "{\"version\":\"\(version)\",\"kind\":\"fake\"}" }

    func predict(revenue: Double, orderCount: Int, day: Day, earlier: ArraySlice<Double>) -> PredictionOutcome {
        let value = revenue * 1.1 + Double(orderCount) + earlier.suffix(historyLength).reduce(0, +)
        return PredictionOutcome(value: value, lower: value * 0.95, upper: value * 1.05)
    }

    static func make(version: String = "v-test", historyLength: Int = 0) -> FakeModel {
        FakeModel(version: version, historyLength: historyLength)
    }
}

/// A source tests control: the version token and what `loadCurrent` returns or throws.
final class FakeSource: ModelSource, Sendable {
    struct LoadFailure: Error, CustomStringConvertible {
        var description: String { "corrupt model file" }
    }

    private let state = Mutex<(token: String?, failing: Bool, loads: Int)>((nil, false, 0))

    func set(token: String?, failing: Bool = false) {
        state.withLock { $0 = ($0.token == token ? token : token, failing, $0.loads) }
    }

    var loads: Int { state.withLock { $0.loads } }

    func currentVersion() throws -> String? { state.withLock { $0.token } }

    func loadCurrent() throws -> (any PredictionModel)? {
        let (token, failing) = state.withLock { state -> (String?, Bool) in
            state.loads += 1
            return (state.token, state.failing)
        }
        if failing { throw LoadFailure() }
        return token.map { FakeModel.make(version: $0) }
    }
}

/// A fresh temporary directory, removed by `cleanUp()`.
struct TemporaryFolder {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("forecast-service-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> String { path + "/" + name }

    func read(_ name: String) throws -> String { try String(contentsOfFile: file(name), encoding: .utf8) }

    func cleanUp() { try? FileManager.default.removeItem(atPath: path) }
}
