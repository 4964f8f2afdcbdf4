import Foundation
import Forest
import Testing
@testable import ModelRegistry

/// The parameters file: what tune writes, train reads back; partial files; bad ones refused
/// with a message naming the file and the key.
@Suite struct TunedParametersTests {
    private func parse(_ text: String) throws(TunedParametersError) -> TunedParameters {
        try TunedParameters.parse(Data(text.utf8), path: "p.json")
    }

    @Test func writtenFile_ReadsBackToTheSameParameters() throws {
        let tuned = ForestParameters(treeCount: 300, maxDepth: 10, minSamplesLeaf: 3, maxFeatures: 0.7)
        let metrics = RegressionMetrics(mae: 1, rmse: 2, r2: 0.5)
        let record = TuningRecord(
            featuresPath: "f.csv", featureSet: "extended", backtestFolds: 5, trials: 20, seed: 42, backtest: metrics,
            defaultsBacktest: metrics
        )
        let text = try TunedParameters.fileText(tuned, record: record)
        var parameters = ForestParameters()
        try parse(text).apply(to: &parameters)
        #expect(parameters == tuned)

        let unlimited = try TunedParameters.fileText(ForestParameters(treeCount: 50), record: record)
        #expect(unlimited.contains("\"max_depth\" : null"))
        var fromDepth = ForestParameters(maxDepth: 4)
        try parse(unlimited).apply(to: &fromDepth)
        #expect(fromDepth.maxDepth == nil)
    }

    @Test func partialFile_ChangesOnlyWhatItSets() throws {
        var parameters = ForestParameters()
        try parse(#"{"min_samples_leaf": 5}"#).apply(to: &parameters)
        #expect(parameters == ForestParameters(minSamplesLeaf: 5))
        #expect(try parse("{}") == TunedParameters())
    }

    @Test func badFiles_AreRefusedNamingTheProblem() {
        let cases: [(String, String)] = [
            (#"{"max_deph": 3}"#, "unknown key 'max_deph'"),
            (#"{"n_estimators": "many"}"#, "n_estimators"),
            (#"{"n_estimators": 0}"#, "n_estimators must be"),
            (#"{"max_features": 1.5}"#, "max_features must be"),
            (#"{"max_depth": 0}"#, "max_depth must be"),
            ("[1, 2]", "not a JSON object"),
            ("{", "not a JSON object"),
        ]
        for (text, expected) in cases {
            do {
                _ = try parse(text)
                Issue.record("accepted \(text)")
            } catch {
                #expect(error.description.contains(expected), "\(text): \(error.description)")
                #expect(error.description.contains("p.json"))
            }
        }
        #expect(throws: TunedParametersError.cannotRead(path: "/no/such/params.json")) {
            try TunedParameters.read(path: "/no/such/params.json")
        }
    }
}
