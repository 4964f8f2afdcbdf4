import Forest
import ModelRegistry

/// Turns `forecast train`'s options into `TrainingOptions`, each value checked (exit 2 on a bad one).
enum TrainDefaults {
    /// The feature set used when `--feature-set` is not given (see README: Training).
    static let featureSet = FeatureSet.standard

    static func options(from options: ParsedOptions) throws -> TrainingOptions {
        var parameters = ForestParameters()
        if let trees = try options.int("trees", in: 1...100_000) { parameters.treeCount = trees }
        if let seed = try options.int("seed", in: 0...Int.max) { parameters.seed = UInt64(seed) }
        if let depth = try options.int("max-depth", in: 1...10_000) { parameters.maxDepth = depth }
        if let leaf = try options.int("min-samples-leaf", in: 1...1_000_000) { parameters.minSamplesLeaf = leaf }
        if let fraction = try options.double("max-features", in: 0...1) {
            guard fraction > 0 else { throw CLIError.usage("--max-features expects a number in (0, 1], got '0'") }
            parameters.maxFeatures = fraction
        }
        var training = TrainingOptions(parameters: parameters)
        if let name = try options.choice("feature-set", from: FeatureSet.allCases.map(\.rawValue)),
           let set = FeatureSet(rawValue: name) {
            training.featureSet = set
        } else {
            training.featureSet = featureSet
        }
        if let fraction = try options.double("test-fraction", in: 0...1) {
            guard fraction > 0, fraction < 1 else {
                throw CLIError.usage("--test-fraction expects a number between 0 and 1 (exclusive), got '\(fraction)'")
            }
            training.testFraction = fraction
        }
        if let folds = try options.int("backtest", in: 0...1000) {
            training.backtestFolds = folds
            training.backtestIsExact = true
        }
        if let name = try options.choice("model", from: ["auto"] + Candidate.allCases.map(\.rawValue)) {
            training.model = Candidate(rawValue: name)  // nil for auto
        }
        if let jobs = try options.int("jobs", in: 1...1024) { training.jobs = jobs }
        return training
    }
}
