import Testing
@testable import Forest

/// TreeSHAP: covers recorded at fit time, additivity, and equality with the Shapley values
/// computed the slow way (every subset of features, Algorithm 1 of Lundberg et al. 2018).
@Suite struct ForestExplainerTests {
    @Test func fit_RecordsEachNodesBootstrapWeight() throws {
        let (features, targets) = try Synthetic.make(rows: 120, features: 3, seed: 5)
        let forest = try RandomForestRegressor.fit(
            features: features, targets: targets, parameters: ForestParameters(treeCount: 8, seed: 3), jobs: 2
        )
        let covers = try #require(forest.nodeCovers)
        #expect(covers.count == forest.treeCount)
        for (tree, treeCovers) in zip(forest.trees, covers) {
            #expect(treeCovers.count == tree.nodes.count)
            // A bootstrap draws as many rows as there are, so the root sees them all.
            #expect(treeCovers[0] == 120)
            var leafTotal = 0.0
            for (index, node) in tree.nodes.enumerated() {
                if node.isLeaf {
                    leafTotal += treeCovers[index]
                } else {
                    #expect(treeCovers[index] == treeCovers[index + 1] + treeCovers[Int(node.right)])
                }
            }
            #expect(leafTotal == 120)
        }
    }

    @Test func fit_WithoutBootstrap_CoversCountRows() throws {
        let features = try FeatureMatrix(rows: [[1], [2], [3], [10], [11], [12]], featureCount: 1)
        let forest = try RandomForestRegressor.fit(
            features: features, targets: [0, 0, 0, 5, 5, 5],
            parameters: ForestParameters(treeCount: 1, seed: 1, bootstrap: false)
        )
        #expect(forest.nodeCovers == [[6, 3, 3]])
    }

    @Test func contributions_AddUpToThePrediction() throws {
        let (features, targets) = try Synthetic.make(rows: 300, features: 4, seed: 11, spread: 100)
        let forest = try RandomForestRegressor.fit(
            features: features, targets: targets.map { $0 * 1000 }, parameters: ForestParameters(treeCount: 30, seed: 9)
        )
        let explainer = try ForestExplainer(forest: forest)
        for row in 0..<20 {
            let values = (0..<4).map { features.values[$0 * features.rowCount + row] * 1.01 }
            let explanation = explainer.explain(row: values)
            let total = explanation.expectedValue + explanation.contributions.reduce(0, +)
            #expect(abs(total - forest.predict(row: values)) < 1e-9)
        }
    }

    @Test func contributions_EqualShapleyValuesOverEverySubset() throws {
        let (features, targets) = try Synthetic.make(rows: 80, features: 4, seed: 2)
        let forest = try RandomForestRegressor.fit(
            features: features, targets: targets,
            parameters: ForestParameters(treeCount: 5, seed: 4, maxDepth: 6, maxFeatures: 0.5)
        )
        let explainer = try ForestExplainer(forest: forest)
        let covers = try #require(forest.nodeCovers)
        for row: [Double] in [[0.3, -1.2, 2.0, 0.1], [-2.5, 2.9, -0.4, 1.7], [1.0, 0.0, 0.0, -3.0]] {
            let fast = explainer.explain(row: row)
            let slow = BruteForceShapley.values(trees: forest.trees, covers: covers, row: row)
            for feature in 0..<4 {
                #expect(abs(fast.contributions[feature] - slow.values[feature]) < 1e-12)
            }
            #expect(abs(fast.expectedValue - slow.expectedValue) < 1e-12)
        }
    }

    @Test func forestWithoutCovers_IsRefusedWithTheFix() throws {
        let (features, targets) = try Synthetic.make(rows: 40, features: 2, seed: 1)
        let fitted = try RandomForestRegressor.fit(
            features: features, targets: targets, parameters: ForestParameters(treeCount: 2)
        )
        let stored = try RandomForestRegressor.validated(
            parameters: fitted.parameters, featureCount: 2, nodes: fitted.nodes,
            nodeCounts: fitted.trees.map(\.nodes.count), featureImportances: fitted.featureImportances, outOfBagR2: nil
        )
        #expect(throws: ForestError.missingCovers) { try ForestExplainer(forest: stored) }
        #expect(ForestError.missingCovers.description.contains("retrain"))
    }

    @Test func coversThatDoNotFitTheTree_AreRefused() throws {
        let tree = try DecisionTree(
            nodes: [
                DecisionTree.Node(feature: 0, right: 2, value: 1.5),
                DecisionTree.Node(feature: -1, right: 0, value: 1),
                DecisionTree.Node(feature: -1, right: 0, value: 3),
            ],
            featureCount: 1
        )
        #expect(throws: ForestError.self) { try ForestExplainer(trees: [tree], covers: [[4, 1]], featureCount: 1) }
        #expect(throws: ForestError.self) { try ForestExplainer(trees: [tree], covers: [[4, 1, 2]], featureCount: 1) }
        #expect(throws: ForestError.self) { try ForestExplainer(trees: [tree], covers: [[2, 2, 0]], featureCount: 1) }
        let explainer = try ForestExplainer(trees: [tree], covers: [[4, 1, 3]], featureCount: 1)
        // Expected value 0.25 × 1 + 0.75 × 3 = 2.5; a row going left gets 1 − 2.5.
        #expect(explainer.expectedValue == 2.5)
        #expect(explainer.explain(row: [0]).contributions == [-1.5])
    }
}

/// Shapley values by definition: for every subset S of the other features, the weighted change
/// in E[f(x) | x_S] when feature i joins S, where E follows x on splits over S and averages both
/// children by cover elsewhere. Exponential in the feature count; a check for small cases.
enum BruteForceShapley {
    static func values(trees: [DecisionTree], covers: [[Double]], row: [Double]) -> (values: [Double], expectedValue: Double) {
        let count = row.count
        func conditional(_ known: Int) -> Double {
            var total = 0.0
            for (tree, treeCovers) in zip(trees, covers) {
                total += expectation(tree: tree, covers: treeCovers, node: 0, known: known, row: row)
            }
            return total / Double(trees.count)
        }
        var factorial = [1.0]
        for n in 1...count { factorial.append(factorial[n - 1] * Double(n)) }
        var values = [Double](repeating: 0, count: count)
        for feature in 0..<count {
            for subset in 0..<(1 << count) where subset & (1 << feature) == 0 {
                let size = subset.nonzeroBitCount
                let weight = factorial[size] * factorial[count - size - 1] / factorial[count]
                values[feature] += weight * (conditional(subset | (1 << feature)) - conditional(subset))
            }
        }
        return (values, conditional(0))
    }

    private static func expectation(tree: DecisionTree, covers: [Double], node: Int, known: Int, row: [Double]) -> Double {
        let current = tree.nodes[node]
        if current.isLeaf { return current.value }
        let left = node + 1, right = Int(current.right)
        if known & (1 << Int(current.feature)) != 0 {
            let next = row[Int(current.feature)] <= current.value ? left : right
            return expectation(tree: tree, covers: covers, node: next, known: known, row: row)
        }
        return (covers[left] * expectation(tree: tree, covers: covers, node: left, known: known, row: row)
            + covers[right] * expectation(tree: tree, covers: covers, node: right, known: known, row: row)) / covers[node]
    }
}
