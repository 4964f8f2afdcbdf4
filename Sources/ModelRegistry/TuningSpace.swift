import Forest

/// The values `forecast tune` searches, and its seeded draws of them.
///
/// Discrete grids rather than continuous ranges: neighbouring values score alike on a few
/// hundred days, and whole numbers read better in the table and in the parameters file.
public enum TuningSpace {
    /// `n_estimators`: more trees only lower the variance, so a few sizes are enough.
    public static let treeCounts = [50, 100, 200, 300, 500]
    /// `max_depth`; nil is unlimited (the default).
    public static let maxDepths: [Int?] = [nil, 4, 6, 8, 10, 12, 16]
    /// `min_samples_leaf`.
    public static let minSamplesLeaves = [1, 2, 3, 5, 8, 12, 20]
    /// `max_features`, the fraction of features tried per split.
    public static let maxFeatures = [0.3, 0.5, 0.7, 0.85, 1.0]

    /// Number of distinct settings in the space.
    public static var size: Int { treeCounts.count * maxDepths.count * minSamplesLeaves.count * maxFeatures.count }

    /// `count` distinct settings (at most `size`): the first is `base` unchanged, so the table
    /// always shows the defaults beside the draws; the others are drawn uniformly from the grids
    /// with a generator seeded by `seed`, redrawing any setting already taken. Every other
    /// field (forest seed, bootstrap, min_samples_split) is `base`'s.
    public static func draw(count: Int, seed: UInt64, base: ForestParameters) -> [ForestParameters] {
        var random = SeededGenerator(seed: seed)
        var chosen = [base]
        let wanted = min(count, size)
        while chosen.count < wanted {
            var candidate = base
            candidate.treeCount = treeCounts[random.next(below: treeCounts.count)]
            candidate.maxDepth = maxDepths[random.next(below: maxDepths.count)]
            candidate.minSamplesLeaf = minSamplesLeaves[random.next(below: minSamplesLeaves.count)]
            candidate.maxFeatures = maxFeatures[random.next(below: maxFeatures.count)]
            if !chosen.contains(candidate) { chosen.append(candidate) }
        }
        return Array(chosen.prefix(count))
    }
}
