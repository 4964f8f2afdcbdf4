import Foundation
import Testing
import ModelRegistry

@Suite struct ModelVersionTests {
    @Test func names_CarryTheNumberAndTheUTCTime() {
        // 0 s after the epoch is 1970-01-01 00:00:00 UTC; 86 399 s later is 23:59:59 the same day.
        #expect(ModelVersion.make(number: 1, at: Date(timeIntervalSince1970: 0)) == "v0001-19700101T000000Z")
        #expect(ModelVersion.make(number: 12345, at: Date(timeIntervalSince1970: 86_399)) == "v12345-19700101T235959Z")
        #expect(ModelVersion.timestamp(Date(timeIntervalSince1970: 86_399)) == "1970-01-01T23:59:59Z")
    }

    @Test func onlyWellFormedNames_AreVersions() {
        #expect(ModelVersion.number(of: "v0007-20261122T101530Z") == 7)
        for bad in ["", "v7", "v0007", "0007-20261122T101530Z", "v0007-20261122101530Z", "v0007-20261122T101530",
                    "v00a7-20261122T101530Z", "../v0007-20261122T101530Z", "v0007-20261122T101530Z/x"] {
            #expect(!ModelVersion.isValid(bad), "\(bad)")
        }
    }
}
