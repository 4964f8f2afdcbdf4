/// One regression tree as a flat array of nodes in preorder, the layout of scikit-learn's
/// `Tree` (`sklearn/tree/_tree.pyx`) made smaller: the left child of node `i` is always node
/// `i + 1`, so a node stores only its right child.
///
/// Walking it is a loop over one contiguous array, and saving it is a copy of that array.
public struct DecisionTree: Sendable, Equatable {
    /// One node: a split (`feature >= 0`) or a leaf (`feature == -1`).
    public struct Node: Sendable, Equatable {
        /// Feature tested by a split, or -1 for a leaf.
        public var feature: Int32
        /// Index of the right child (samples with `x[feature] > threshold`); 0 for a leaf.
        public var right: Int32
        /// Split threshold (go left when `x[feature] <= value`), or the leaf's prediction.
        public var value: Double

        /// A node; `feature == -1` and `right == 0` make a leaf whose prediction is `value`.
        public init(feature: Int32, right: Int32, value: Double) {
            self.feature = feature
            self.right = right
            self.value = value
        }

        /// Whether this node is a leaf.
        public var isLeaf: Bool { feature < 0 }
    }

    /// Nodes in preorder; node 0 is the root.
    public let nodes: [Node]

    /// Validates `nodes` for `featureCount` features: a single preorder tree whose every node is
    /// reached exactly once, splits on existing features, finite values.
    public init(nodes: [Node], featureCount: Int, index: Int = 0) throws(ForestError) {
        try DecisionTree.validate(nodes[...], featureCount: featureCount, index: index)
        self.nodes = nodes
    }

    /// Checks that `nodes` form one well-formed tree (see `init(nodes:featureCount:index:)`);
    /// `index` names the tree in the error.
    public static func validate(_ nodes: ArraySlice<Node>, featureCount: Int, index: Int) throws(ForestError) {
        guard !nodes.isEmpty else { throw .malformedTree(index: index, reason: "it has no nodes") }
        let result = nodes.withUnsafeBufferPointer { buffer in
            withUnsafeTemporaryAllocation(of: Int.self, capacity: buffer.count) { stack in
                Result { () throws(ForestError) in
                    try validate(buffer, featureCount: featureCount, index: index, stack: stack)
                }
            }
        }
        try result.get()
    }

    /// The check itself, in one pass over the nodes in order. A preorder walk visits node k as
    /// its k-th node exactly when: after a split at k comes its left child k + 1, and after a
    /// leaf at k comes the right child most recently put aside (which must be k + 1), or nothing
    /// when k is the last node. That rules out cycles, shared children and unreachable nodes.
    /// `stack` (as many slots as nodes) holds the right children put aside.
    private static func validate(
        _ nodes: UnsafeBufferPointer<Node>, featureCount: Int, index: Int, stack: UnsafeMutableBufferPointer<Int>
    ) throws(ForestError) {
        var depth = 0
        for current in 0..<nodes.count {
            let node = nodes[current]
            guard node.value.isFinite else {
                throw .malformedTree(index: index, reason: "node \(current) holds a value that is not finite")
            }
            if node.isLeaf {
                guard node.feature == -1, node.right == 0 else {
                    throw .malformedTree(index: index, reason: "leaf \(current) has a bad marker")
                }
                if depth == 0 {
                    guard current + 1 == nodes.count else {
                        throw .malformedTree(index: index, reason: "\(nodes.count - current - 1) node(s) are unreachable")
                    }
                    return
                }
                depth -= 1
                guard stack[depth] == current + 1 else {
                    throw .malformedTree(index: index, reason: "node \(stack[depth]) is out of preorder")
                }
                continue
            }
            guard Int(node.feature) < featureCount else {
                throw .malformedTree(index: index, reason: "node \(current) splits on feature \(node.feature) of \(featureCount)")
            }
            let right = Int(node.right)
            guard current + 1 < nodes.count, right > current + 1, right < nodes.count else {
                throw .malformedTree(index: index, reason: "node \(current) points outside the tree")
            }
            stack[depth] = right
            depth += 1
        }
        // The last node was a split, whose children are missing.
        throw .malformedTree(index: index, reason: "node \(nodes.count - 1) points outside the tree")
    }

    /// Wraps nodes the builder made (already well formed).
    init(trusted nodes: [Node]) {
        self.nodes = nodes
    }

    /// The prediction for one row, read through `feature(i)`.
    @inlinable
    public func predict(_ feature: (Int) -> Double) -> Double {
        nodes.withUnsafeBufferPointer { buffer in
            var index = 0
            while true {
                let node = buffer[index]
                if node.feature < 0 { return node.value }
                index = feature(Int(node.feature)) <= node.value ? index + 1 : Int(node.right)
            }
        }
    }

    /// The prediction for a row given as an array in feature order.
    public func predict(row: [Double]) -> Double {
        row.withUnsafeBufferPointer { values in predict { values[$0] } }
    }

    /// Number of leaves.
    public var leafCount: Int { nodes.reduce(0) { $0 + ($1.isLeaf ? 1 : 0) } }

    /// Depth of the deepest leaf (a lone root leaf has depth 0).
    public var depth: Int {
        var deepest = 0
        var stack: [(Int, Int)] = [(0, 0)]
        while let (index, level) = stack.popLast() {
            let node = nodes[index]
            if node.isLeaf {
                deepest = max(deepest, level)
            } else {
                stack.append((Int(node.right), level + 1))
                stack.append((index + 1, level + 1))
            }
        }
        return deepest
    }
}
