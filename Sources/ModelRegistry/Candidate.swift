import Forest
import ForecastData

/// The forecasters `forecast train` compares in one backtest (issue 9 §1), in report order.
public enum Candidate: String, Sendable, CaseIterable, Codable {
    /// The forest on revenue levels with the chosen feature set (`extended` unless told).
    case forest
    /// The forest on next-day revenue relative to the 7-day mean (`ScaleFreeFeatures`).
    case forestScaleFree = "forest_scale_free"
    case seasonalNaive = "seasonal_naive"
    case movingAverage7d = "moving_average_7d"
    case persistence
    /// The mean of the best forest and the best rule of the backtest.
    case blend

    /// The forests among the candidates.
    public static let forests: [Candidate] = [.forest, .forestScaleFree]
    /// The rules among the candidates.
    public static let rules: [Candidate] = [.seasonalNaive, .movingAverage7d, .persistence]

    /// The rule this candidate is, if it is one.
    public var rule: RuleModel.Kind? { RuleModel.Kind(rawValue: rawValue) }

    /// Human label for tables and the report's first line.
    public var title: String {
        switch self {
        case .forest: "forest on revenue levels"
        case .forestScaleFree: "scale-free forest"
        case .seasonalNaive: "seasonal naive (same weekday, last 4 weeks)"
        case .movingAverage7d: "7-day moving average"
        case .persistence: "persistence (tomorrow = today)"
        case .blend: "mean of best forest and best rule"
        }
    }
}

/// A fitted forecaster of any candidate kind: what training scores and a model file holds.
///
/// Only `blend` is `indirect`: a forest held inline is read in place by `forecast`, where
/// binding it out of an indirect case's box copied the struct (a retain and a release of each
/// of its arrays, on every request).
public enum Forecaster: Sendable {
    /// A forest on revenue levels with basic or extended features.
    case levels(FeatureSet, RandomForestRegressor)
    /// A forest on the scale-free target; its output is multiplied by the 7-day mean.
    case scaleFree(RandomForestRegressor)
    case rule(RuleModel)
    /// The mean of a forest (`levels` or `scaleFree`) and a rule.
    indirect case blend(Forecaster, RuleModel)

    /// The forest inside, if any.
    public var forest: RandomForestRegressor? {
        switch self {
        case let .levels(_, forest), let .scaleFree(forest): forest
        case .rule: nil
        case let .blend(part, _): part.forest
        }
    }

    /// The rule inside, if any.
    public var rule: RuleModel? {
        switch self {
        case .levels, .scaleFree: nil
        case let .rule(rule), let .blend(_, rule): rule
        }
    }

    /// Feature-set name and feature names as the model file stores them (`none` for a rule).
    public var features: (set: String, names: [String]) {
        switch self {
        case let .levels(set, _): (set.rawValue, set.featureNames)
        case .scaleFree: (ScaleFreeFeatures.name, ScaleFreeFeatures.featureNames)
        case .rule: ("none", [])
        case let .blend(part, _): part.features
        }
    }

    /// How many days before the current one its inputs look at (0: none, the basic forest and
    /// persistence), so a server knows how much daily history a request needs.
    public var historyLength: Int {
        switch self {
        case .levels(.basic, _): 0
        case .levels(.extended, _): FeatureSet.historyLength
        case .scaleFree: RecentRevenue.daysNeeded
        case let .rule(rule): rule.historyLength
        case let .blend(part, rule): max(part.historyLength, rule.historyLength)
        }
    }

    /// The forecast for the day after `day`, given its revenue and order count and the revenue
    /// of the days before it (oldest first; only the last `historyLength` are used).
    public func forecast(revenue: Double, orderCount: Int, day: Day, earlier: ArraySlice<Double>) -> Double {
        let recent = RecentRevenue(earlier: earlier, today: revenue)
        switch self {
        case let .levels(set, forest):
            return forest.predict(row: set.row(revenue: revenue, orderCount: orderCount, day: day, earlier: earlier))
        case let .scaleFree(forest):
            let relative = withUnsafeTemporaryAllocation(of: Double.self, capacity: ScaleFreeFeatures.featureNames.count) { row in
                ScaleFreeFeatures.write(recent, forecastWeekday: day.adding(days: 1).weekday, into: row)
                return forest.predict { row[$0] }
            }
            return ScaleFreeFeatures.scale(recent) * relative
        case let .rule(rule):
            return rule.forecast(recent)
        case let .blend(part, rule):
            let forestValue = part.forecast(revenue: revenue, orderCount: orderCount, day: day, earlier: earlier)
            return Forecaster.blendWeight * forestValue + (1 - Forecaster.blendWeight) * rule.forecast(recent)
        }
    }

    /// The row of features the forest inside sees for `day` (in `features.names` order), nil for
    /// a rule: what an explanation of the forest's part attributes its output to. A scale-free
    /// forest's output is relative to `ScaleFreeFeatures.scale`.
    public func forestRow(revenue: Double, orderCount: Int, day: Day, earlier: ArraySlice<Double>) -> [Double]? {
        switch self {
        case let .levels(set, _):
            return set.row(revenue: revenue, orderCount: orderCount, day: day, earlier: earlier)
        case .scaleFree:
            return ScaleFreeFeatures.row(RecentRevenue(earlier: earlier, today: revenue), forecastWeekday: day.adding(days: 1).weekday)
        case .rule:
            return nil
        case let .blend(part, _):
            return part.forestRow(revenue: revenue, orderCount: orderCount, day: day, earlier: earlier)
        }
    }

    /// The forest's share of a blend: an even mean, the simplest combination that cannot be
    /// overfitted to the backtest.
    public static let blendWeight = 0.5
}
