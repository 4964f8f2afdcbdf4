/// Grows one regression tree depth first with an explicit stack, as scikit-learn's
/// `DepthFirstTreeBuilder` (`sklearn/tree/_tree.pyx`) does, with its `BestSplitter` and
/// squared-error `Criterion` folded in:
///
/// - the bootstrap is a count per row (a weight), never a copied matrix (`_forest.py`);
/// - each node keeps, per feature, its rows in sorted order (a slice of `order`), obtained by a
///   stable partition of its parent's slice, so no node sorts anything;
/// - a split is scanned left to right with running weighted sums, so moving the split one row
///   is O(1) (`Criterion.update`), and positions are ranked by the proxy
///   `sumLeft²/weightLeft + sumRight²/weightRight` (`proxy_impurity_improvement`);
/// - thresholds sit halfway between consecutive distinct values; values closer than
///   `featureThreshold` count as equal; a leaf keeps at least `minSamplesLeaf` distinct rows.
struct TreeBuilder {
    /// scikit-learn's `FEATURE_THRESHOLD`: gaps smaller than this are not split on.
    static let featureThreshold = 1e-7

    let set: TrainingSet
    let parameters: ForestParameters

    /// A row's bootstrap count and count × target, read together during a scan.
    struct RowStat {
        var weight: Double
        var weightedTarget: Double
    }

    private struct Pending {
        var start: Int
        var end: Int
        var depth: Int
        /// Feature the parent split on (-1 for the root): the node subtracts its weighted
        /// impurity from that feature's importance.
        var parentFeature: Int
        /// Index of the parent when this node is its right child, else -1.
        var rightOf: Int
    }

    /// Fits one tree from its own seed.
    func fit(seed: UInt64) -> FittedTree {
        var random = SeededGenerator(seed: seed)
        let rowCount = set.features.rowCount
        let featureCount = set.features.featureCount

        var weights = [Double](repeating: parameters.bootstrap ? 0 : 1, count: rowCount)
        if parameters.bootstrap {
            for _ in 0..<rowCount { weights[random.next(below: rowCount)] += 1 }
        }
        var inBag = [UInt64](repeating: 0, count: (rowCount + 63) / 64)
        var used = 0
        for row in 0..<rowCount where weights[row] > 0 {
            inBag[row >> 6] |= 1 << UInt64(row & 63)
            used += 1
        }

        // Every feature's slice holds the same rows (those with weight), each in its own order,
        // with the feature's values copied alongside so split scans read memory in sequence.
        var order = [Int32](repeating: 0, count: used * featureCount)
        var sorted = [Double](repeating: 0, count: used * featureCount)
        set.presorted.withUnsafeBufferPointer { presorted in
            set.features.values.withUnsafeBufferPointer { x in
                for feature in 0..<featureCount {
                    var next = feature * used
                    let column = feature * rowCount
                    for position in column..<(column + rowCount) {
                        let row = presorted[position]
                        if weights[Int(row)] > 0 {
                            order[next] = row
                            sorted[next] = x[column + Int(row)]
                            next += 1
                        }
                    }
                }
            }
        }
        var stats = [RowStat](repeating: RowStat(weight: 0, weightedTarget: 0), count: rowCount)
        for row in 0..<rowCount {
            stats[row] = RowStat(weight: weights[row], weightedTarget: weights[row] * set.targets[row])
        }

        var importances = [Double](repeating: 0, count: featureCount)
        var nodes: [DecisionTree.Node] = []
        nodes.reserveCapacity(2 * used)
        var covers: [Double] = []
        covers.reserveCapacity(2 * used)
        stats.withUnsafeBufferPointer { stats in
            set.targets.withUnsafeBufferPointer { y in
                order.withUnsafeMutableBufferPointer { order in
                    sorted.withUnsafeMutableBufferPointer { sorted in
                        grow(
                            stats: stats, y: y, order: order, sorted: sorted, used: used, random: &random,
                            nodes: &nodes, covers: &covers, importances: &importances
                        )
                    }
                }
            }
        }
        return FittedTree(tree: DecisionTree(trusted: nodes), covers: covers, importances: importances, inBag: inBag)
    }

    private func grow(
        stats: UnsafeBufferPointer<RowStat>, y: UnsafeBufferPointer<Double>, order: UnsafeMutableBufferPointer<Int32>,
        sorted: UnsafeMutableBufferPointer<Double>, used: Int, random: inout SeededGenerator,
        nodes: inout [DecisionTree.Node], covers: inout [Double], importances: inout [Double]
    ) {
        let rowCount = set.features.rowCount
        let featureCount = set.features.featureCount
        let minLeaf = parameters.minSamplesLeaf
        let minSplit = parameters.minSamplesSplit
        let maxDepth = parameters.maxDepth ?? Int.max
        let perSplit = parameters.featuresPerSplit(of: featureCount)
        var candidates = Array(0..<featureCount)
        // Scratch space for routing rows (unchecked buffers: the loops that use them are the
        // hottest of the fit). `scratch` has room for one more row than `used`, as a row is
        // written there before the cursor decides whether it stays.
        let goesLeft = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: rowCount)
        goesLeft.initialize(repeating: 0)
        let scratch = UnsafeMutableBufferPointer<Int32>.allocate(capacity: used + 1)
        scratch.initialize(repeating: 0)
        let scratchValues = UnsafeMutableBufferPointer<Double>.allocate(capacity: used + 1)
        scratchValues.initialize(repeating: 0)
        defer {
            goesLeft.deallocate()
            scratch.deallocate()
            scratchValues.deallocate()
        }
        var rootWeight = 0.0

        var stack = [Pending(start: 0, end: used, depth: 0, parentFeature: -1, rightOf: -1)]
        while let pending = stack.popLast() {
            let id = nodes.count
            if pending.rightOf >= 0 { nodes[pending.rightOf].right = Int32(id) }
            let start = pending.start, end = pending.end

            // Node statistics from the first feature's slice (any slice holds the same rows).
            var weight = 0.0, sum = 0.0, sumSquares = 0.0
            var lowest = Double.infinity, highest = -Double.infinity
            for position in start..<end {
                let row = Int(order[position])
                let stat = stats[row], target = y[row]
                weight += stat.weight
                sum += stat.weightedTarget
                sumSquares += stat.weightedTarget * target
                lowest = min(lowest, target)
                highest = max(highest, target)
            }
            let mean = sum / weight
            // The node's cover (scikit-learn's `weighted_n_node_samples`), which TreeSHAP needs;
            // recorded beside the node, it plays no part in the prediction.
            covers.append(weight)
            let impurity = max(0, sumSquares / weight - mean * mean)
            if id == 0 { rootWeight = weight }
            if pending.parentFeature >= 0 { importances[pending.parentFeature] -= weight * impurity }

            let count = end - start
            // scikit-learn's leaf tests: too few samples, too deep, or pure (targets all equal).
            var isLeaf = count < minSplit || count < 2 * minLeaf || pending.depth >= maxDepth
                || highest <= lowest || impurity <= Double.ulpOfOne

            var bestFeature = -1, bestPosition = 0
            var bestThreshold = 0.0, bestProxy = -Double.infinity
            if !isLeaf {
                var remaining = featureCount
                var tried = 0
                while remaining > 0 && tried < perSplit {
                    // Partial Fisher–Yates draw of the next candidate, unless every feature is
                    // tried anyway (max_features = 1.0), where the order does not matter.
                    let feature: Int
                    if perSplit < featureCount {
                        let pick = random.next(below: remaining)
                        remaining -= 1
                        candidates.swapAt(pick, remaining)
                        feature = candidates[remaining]
                    } else {
                        remaining -= 1
                        feature = featureCount - 1 - remaining
                    }
                    let slice = feature * used
                    let first = sorted[slice + start]
                    let last = sorted[slice + end - 1]
                    // A constant feature does not count towards max_features (BestSplitter).
                    if last <= first + TreeBuilder.featureThreshold { continue }
                    tried += 1

                    var weightLeft = 0.0, sumLeft = 0.0
                    var current = first
                    var position = start
                    while position < end - 1 {
                        let stat = stats[Int(order[slice + position])]
                        weightLeft += stat.weight
                        sumLeft += stat.weightedTarget
                        let next = sorted[slice + position + 1]
                        position += 1
                        let value = current
                        current = next
                        if next <= value + TreeBuilder.featureThreshold { continue }
                        let leftCount = position - start
                        if leftCount < minLeaf { continue }
                        if end - position < minLeaf { break }
                        let weightRight = weight - weightLeft
                        let sumRight = sum - sumLeft
                        let proxy = sumLeft * sumLeft / weightLeft + sumRight * sumRight / weightRight
                        if proxy > bestProxy {
                            bestProxy = proxy
                            bestFeature = feature
                            bestPosition = position
                            var threshold = value / 2 + next / 2
                            if threshold == next || !threshold.isFinite { threshold = value }
                            bestThreshold = threshold
                        }
                    }
                }
                isLeaf = bestFeature < 0
            }

            if isLeaf {
                nodes.append(DecisionTree.Node(feature: -1, right: 0, value: mean))
                continue
            }
            importances[bestFeature] += weight * impurity
            nodes.append(DecisionTree.Node(feature: Int32(bestFeature), right: 0, value: bestThreshold))

            // Route rows: the chosen feature's slice is already split at bestPosition; every
            // other slice is partitioned stably so it stays sorted on both sides.
            let chosen = bestFeature * used
            for position in start..<end {
                goesLeft[Int(order[chosen + position])] = position < bestPosition ? 1 : 0
            }
            for feature in 0..<featureCount where feature != bestFeature {
                let slice = feature * used
                var left = slice + start, right = 0
                // Branch-free: which side a row goes is a coin flip to the branch predictor.
                // Each row is written to both places and only one cursor moves; the left write
                // lands at or before the row being read, on a row already read.
                for position in (slice + start)..<(slice + end) {
                    let row = order[position]
                    let value = sorted[position]
                    let isLeft = Int(goesLeft[Int(row)])
                    order[left] = row
                    sorted[left] = value
                    scratch[right] = row
                    scratchValues[right] = value
                    left &+= isLeft
                    right &+= 1 &- isLeft
                }
                for index in 0..<right {
                    order[left + index] = scratch[index]
                    sorted[left + index] = scratchValues[index]
                }
            }
            stack.append(Pending(
                start: bestPosition, end: end, depth: pending.depth + 1, parentFeature: bestFeature, rightOf: id
            ))
            stack.append(Pending(
                start: start, end: bestPosition, depth: pending.depth + 1, parentFeature: bestFeature, rightOf: -1
            ))
        }

        // scikit-learn divides by the root's weight and then by the total; the first division
        // cancels out in the second, so only the total matters.
        let total = importances.reduce(0, +)
        if total > 0, rootWeight > 0 {
            for feature in 0..<featureCount { importances[feature] = importances[feature] / total }
        } else {
            for feature in 0..<featureCount { importances[feature] = 0 }
        }
    }
}
