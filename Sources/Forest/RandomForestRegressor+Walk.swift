// Single-row prediction: the hot path of `forecast serve`. A tree walk is a chain of dependent
// loads (each node's address depends on the previous comparison), so one walk leaves the CPU
// idle most of the time. Walking four trees at once gives it four independent chains to
// overlap; leaves simply stay put until the slowest of the four reaches its leaf.

extension RandomForestRegressor {
    /// Writes tree `t`'s prediction for one row into `output[t]`, for every tree.
    @inlinable
    func predictEachTree(into output: UnsafeMutableBufferPointer<Double>, _ feature: (Int) -> Double) {
        nodes.withUnsafeBufferPointer { buffer in
            treeStarts.withUnsafeBufferPointer { starts in
                let count = starts.count - 1
                var tree = 0
                while tree + 4 <= count {
                    let b0 = starts[tree], b1 = starts[tree + 1], b2 = starts[tree + 2], b3 = starts[tree + 3]
                    var i0 = b0, i1 = b1, i2 = b2, i3 = b3
                    while true {
                        let n0 = buffer[i0], n1 = buffer[i1], n2 = buffer[i2], n3 = buffer[i3]
                        if (n0.feature & n1.feature & n2.feature & n3.feature) < 0 { break }
                        i0 = RandomForestRegressor.step(n0, i0, b0, feature)
                        i1 = RandomForestRegressor.step(n1, i1, b1, feature)
                        i2 = RandomForestRegressor.step(n2, i2, b2, feature)
                        i3 = RandomForestRegressor.step(n3, i3, b3, feature)
                    }
                    output[tree] = buffer[i0].value
                    output[tree + 1] = buffer[i1].value
                    output[tree + 2] = buffer[i2].value
                    output[tree + 3] = buffer[i3].value
                    tree += 4
                }
                while tree < count {
                    output[tree] = predict(tree: tree, in: buffer, feature)
                    tree += 1
                }
            }
        }
    }

    /// One branch-free step down a tree; a leaf (feature -1, all bits set) stays where it is.
    @inlinable @inline(__always)
    static func step(_ node: DecisionTree.Node, _ index: Int, _ base: Int, _ feature: (Int) -> Double) -> Int {
        let isLeaf = node.feature < 0
        let next = choose(
            feature(isLeaf ? 0 : Int(node.feature)) > node.value, right: base &+ Int(node.right), left: index &+ 1
        )
        return choose(isLeaf, right: index, left: next)
    }

    /// `condition ? right : left` computed with a mask, so the compiler cannot turn it back into
    /// a branch (which way a row goes is unpredictable; a mispredicted branch costs ~15 cycles).
    @inlinable @inline(__always)
    static func choose(_ condition: Bool, right: Int, left: Int) -> Int {
        let mask = 0 &- Int(unsafeBitCast(condition, to: UInt8.self))
        return left ^ ((left ^ right) & mask)
    }
}
