// Single-row prediction: the hot path of `forecast serve`. A tree walk is a chain of dependent
// loads (each node's address depends on the previous comparison), so one walk leaves the CPU
// idle most of the time. Walking eight trees at once gives it eight independent chains to
// overlap; with eight chains in flight, the instructions of a step are what the walk costs.
//
// The walk reads its own copy of the nodes (`WalkLayout`), made when the forest is built, so
// that a step is seven instructions with three base registers (two arrays and the row), which
// lets eight lanes stay in registers:
// - a lane holds a node's *position*, twice its index in the whole forest (a lane needs no tree
//   base). x86 scales an index register by at most 8, so the position addresses the node's
//   16-byte record (threshold, left child, right child) and its 2-byte row slot in a separate
//   array without any arithmetic of its own;
// - the step reads the child at byte 8 + 4 × (row value > threshold) of the record: the
//   comparison picks an address, not a branch. (Written as a select, the compiler turns it into
//   a branch around the load; a branch is right about half the time on rows it has not seen,
//   and each miss costs ~15 cycles.);
// - a leaf's two children are itself, so a lane that reached its leaf stays there with no test
//   for "is this a leaf?"; its comparison reads a row slot holding +∞ (the row is copied into a
//   buffer with that extra slot) against the leaf's prediction;
// - the walk has two parts. A group of eight lanes costs its deepest path, however short the
//   other seven: groups of trees taken in order spent about a quarter of their steps on lanes
//   already at their leaf. So each group first walks `headSteps` levels unchecked (the mean leaf
//   depth, about where half the paths end); the lanes still inside their tree are then listed,
//   branch-free, and this shorter tail is regrouped by eight and walked to the end;
// - children come after their parent (preorder), so a lane's position never decreases, and a
//   tail group is done when the sum of its eight positions stops growing: one sum rather than
//   eight comparisons with positions kept from the step before.
// The leaf a row reaches is the one the plain walk reaches (same comparisons on the same
// thresholds), so predictions are unchanged bit for bit.

/// The forest's nodes laid out for the one-row walk (see the comment above).
public struct WalkLayout: Sendable, Equatable {
    /// One node's record: a split goes to `right` when `row[slot] > threshold`, else to `left`;
    /// a leaf holds its prediction in `threshold` and its own position in both children.
    /// Children are positions (twice the child's index).
    struct Node: Sendable, Equatable {
        var threshold: Double
        var left: UInt32
        var right: UInt32
    }

    /// Lanes walked together.
    public static let lanes = 8

    /// Every node's record, indexed by node index (position / 2).
    let nodes: [Node]
    /// Every node's row slot, indexed by node index: a split's feature, a leaf's +∞ slot
    /// (`featureCount`). Two bytes each, so a position is also its byte offset here.
    let slots: [UInt16]
    /// Position of each tree's root.
    let roots: [UInt32]
    /// For each group of `lanes` trees (the last may be shorter), the depth of its deepest leaf.
    let groupDepths: [Int32]
    /// Levels every group walks before any lane is checked (see `predictEachTree`): the mean
    /// depth of the forest's leaves, about where half the paths end.
    let headSteps: Int
    /// The depth of the forest's deepest leaf.
    let maxDepth: Int
    /// The position of some leaf, for lanes that pad the last group of the tail.
    let paddingLeaf: Int

    /// Lays out `nodes` (trees in preorder, `treeStarts` as in `RandomForestRegressor`) for the
    /// walk; nil past 2^31 nodes (the plain walk is used then).
    init?(nodes source: [DecisionTree.Node], treeStarts: [Int], featureCount: Int) {
        guard source.count < 1 << 31, featureCount < Int(UInt16.max),
              MemoryLayout<Node>.stride == 16, MemoryLayout<Node>.offset(of: \Node.left) == 8,
              MemoryLayout<Node>.offset(of: \Node.right) == 12
        else { return nil }
        var nodes: [Node] = [], slots: [UInt16] = []
        nodes.reserveCapacity(source.count)
        slots.reserveCapacity(source.count)
        var treeDepths: [Int32] = []
        treeDepths.reserveCapacity(treeStarts.count)
        var leafCount = 0, leafDepthSum = 0, firstLeaf = 0
        let largest = zip(treeStarts.dropFirst(), treeStarts).map { $0 - $1 }.max() ?? 0
        // Depths in one pass over each tree's preorder: after a split at depth d comes its left
        // child at d + 1 and its right child's depth is put aside; after a leaf comes the right
        // child most recently put aside.
        let laidOut = withUnsafeTemporaryAllocation(of: Int32.self, capacity: max(1, largest)) { pending -> Bool in
            for tree in 0..<(treeStarts.count - 1) {
                let base = treeStarts[tree]
                var deepest: Int32 = 0, depth: Int32 = 0, waiting = 0
                for index in base..<treeStarts[tree + 1] {
                    let node = source[index]
                    if node.isLeaf {
                        let position = UInt32(2 * index)
                        nodes.append(Node(threshold: node.value, left: position, right: position))
                        slots.append(UInt16(featureCount))
                        deepest = max(deepest, depth)
                        if leafCount == 0 { firstLeaf = index }
                        leafCount += 1
                        leafDepthSum += Int(depth)
                        if waiting > 0 {
                            waiting -= 1
                            depth = pending[waiting]
                        }
                    } else {
                        let right = base + Int(node.right)
                        // The stopping rule needs children after their parent, which a
                        // validated tree always has.
                        guard right > index + 1 else { return false }
                        nodes.append(Node(threshold: node.value, left: UInt32(2 * (index + 1)), right: UInt32(2 * right)))
                        slots.append(UInt16(node.feature))
                        depth += 1
                        pending[waiting] = depth
                        waiting += 1
                    }
                }
                treeDepths.append(deepest)
            }
            return true
        }
        guard laidOut else { return nil }
        self.nodes = nodes
        self.slots = slots
        roots = treeStarts.dropLast().map { UInt32(2 * $0) }
        groupDepths = stride(from: 0, to: treeDepths.count, by: WalkLayout.lanes).map {
            treeDepths[$0..<min(treeDepths.count, $0 + WalkLayout.lanes)].max()!
        }
        headSteps = (leafDepthSum + leafCount / 2) / max(1, leafCount)
        maxDepth = Int(treeDepths.max() ?? 0)
        paddingLeaf = 2 * firstLeaf
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
        let row = row.baseAddress!
        let count = walk.roots.count
        walk.withPointers { nodes in
            // The tail's lanes: positions, then the trees they belong to; room to pad the last
            // group to eight. (32 bits each: the layout holds under 2^31 nodes, so positions,
            // twice an index, stay below 2^32.)
            StackScratch.withSlots(2 * (count + WalkLayout.lanes)) { tail in
                let positions = tail.baseAddress!, trees = tail.baseAddress! + count + WalkLayout.lanes
                var waiting = 0
                // The head: each group of eight walks `headSteps` levels unchecked. Every lane
                // then writes the value where it stands and joins the tail, branch-free: it is
                // written to the tail's next slot, which only a lane still at a split keeps (the
                // tail later overwrites that lane's value with its leaf's).
                var tree = 0, group = 0
                while tree + WalkLayout.lanes <= count {
                    var lanes = Lanes { Int(nodes.roots[tree + $0]) }
                    for _ in 0..<min(walk.headSteps, Int(walk.groupDepths[group])) { lanes.step(nodes, row) }
                    lanes.forEach { lane, position in
                        output[tree + lane] = nodes.value(position)
                        positions[waiting] = UInt32(truncatingIfNeeded: position)
                        trees[waiting] = UInt32(truncatingIfNeeded: tree + lane)
                        waiting &+= nodes.isSplit(position, leafSlot: featureCount) ? 1 : 0
                    }
                    tree += WalkLayout.lanes
                    group += 1
                }
                // Trees of a last, shorter group start in the tail at their roots.
                for rest in tree..<count {
                    positions[waiting] = nodes.roots[rest]
                    trees[waiting] = UInt32(truncatingIfNeeded: rest)
                    waiting += 1
                }
                for pad in waiting..<((waiting + WalkLayout.lanes - 1) / WalkLayout.lanes * WalkLayout.lanes) {
                    positions[pad] = UInt32(truncatingIfNeeded: walk.paddingLeaf)
                }
                // The tail: regrouped by eight, walked until no lane moves (children come after
                // their parent, so positions only grow: an unchanged sum means every lane is at
                // its leaf), at most the deepest leaf's depth.
                var first = 0
                while first < waiting {
                    var lanes = Lanes { Int(positions[first + $0]) }
                    var before = lanes.sum
                    for _ in 0..<walk.maxDepth {
                        lanes.step(nodes, row)
                        let after = lanes.sum
                        if after == before { break }
                        before = after
                    }
                    lanes.forEach { lane, position in positions[first + lane] = UInt32(truncatingIfNeeded: position) }
                    first += WalkLayout.lanes
                }
                for index in 0..<waiting { output[Int(trees[index])] = nodes.value(Int(positions[index])) }
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
    /// The layout's arrays as raw pointers, for the walk.
    struct Pointers {
        let nodes: UnsafeRawPointer
        let slots: UnsafeRawPointer
        let roots: UnsafePointer<UInt32>

        /// One branch-free step from the node at `position`: the left or right child, picked
        /// by the comparison; a leaf (+∞ slot, both children itself) stays put.
        @inline(__always)
        func step(_ position: Int, _ row: UnsafePointer<Double>) -> Int {
            let slot = Int(slots.load(fromByteOffset: position, as: UInt16.self))
            let threshold = nodes.load(fromByteOffset: position &* 8, as: Double.self)
            let goesRight = Int(unsafeBitCast(row[slot] > threshold, to: UInt8.self))
            return Int(nodes.load(fromByteOffset: position &* 8 &+ 8 &+ goesRight &* 4, as: UInt32.self))
        }

        /// Whether the node at `position` is a split (a leaf's slot is the +∞ one, `leafSlot`).
        @inline(__always)
        func isSplit(_ position: Int, leafSlot: Int) -> Bool {
            Int(slots.load(fromByteOffset: position, as: UInt16.self)) != leafSlot
        }

        /// The prediction of the leaf at `position`.
        @inline(__always)
        func value(_ position: Int) -> Double {
            nodes.load(fromByteOffset: position &* 8, as: Double.self)
        }
    }

    /// Runs `body` with the layout's arrays as pointers (the step reads them unchecked).
    @inline(__always)
    func withPointers<Result>(_ body: (Pointers) -> Result) -> Result {
        nodes.withUnsafeBytes { nodes in
            slots.withUnsafeBytes { slots in
                roots.withUnsafeBufferPointer { roots in
                    body(Pointers(nodes: nodes.baseAddress!, slots: slots.baseAddress!, roots: roots.baseAddress!))
                }
            }
        }
    }
}

/// Eight trees walked together, a node's position in each lane: eight independent chains of
/// loads for the CPU to overlap.
struct Lanes {
    var p0, p1, p2, p3, p4, p5, p6, p7: Int

    /// Lane `i` starts at `start(i)`.
    @inline(__always)
    init(_ start: (Int) -> Int) {
        (p0, p1, p2, p3) = (start(0), start(1), start(2), start(3))
        (p4, p5, p6, p7) = (start(4), start(5), start(6), start(7))
    }

    /// One level down in every lane (a lane at its leaf stays there).
    @inline(__always)
    mutating func step(_ nodes: WalkLayout.Pointers, _ row: UnsafePointer<Double>) {
        p0 = nodes.step(p0, row)
        p1 = nodes.step(p1, row)
        p2 = nodes.step(p2, row)
        p3 = nodes.step(p3, row)
        p4 = nodes.step(p4, row)
        p5 = nodes.step(p5, row)
        p6 = nodes.step(p6, row)
        p7 = nodes.step(p7, row)
    }

    /// The sum of the positions, which grows as long as some lane moves.
    @inline(__always)
    var sum: Int { p0 &+ p1 &+ p2 &+ p3 &+ p4 &+ p5 &+ p6 &+ p7 }

    /// `body(lane, position)` for each lane in order.
    @inline(__always)
    func forEach(_ body: (Int, Int) -> Void) {
        body(0, p0)
        body(1, p1)
        body(2, p2)
        body(3, p3)
        body(4, p4)
        body(5, p5)
        body(6, p6)
        body(7, p7)
    }
}
