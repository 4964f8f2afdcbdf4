/// The summary figures of `reports/index.html`: count, mean, standard deviation, minimum and
/// maximum of the predictions, the same over the last 24 hours of the log, and the anomalies.
struct PredictionSummary {
    /// Figures over one set of predictions.
    struct Figures {
        let count: Int
        let mean: Double
        /// Sample standard deviation (n − 1), 0 for fewer than two predictions.
        let standardDeviation: Double
        let minimum: Double
        let maximum: Double

        init(_ values: some Collection<Double>) {
            count = values.count
            guard !values.isEmpty else {
                (mean, standardDeviation, minimum, maximum) = (0, 0, 0, 0)
                return
            }
            let average = values.reduce(0, +) / Double(values.count)
            let squares = values.reduce(0) { $0 + ($1 - average) * ($1 - average) }
            mean = average
            standardDeviation = values.count > 1 ? (squares / Double(values.count - 1)).squareRoot() : 0
            minimum = values.min()!
            maximum = values.max()!
        }
    }

    /// Why a prediction is listed as an anomaly.
    enum Reason: String {
        case belowTraining = "below the training range"
        case aboveTraining = "above the training range"
        case farFromMean = "more than 3 σ from the mean"
    }

    /// One listed prediction.
    struct Anomaly {
        let row: Int
        let reasons: [Reason]
    }

    let all: Figures
    let lastDay: Figures
    /// The latest time in the log; "last 24 h" counts back from it (not from now, so an old log
    /// still has a meaningful last day).
    let latest: Double
    /// Training target range (labels of the features file), when known.
    let trainingRange: ClosedRange<Double>?
    /// Every anomaly, in time order.
    let anomalies: [Anomaly]

    /// Rows further than this many standard deviations from the mean are anomalies.
    static let sigmaLimit = 3.0

    init(_ log: PredictionLogData, order: [Int], trainingRange: ClosedRange<Double>?) {
        all = Figures(log.predictions)
        latest = log.times.max() ?? 0
        let dayStart = latest - 86_400
        lastDay = Figures(order.lazy.filter { log.times[$0] > dayStart }.map { log.predictions[$0] })
        self.trainingRange = trainingRange
        var anomalies: [Anomaly] = []
        let spread = all.standardDeviation
        for row in order {
            let value = log.predictions[row]
            var reasons: [Reason] = []
            if let trainingRange {
                if value < trainingRange.lowerBound { reasons.append(.belowTraining) }
                if value > trainingRange.upperBound { reasons.append(.aboveTraining) }
            }
            if spread > 0, abs(value - all.mean) > Self.sigmaLimit * spread { reasons.append(.farFromMean) }
            if !reasons.isEmpty { anomalies.append(Anomaly(row: row, reasons: reasons)) }
        }
        self.anomalies = anomalies
    }
}
