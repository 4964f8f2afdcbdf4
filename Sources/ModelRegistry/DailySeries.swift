import Forest
import ForecastData

/// A features file's rows with every candidate's inputs computed once: the level features of
/// both feature sets and the scale-free table. Each row only looks at its own day and the days
/// before, so one computation over all rows serves every fold without leaking test days.
final class DailySeries: Sendable {
    let records: [DailyRecord]
    let revenues: [Double]
    let labels: [Double]
    /// Level features per feature set, every row.
    let levels: [FeatureSet: FeatureMatrix]
    /// Scale-free features, the 7-day mean each row's target is relative to, and those targets.
    let scaleFree: FeatureMatrix
    let scales: [Double]
    let relativeTargets: [Double]

    init(records: [DailyRecord]) throws {
        self.records = records
        revenues = records.map(\.revenue)
        labels = records.map(\.label)
        var levels: [FeatureSet: FeatureMatrix] = [:]
        for set in FeatureSet.allCases { levels[set] = try set.matrix(for: records) }
        self.levels = levels
        (scaleFree, scales, relativeTargets) = try ScaleFreeFeatures.table(for: records)
    }

    /// Fits `candidate` on rows `range`. A blend fits its forest part; `blendParts` names which
    /// forest and rule it combines.
    func fit(
        _ candidate: Candidate, range: Range<Int>, featureSet: FeatureSet, parameters: ForestParameters, jobs: Int,
        blendParts: (forest: Candidate, rule: RuleModel.Kind) = (.forest, .seasonalNaive), outOfBag: Bool = false
    ) throws -> Forecaster {
        switch candidate {
        case .forest:
            let forest = try RandomForestRegressor.fit(
                features: levels[featureSet]!.rows(range), targets: Array(labels[range]), parameters: parameters,
                jobs: jobs, outOfBag: outOfBag
            )
            return .levels(featureSet, forest)
        case .forestScaleFree:
            // A day whose 7-day mean is 0 has no relative target: it teaches nothing.
            let usable = range.filter { scales[$0] > 0 }
            let matrix = usable.count == range.count
                ? scaleFree.rows(range) : try FeatureMatrix(rows: usable.map(scaleFree.row), featureCount: scaleFree.featureCount)
            let forest = try RandomForestRegressor.fit(
                features: matrix, targets: usable.map { relativeTargets[$0] }, parameters: parameters, jobs: jobs,
                outOfBag: outOfBag
            )
            return .scaleFree(forest)
        case .seasonalNaive, .movingAverage7d, .persistence:
            return .rule(RuleModel(candidate.rule!))
        case .blend:
            let part = try fit(blendParts.forest, range: range, featureSet: featureSet, parameters: parameters, jobs: jobs,
                               outOfBag: outOfBag)
            return .blend(part, RuleModel(blendParts.rule))
        }
    }

    /// `forecaster`'s forecasts for rows `range`.
    func forecasts(_ forecaster: Forecaster, range: Range<Int>, jobs: Int) -> [Double] {
        switch forecaster {
        case let .levels(set, forest):
            return forest.predict(levels[set]!.rows(range), jobs: jobs)
        case let .scaleFree(forest):
            let relative = forest.predict(scaleFree.rows(range), jobs: jobs)
            return zip(range, relative).map { scales[$0] * $1 }
        case let .rule(rule):
            return rule.forecasts(revenues: revenues, range: range)
        case let .blend(part, rule):
            let rules = rule.forecasts(revenues: revenues, range: range)
            return zip(forecasts(part, range: range, jobs: jobs), rules).map {
                Forecaster.blendWeight * $0 + (1 - Forecaster.blendWeight) * $1
            }
        }
    }
}
