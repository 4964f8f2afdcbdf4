// Exact path-dependent TreeSHAP for one regression tree: Lundberg, Erion and Lee, "Consistent
// Individualized Feature Attribution for Tree Ensembles" (2018), Algorithm 2.
//
// The Shapley value of feature i sums, over every subset S of the other features, the change
// in E[f(x) | x_S] when i joins S, where a split on a feature outside S sends the row down both
// children in proportion to their training cover. Algorithm 2 gets all 2^M subsets at once in
// O(leaves × depth²): walking from the root, it keeps the path of distinct features met so far
// and, for every subset size, the weight of the subsets that still reach the current node
// (EXTEND adds a feature to that path, UNWIND takes one back out). At a leaf, each feature on
// the path receives its share of the leaf value: the path's weight with the feature unwound,
// times (one-fraction − zero-fraction), i.e. how much more of the leaf it reaches when known.
//
// Each path element stores:
//   feature       the split feature (-1 for the root's placeholder),
//   zeroFraction  share of the training cover kept when the feature is unknown,
//   oneFraction   1 when the row follows this branch when the feature is known, else 0,
//   weight        the permutation weight of the subsets of the current size.

/// Computes one tree's SHAP values for one row (see the file header for the algorithm).
///
/// Works on buffers the caller holds (the tree's nodes and covers, and a path scratch area of
/// `pathCapacity(depth:)` elements), so explaining a row allocates once, not per tree or node.
struct TreeSHAP {
    struct PathElement {
        var feature: Int32
        var zeroFraction: Double
        var oneFraction: Double
        var weight: Double

        static let empty = PathElement(feature: -1, zeroFraction: 0, oneFraction: 0, weight: 0)
    }

    private let nodes: UnsafeBufferPointer<DecisionTree.Node>
    private let covers: UnsafeBufferPointer<Double>
    private let path: UnsafeMutableBufferPointer<PathElement>

    /// Every recursion level copies its parent's path to a fresh segment after it, so a tree
    /// whose deepest leaf is at `depth` needs at most 1 + 2 + … + (depth + 1) elements.
    static func pathCapacity(depth: Int) -> Int { (depth + 1) * (depth + 2) / 2 }

    /// A walker over one tree: `nodes[i]` saw training weight `covers[i]` (all positive), and
    /// `path` holds at least `pathCapacity(depth:)` elements for the tree's depth.
    init(
        nodes: UnsafeBufferPointer<DecisionTree.Node>, covers: UnsafeBufferPointer<Double>,
        path: UnsafeMutableBufferPointer<PathElement>
    ) {
        self.nodes = nodes
        self.covers = covers
        self.path = path
    }

    /// Adds `scale ×` the tree's SHAP value of each feature for `row` to `contributions[i]`.
    func accumulate(into contributions: UnsafeMutableBufferPointer<Double>, scale: Double, row: UnsafeBufferPointer<Double>) {
        recurse(
            node: 0, parentStart: 0, parentLength: 0, zeroFraction: 1, oneFraction: 1, splitFeature: -1,
            scale: scale, contributions: contributions, row: row
        )
    }

    /// The tree's expected value: its leaves' values weighted by their training cover, which is
    /// what the contributions are measured from (they add up to prediction − expected value).
    static func expectedValue(tree: DecisionTree, covers: [Double]) -> Double {
        var total = 0.0
        for (index, node) in tree.nodes.enumerated() where node.isLeaf { total += covers[index] * node.value }
        return total / covers[0]
    }

    private func recurse(
        node: Int, parentStart: Int, parentLength: Int, zeroFraction: Double, oneFraction: Double,
        splitFeature: Int32, scale: Double, contributions: UnsafeMutableBufferPointer<Double>, row: UnsafeBufferPointer<Double>
    ) {
        // This level's segment starts right after the parent's, as a copy of it.
        let start = parentStart + parentLength
        for offset in 0..<parentLength { path[start + offset] = path[parentStart + offset] }
        extend(start: start, depth: parentLength, zeroFraction: zeroFraction, oneFraction: oneFraction, feature: splitFeature)
        var depth = parentLength

        let current = nodes[node]
        if current.isLeaf {
            // Element 0 is the root's placeholder, not a feature.
            if depth == 0 { return }
            for index in 1...depth {
                let element = path[start + index]
                let weight = unwoundWeightSum(start: start, depth: depth, index: index)
                contributions[Int(element.feature)] +=
                    scale * weight * (element.oneFraction - element.zeroFraction) * current.value
            }
            return
        }

        let left = node + 1, right = Int(current.right)
        let goesLeft = row[Int(current.feature)] <= current.value
        let hot = goesLeft ? left : right, cold = goesLeft ? right : left
        // A feature already on the path is taken out and re-entered with both fractions
        // combined, so each feature appears once whatever how often the path splits on it.
        var incomingZero = 1.0, incomingOne = 1.0
        var repeated = 1
        while repeated <= depth && path[start + repeated].feature != current.feature { repeated += 1 }
        if repeated <= depth {
            incomingZero = path[start + repeated].zeroFraction
            incomingOne = path[start + repeated].oneFraction
            unwind(start: start, depth: depth, index: repeated)
            depth -= 1
        }
        let cover = covers[node]
        recurse(
            node: hot, parentStart: start, parentLength: depth + 1,
            zeroFraction: incomingZero * covers[hot] / cover, oneFraction: incomingOne, splitFeature: current.feature,
            scale: scale, contributions: contributions, row: row
        )
        recurse(
            node: cold, parentStart: start, parentLength: depth + 1,
            zeroFraction: incomingZero * covers[cold] / cover, oneFraction: 0, splitFeature: current.feature,
            scale: scale, contributions: contributions, row: row
        )
    }

    /// EXTEND: appends `feature` at position `depth` and updates the weight of every subset
    /// size (subsets without the feature keep `zeroFraction`, those with it `oneFraction`).
    private func extend(start: Int, depth: Int, zeroFraction: Double, oneFraction: Double, feature: Int32) {
        path[start + depth] = PathElement(
            feature: feature, zeroFraction: zeroFraction, oneFraction: oneFraction, weight: depth == 0 ? 1 : 0
        )
        let size = Double(depth + 1)
        var index = depth - 1
        while index >= 0 {
            path[start + index + 1].weight += oneFraction * path[start + index].weight * Double(index + 1) / size
            path[start + index].weight = zeroFraction * path[start + index].weight * Double(depth - index) / size
            index -= 1
        }
    }

    /// UNWIND: undoes the EXTEND of the element at `index`, leaving a path of `depth` elements.
    private func unwind(start: Int, depth: Int, index: Int) {
        let one = path[start + index].oneFraction, zero = path[start + index].zeroFraction
        let size = Double(depth + 1)
        var carried = path[start + depth].weight
        var position = depth - 1
        while position >= 0 {
            if one != 0 {
                let previous = path[start + position].weight
                path[start + position].weight = carried * size / (Double(position + 1) * one)
                carried = previous - path[start + position].weight * zero * Double(depth - position) / size
            } else {
                path[start + position].weight = path[start + position].weight * size / (zero * Double(depth - position))
            }
            position -= 1
        }
        for position in index..<depth {
            path[start + position].feature = path[start + position + 1].feature
            path[start + position].zeroFraction = path[start + position + 1].zeroFraction
            path[start + position].oneFraction = path[start + position + 1].oneFraction
        }
    }

    /// The total weight the path would have with element `index` unwound, without changing it.
    private func unwoundWeightSum(start: Int, depth: Int, index: Int) -> Double {
        let one = path[start + index].oneFraction, zero = path[start + index].zeroFraction
        let size = Double(depth + 1)
        var total = 0.0
        var position = depth - 1
        if one != 0 {
            var carried = path[start + depth].weight
            while position >= 0 {
                let weight = carried * size / (Double(position + 1) * one)
                total += weight
                carried = path[start + position].weight - weight * zero * Double(depth - position) / size
                position -= 1
            }
        } else {
            while position >= 0 {
                total += path[start + position].weight * size / (zero * Double(depth - position))
                position -= 1
            }
        }
        return total
    }
}
