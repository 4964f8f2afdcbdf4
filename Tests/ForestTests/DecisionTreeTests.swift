import Testing
import Forest

@Suite struct DecisionTreeTests {
    typealias Node = DecisionTree.Node

    @Test func wellFormedTree_IsAccepted_AndWalked() throws {
        let tree = try DecisionTree(nodes: [
            Node(feature: 1, right: 2, value: 0.5), Node(feature: -1, right: 0, value: 10),
            Node(feature: -1, right: 0, value: 20),
        ], featureCount: 2)
        #expect(tree.predict(row: [0, 0.5]) == 10)
        #expect(tree.predict(row: [0, 0.6]) == 20)
        #expect(tree.depth == 1)
        // Deeper: root → (split → leaf, leaf), leaf.
        let deeper = try DecisionTree(nodes: [
            Node(feature: 0, right: 4, value: 0.5), Node(feature: 1, right: 3, value: 0.5),
            Node(feature: -1, right: 0, value: 1), Node(feature: -1, right: 0, value: 2), Node(feature: -1, right: 0, value: 3),
        ], featureCount: 2)
        #expect(deeper.depth == 2)
        #expect([deeper.predict(row: [0, 0]), deeper.predict(row: [0, 1]), deeper.predict(row: [1, 0])] == [1, 2, 3])
    }

    @Test func malformedTrees_AreRejected() {
        let cases: [[Node]] = [
            [],
            [Node(feature: 0, right: 5, value: 1), Node(feature: -1, right: 0, value: 0)],  // child outside
            [Node(feature: 0, right: 1, value: 1), Node(feature: -1, right: 0, value: 0)],  // right == left
            [Node(feature: 3, right: 2, value: 1), Node(feature: -1, right: 0, value: 0), Node(feature: -1, right: 0, value: 0)],
            [Node(feature: -1, right: 0, value: .nan)],
            [Node(feature: -1, right: 0, value: 1), Node(feature: -1, right: 0, value: 2)],  // unreachable
            [Node(feature: -2, right: 0, value: 1)],
            // Node 1's right child is also the root's: shared.
            [Node(feature: 0, right: 3, value: 1), Node(feature: 1, right: 3, value: 1),
             Node(feature: -1, right: 0, value: 0), Node(feature: -1, right: 0, value: 0)],
            // A split as the last node has no children.
            [Node(feature: 0, right: 2, value: 1), Node(feature: -1, right: 0, value: 0), Node(feature: 0, right: 3, value: 1)],
        ]
        for nodes in cases {
            #expect(throws: ForestError.self) { try DecisionTree(nodes: nodes, featureCount: 2) }
        }
    }
}
