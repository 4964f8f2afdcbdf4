import Foundation
import Testing
@testable import Monitoring

@Suite struct LogPathsTests {
    @Test func aFileNamedTwice_IsReadOnce() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let a = try folder.write("x", to: "logs/predictions_log-a.csv")
        try folder.write("x", to: "logs/predictions_log-b.csv")
        let paths = try LogPaths.expand([folder.path + "/logs/predictions_log-*.csv", a, folder.path + "/logs/./predictions_log-a.csv",
                                         folder.path + "/logs/predictions_log-[ab].csv"])
        #expect(paths == [folder.path + "/logs/predictions_log-a.csv", folder.path + "/logs/predictions_log-b.csv"])
    }

    @Test func aPatternMatchingNothing_IsAnErrorNamingIt() {
        let pattern = "/nonexistent-\(UUID().uuidString)/*.csv"
        #expect(throws: MonitoringError.noLogMatches(pattern: pattern)) {
            _ = try LogPaths.expand([pattern])
        }
    }
}
