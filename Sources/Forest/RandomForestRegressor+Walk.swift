// Single-row prediction: the hot path of `forecast serve`. A tree walk is a chain of dependent
// loads (each node's address depends on the previous comparison), so one walk leaves the CPU
// idle most of the time. Walking eight trees at once gives it eight independent chains to
// overlap.
//
// The walk reads its own copy of the nodes (`WalkLayout`), made when the forest is built:
// - both children are stored, as indices into the whole forest (a lane needs no tree base), and
//   the step reads the child at offset `8 + 4 × (row value > threshold)`: the comparison picks an
//   address, not a branch. (Written as a select, the compiler turns it into a branch around the
//   load of the right child; a branch is right about half the time on rows it has not seen, and
//   each miss costs ~15 cycles.)
// - a leaf's two children are itself, so a lane that reached its leaf stays there with no test
//   for "is this a leaf?"; its comparison reads a row slot holding +∞ (the row is copied into a
//   buffer with that extra slot);
// - each group of eight trees stops as soon as no lane moved, and never runs past its deepest
//   leaf.
// The leaf a row reaches is the one the plain walk reaches (same comparisons on the same
// thresholds), so predictions are unchanged bit for bit.

/// The forest's nodes laid out for the one-row walk (see the comment above).
public struct WalkLayout: Sendable, Equatable {
    /// One node: a split goes to `right` when `row[feature] > value`, else to `left`; a leaf has
    /// `feature` = the +∞ slot, both children = itself and `value` = its prediction. The feature
    /// sits in the top 5 bits of both child words, so the step needs one word for it.
    public struct Node: Sendable, Equatable {
        public var value: Double
        var left: UInt32
        var right: UInt32

        static let indexBits: UInt32 = 27
        static let indexMask: UInt32 = (1 << indexBits) - 1

        init(value: Double, feature: Int, left: Int, right: Int) {
            self.value = value
            let tag = UInt32(feature) << Node.indexBits
            self.left = tag | UInt32(left)
            self.right = tag | UInt32(right)
        }
    }

    /// Lanes walked together.
    public static let lanes = 8

    let nodes: [Node]
    /// Index of each tree's root in `nodes`.
    let roots: [Int32]
    /// For each group of `lanes` trees (the last may be shorter), the depth of its deepest leaf.
    let groupDepths: [Int32]

    /// Lays out `nodes` (trees in preorder, `treeStarts` as in `RandomForestRegressor`) for the
    /// walk; nil past 2^27 nodes or 31 features (the plain walk is used then).
    init?(nodes source: [DecisionTree.Node], treeStarts: [Int], featureCount: Int) {
        guard source.count <= Int(Node.indexMask), featureCount < 1 << (32 - Node.indexBits),
              MemoryLayout<Node>.offset(of: \Node.left) == 8, MemoryLayout<Node>.offset(of: \Node.right) == 12
        else { return nil }
        var nodes: [Node] = []
        nodes.reserveCapacity(source.count)
        var treeDepths: [Int32] = []
        treeDepths.reserveCapacity(treeStarts.count)
        let largest = zip(treeStarts.dropFirst(), treeStarts).map { $0 - $1 }.max() ?? 0
        // Depths in one pass over each tree's preorder: after a split at depth d comes its left
        // child at d + 1 and its right child's depth is put aside; after a leaf comes the right
        // child most recently put aside.
        withUnsafeTemporaryAllocation(of: Int32.self, capacity: max(1, largest)) { pending in
            for tree in 0..<(treeStarts.count - 1) {
                let base = treeStarts[tree]
                var deepest: Int32 = 0, depth: Int32 = 0, waiting = 0
                for index in base..<treeStarts[tree + 1] {
                    let node = source[index]
                    if node.isLeaf {
                        nodes.append(Node(value: node.value, feature: featureCount, left: index, right: index))
                        deepest = max(deepest, depth)
                        if waiting > 0 {
                            waiting -= 1
                            depth = pending[waiting]
                        }
                    } else {
                        nodes.append(Node(
                            value: node.value, feature: Int(node.feature), left: index + 1, right: base + Int(node.right)
                        ))
                        depth += 1
                        pending[waiting] = depth
                        waiting += 1
                    }
                }
                treeDepths.append(deepest)
            }
        }
        self.nodes = nodes
        roots = treeStarts.dropLast().map { Int32($0) }
        groupDepths = stride(from: 0, to: treeDepths.count, by: WalkLayout.lanes).map {
            treeDepths[$0..<min(treeDepths.count, $0 + WalkLayout.lanes)].max()!
        }
    }
}

extension RandomForestRegressor {
    /// Writes tree `t`'s prediction for one row into `output[t]`, for every tree.
    @inlinable
    func predictEachTree(into output: UnsafeMutableBufferPointer<Double>, _ feature: (Int) -> Double) {
        let width = featureCount + 1
        withUnsafeTemporaryAllocation(of: Double.self, capacity: width) { row in
            for index in 0..<featureCount { row[index] = feature(index) }
            row[featureCount] = .infinity
            predictEachTree(into: output, row: UnsafeBufferPointer(row))
        }
    }

    /// `predictEachTree` for a row already copied into a buffer whose last slot holds +∞.
    @usableFromInline
    func predictEachTree(into output: UnsafeMutableBufferPointer<Double>, row: UnsafeBufferPointer<Double>) {
        guard let walk else {
            nodes.withUnsafeBufferPointer { buffer in
                for tree in 0..<treeCount { output[tree] = predict(tree: tree, in: buffer) { row[$0] } }
            }
            return
        }
        walk.nodes.withUnsafeBufferPointer { nodes in
            walk.roots.withUnsafeBufferPointer { roots in
                let count = roots.count
                var group = 0
                var tree = 0
                while tree + WalkLayout.lanes <= count {
                    var i0 = Int(roots[tree]), i1 = Int(roots[tree + 1]), i2 = Int(roots[tree + 2])
                    var i3 = Int(roots[tree + 3]), i4 = Int(roots[tree + 4]), i5 = Int(roots[tree + 5])
                    var i6 = Int(roots[tree + 6]), i7 = Int(roots[tree + 7])
                    for _ in 0..<Int(walk.groupDepths[group]) {
                        let j0 = WalkLayout.step(nodes, i0, row)
                        let j1 = WalkLayout.step(nodes, i1, row)
                        let j2 = WalkLayout.step(nodes, i2, row)
                        let j3 = WalkLayout.step(nodes, i3, row)
                        let j4 = WalkLayout.step(nodes, i4, row)
                        let j5 = WalkLayout.step(nodes, i5, row)
                        let j6 = WalkLayout.step(nodes, i6, row)
                        let j7 = WalkLayout.step(nodes, i7, row)
                        // Every lane stayed put: all eight are at their leaves, however far the
                        // group's deepest leaf is (rows rarely go that deep in all eight trees).
                        let moved = (j0 ^ i0) | (j1 ^ i1) | (j2 ^ i2) | (j3 ^ i3) | (j4 ^ i4) | (j5 ^ i5) | (j6 ^ i6) | (j7 ^ i7)
                        if moved == 0 { break }
                        (i0, i1, i2, i3, i4, i5, i6, i7) = (j0, j1, j2, j3, j4, j5, j6, j7)
                    }
                    output[tree] = nodes[i0].value
                    output[tree + 1] = nodes[i1].value
                    output[tree + 2] = nodes[i2].value
                    output[tree + 3] = nodes[i3].value
                    output[tree + 4] = nodes[i4].value
                    output[tree + 5] = nodes[i5].value
                    output[tree + 6] = nodes[i6].value
                    output[tree + 7] = nodes[i7].value
                    tree += WalkLayout.lanes
                    group += 1
                }
                // The last, shorter group: one tree at a time.
                while tree < count {
                    var index = Int(roots[tree])
                    for _ in 0..<Int(walk.groupDepths[group]) { index = WalkLayout.step(nodes, index, row) }
                    output[tree] = nodes[index].value
                    tree += 1
                }
            }
        }
    }

    /// `condition ? right : left` computed with a mask, so the compiler cannot turn it back into
    /// a branch (which way a row goes is unpredictable; a mispredicted branch costs ~15 cycles).
    @inlinable @inline(__always)
    static func choose(_ condition: Bool, right: Int, left: Int) -> Int {
        let mask = 0 &- Int(unsafeBitCast(condition, to: UInt8.self))
        return left ^ ((left ^ right) & mask)
    }
}

extension WalkLayout {
    /// One branch-free step: the child at offset 8 (left) or 12 (right) of the node, picked by
    /// the comparison; a leaf (+∞ slot, both children itself) stays put.
    @inline(__always)
    static func step(_ nodes: UnsafeBufferPointer<Node>, _ index: Int, _ row: UnsafeBufferPointer<Double>) -> Int {
        let node = UnsafeRawPointer(nodes.baseAddress! + index)
        let threshold = node.load(as: Double.self)
        let feature = Int(node.load(fromByteOffset: 8, as: UInt32.self) >> Node.indexBits)
        let goesRight = Int(unsafeBitCast(row[feature] > threshold, to: UInt8.self))
        let child = node.load(fromByteOffset: 8 &+ 4 &* goesRight, as: UInt32.self)
        return Int(child & Node.indexMask)
    }
}
