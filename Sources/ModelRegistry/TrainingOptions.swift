import Forest

/// What `forecast train` was asked to do, validated before any work.
public struct TrainingOptions: Sendable {
    /// SPEC.md default test fraction.
    public static let defaultTestFraction = 0.2
    /// Backtest folds run by default (issue 9: one backtest chooses the candidate).
    public static let defaultBacktestFolds = 5

    /// The folds the backtest runs on `testRows` test rows (0: none).
    public func folds(testRows: Int) -> Int {
        backtestIsExact ? backtestFolds : min(backtestFolds, testRows / 2)
    }

    public var featureSet: FeatureSet
    public var parameters: ForestParameters
    /// Share of the last rows held out as the test set, in (0, 1).
    public var testFraction: Double
    /// Rolling-origin backtest folds; 0 for none.
    /// Rolling-origin backtest folds; 0 for none.
    public var backtestFolds: Int
    /// Whether exactly `backtestFolds` folds are required (an explicit `--backtest K`: too few
    /// test rows is an error); otherwise fewer folds are run when the test rows cannot make
    /// blocks of 2 days, so a small file still trains with the defaults.
    public var backtestIsExact: Bool
    /// The candidate to register; nil (`--model auto`) for the one with the lowest mean
    /// backtest MAE, or the level forest when no backtest runs.
    public var model: Candidate?
    /// Threads for fitting and predicting; results are identical for every value.
    public var jobs: Int

    public init(
        featureSet: FeatureSet = .standard, parameters: ForestParameters = ForestParameters(),
        testFraction: Double = TrainingOptions.defaultTestFraction, backtestFolds: Int = TrainingOptions.defaultBacktestFolds, backtestIsExact: Bool = false,
        model: Candidate? = nil, jobs: Int = RandomForestRegressor.defaultJobs
    ) {
        self.featureSet = featureSet
        self.parameters = parameters
        self.testFraction = testFraction
        self.backtestFolds = backtestFolds
        self.backtestIsExact = backtestIsExact
        self.model = model
        self.jobs = jobs
    }
}

/// Why training could not start; the message names the fix.
public enum TrainingError: Error, Equatable, Sendable, CustomStringConvertible {
    case tooFewRows(rows: Int, needed: Int)
    case badSplit(String)

    /// One line naming the problem and the fix.
    public var description: String {
        switch self {
        case let .tooFewRows(rows, needed):
            "the features file has \(rows) rows; training needs at least \(needed): give more days of data or a larger --test-fraction"
        case let .badSplit(detail):
            "\(detail)"
        }
    }
}
