import Dispatch
import Forest
import ForecastData
import Synchronization

/// `forecast tune`: a seeded random search over the forest's hyperparameters, each setting
/// scored by the same rolling-origin backtest `forecast train --backtest K` runs (`Backtest`),
/// so the scores are the ones train reports.
///
/// Trials run in parallel, one per thread, each forest fitted on that one thread: on a few
/// hundred days this keeps every core busy with less waiting than splitting each forest's trees.
/// A trial's result does not depend on which thread ran it or when (forests are deterministic),
/// so the table is the same for every `jobs`; only the seconds differ.
public enum Tuning {
    /// What to search and how to score it.
    public struct Options: Sendable {
        public var trials: Int
        /// Seed of the search (which settings are drawn); the forests keep `base.seed`.
        public var seed: UInt64
        public var jobs: Int
        /// The split, folds and feature set of the backtest, and the base parameters.
        public var training: TrainingOptions

        /// Options for `trials` draws scored with `training`'s backtest.
        public init(trials: Int, seed: UInt64, jobs: Int, training: TrainingOptions) {
            self.trials = trials
            self.seed = seed
            self.jobs = jobs
            self.training = training
        }
    }

    /// One scored setting.
    public struct Trial: Sendable, Equatable {
        /// 1-based, in draw order (trial 1 is the defaults).
        public let number: Int
        public let parameters: ForestParameters
        /// Mean of the backtest folds.
        public let backtest: RegressionMetrics
        /// Wall-clock time of this trial's backtest.
        public let seconds: Double
    }

    /// Every trial, best first, and the baselines on the same folds.
    public struct Result: Sendable {
        /// Sorted by mean backtest MAE (ties: lower trial number first).
        public let trials: [Trial]
        /// Mean backtest metrics of each baseline, by name (the same for every trial).
        public let baselines: [String: RegressionMetrics]
        /// Days in the features file, test days the backtest covers, and its folds.
        public let rows: Int
        public let testRows: Int
        public let folds: Int

        /// The lowest-MAE trial.
        public var best: Trial { trials[0] }
        /// Trial 1, the parameters as given (the defaults unless overridden).
        public var defaults: Trial? { trials.first { $0.number == 1 } }
    }

    /// Runs the search; `progress(done, total, best)` is called (from any thread) after each trial.
    public static func run(
        records: [DailyRecord], options: Options,
        progress: (@Sendable (_ done: Int, _ total: Int, _ best: Trial) -> Void)? = nil
    ) throws -> Result {
        guard options.training.backtestFolds >= 1 else {
            throw TrainingError.badSplit("tuning needs a backtest: give --backtest K with K of at least 1")
        }
        let settings = TuningSpace.draw(count: options.trials, seed: options.seed, base: options.training.parameters)
        // Trial 1 runs first, its trees over every thread: it checks the split (a bad --backtest
        // fails once, before the workers start) and gives the progress line its first best.
        let first = try trial(
            number: 1, parameters: settings[0], records: records, options: options.training, jobs: options.jobs
        )
        let state = Mutex(Progress(done: 1, best: first.trial))
        progress?(1, settings.count, first.trial)

        let slots = Mutex([Swift.Result<Trial, any Error>?](repeating: nil, count: settings.count))
        let next = Atomic<Int>(1)
        let workers = max(1, min(options.jobs, settings.count - 1))
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                let index = next.add(1, ordering: .relaxed).oldValue
                if index >= settings.count { return }
                let outcome = Swift.Result {
                    try trial(
                        number: index + 1, parameters: settings[index], records: records, options: options.training, jobs: 1
                    ).trial
                }
                slots.withLock { $0[index] = outcome }
                if case .success(let done) = outcome {
                    let (count, best) = state.withLock { state -> (Int, Trial) in
                        state.done += 1
                        if done.backtest.mae < state.best.backtest.mae { state.best = done }
                        return (state.done, state.best)
                    }
                    progress?(count, settings.count, best)
                }
            }
        }
        var trials = [first.trial]
        for outcome in slots.withLock({ $0 }).dropFirst() {
            if let outcome { trials.append(try outcome.get()) }
        }
        trials.sort { ($0.backtest.mae, $0.number) < ($1.backtest.mae, $1.number) }
        let testRows = Trainer.testRowCount(rows: records.count, fraction: options.training.testFraction)
        return Result(
            trials: trials, baselines: first.baselines, rows: records.count, testRows: testRows, folds: first.folds
        )
    }

    private struct Progress {
        var done: Int
        var best: Trial
    }

    /// Scores one setting with the backtest, its forests fitted on `jobs` threads.
    private static func trial(
        number: Int, parameters: ForestParameters, records: [DailyRecord], options: TrainingOptions, jobs: Int
    ) throws -> (trial: Trial, baselines: [String: RegressionMetrics], folds: Int) {
        var training = options
        training.parameters = parameters
        training.jobs = jobs
        let clock = ContinuousClock()
        let started = clock.now
        let summary = try Backtest.run(records: records, options: training, featureSet: training.featureSet)
        let elapsed = started.duration(to: clock.now)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        guard let model = summary.mean["model"] else {
            throw TrainingError.badSplit("the backtest produced no folds")
        }
        var baselines = summary.mean
        baselines["model"] = nil
        return (Trial(number: number, parameters: parameters, backtest: model, seconds: seconds), baselines, summary.folds.count)
    }
}
