/// A forecasting rule: a one-line model that `forecast train` compares with the forests and can
/// register and serve like one (issue 9). Its only parameter is its window.
///
/// - `seasonal_naive`: the mean revenue of the forecast day's weekday over the last `window`
///   weeks (default 4); the 7-day mean until a week of history exists.
/// - `moving_average_7d`: the mean revenue of the last `window` days including today (default 7).
/// - `persistence`: tomorrow = today (`window` is 1).
public struct RuleModel: Sendable, Equatable, Codable {
    /// The rules there are, in the order reports list them.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case seasonalNaive = "seasonal_naive"
        case movingAverage7d = "moving_average_7d"
        case persistence

        /// The window a rule of this kind uses unless told otherwise (the definitions).
        public var defaultWindow: Int {
            switch self {
            case .seasonalNaive: 4
            case .movingAverage7d: 7
            case .persistence: 1
            }
        }

        /// The unit of `window`, as the model file and `/model/info` spell it.
        var windowUnit: String {
            switch self {
            case .seasonalNaive: "weeks"
            case .movingAverage7d, .persistence: "days"
            }
        }
    }

    public var kind: Kind
    /// Weeks for `seasonal_naive`, days otherwise.
    public var window: Int

    enum CodingKeys: String, CodingKey {
        case kind = "name", window, windowUnit = "window_unit", formula
    }

    /// A rule with its default window.
    public init(_ kind: Kind) {
        self.kind = kind
        window = kind.defaultWindow
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        kind = try container.decode(Kind.self, forKey: .kind)
        window = try container.decode(Int.self, forKey: .window)
    }

    /// Writes the unit and the formula beside the window so a reader of the file (or of
    /// `/model/info`) sees what the rule does without the source.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        try container.encode(window, forKey: .window)
        try container.encode(kind.windowUnit, forKey: .windowUnit)
        try container.encode(formula, forKey: .formula)
    }

    /// The largest window a stored rule may have: the serving history holds four weeks.
    public var isValid: Bool {
        switch kind {
        case .seasonalNaive: (1...4).contains(window)
        case .movingAverage7d: (1...(RecentRevenue.daysNeeded + 1)).contains(window)
        case .persistence: window == 1
        }
    }

    /// Days before the current one the rule looks at: the same weekday `window` weeks back is
    /// `7 × window − 1` days before; a `window`-day mean reaches `window − 1` days back.
    public var historyLength: Int {
        switch kind {
        case .seasonalNaive: 7 * window - 1
        case .movingAverage7d: window - 1
        case .persistence: 0
        }
    }

    /// The rule in words.
    public var formula: String {
        switch kind {
        case .seasonalNaive: "tomorrow = mean revenue of tomorrow's weekday over the last \(window) weeks"
        case .movingAverage7d: "tomorrow = mean revenue of the last \(window) days, today included"
        case .persistence: "tomorrow = today"
        }
    }

    /// The forecast for the day after `recent.today`.
    public func forecast(_ recent: RecentRevenue) -> Double {
        switch kind {
        case .seasonalNaive: recent.sameWeekdayMean(weeks: window) ?? recent.mean(days: 7)
        case .movingAverage7d: recent.mean(days: window)
        case .persistence: recent.today
        }
    }

    /// Forecasts for rows `range` of a daily revenue series.
    public func forecasts(revenues: [Double], range: Range<Int>) -> [Double] {
        range.map { forecast(RecentRevenue(revenues: revenues, index: $0)) }
    }
}
