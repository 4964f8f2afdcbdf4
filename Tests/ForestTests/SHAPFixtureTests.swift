import Foundation
import Testing
@testable import Forest

/// Our TreeSHAP against the `shap` package's TreeExplainer on a scikit-learn forest
/// (Tests/ForestTests/Fixtures/shap_forest.json, written by scripts/make_shap_fixtures.py):
/// the same trees, rebuilt as ours, must give the same SHAP values and expected value to 1e-9.
@Suite struct SHAPFixtureTests {
    /// The fixture's JSON: trees in preorder with covers, rows, and what shap answered.
    struct Fixture: Decodable {
        struct Node: Decodable {
            let feature: Int32
            let right: Int32
            let value: Double
            let cover: Double
        }

        let featureNames: [String]
        let trees: [[Node]]
        let rows: [[Double]]
        let predictions: [Double]
        let shapValues: [[Double]]
        let expectedValue: Double

        enum CodingKeys: String, CodingKey {
            case featureNames = "feature_names", trees, rows, predictions
            case shapValues = "shap_values", expectedValue = "expected_value"
        }

        static func load() throws -> Fixture {
            let url = try #require(Bundle.module.url(forResource: "shap_forest", withExtension: "json", subdirectory: "Fixtures"))
            return try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
        }
    }

    static let tolerance = 1e-9

    @Test func treeSHAP_EqualsShapTreeExplainer() throws {
        let fixture = try Fixture.load()
        let count = fixture.featureNames.count
        let trees = try fixture.trees.enumerated().map { index, nodes in
            try DecisionTree(
                nodes: nodes.map { DecisionTree.Node(feature: $0.feature, right: $0.right, value: $0.value) },
                featureCount: count, index: index
            )
        }
        let explainer = try ForestExplainer(trees: trees, covers: fixture.trees.map { $0.map(\.cover) }, featureCount: count)
        let forest = RandomForestRegressor(
            parameters: ForestParameters(treeCount: trees.count), featureCount: count, trees: trees,
            featureImportances: [Double](repeating: 0, count: count), outOfBagR2: nil
        )
        #expect(abs(explainer.expectedValue - fixture.expectedValue) < Self.tolerance)
        #expect(fixture.rows.count >= 10)
        for (index, row) in fixture.rows.enumerated() {
            // Same trees, same prediction: the rebuilt forest reads the branches sklearn read.
            #expect(abs(forest.predict(row: row) - fixture.predictions[index]) < Self.tolerance)
            let explanation = explainer.explain(row: row)
            for feature in 0..<count {
                let difference = abs(explanation.contributions[feature] - fixture.shapValues[index][feature])
                #expect(difference < Self.tolerance, "row \(index), \(fixture.featureNames[feature]): off by \(difference)")
            }
        }
    }
}
