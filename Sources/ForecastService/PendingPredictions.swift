import ForecastData
import HTTPCore

/// The predictions one event loop answered in the current epoll batch, not yet logged.
///
/// Their answers wait in the loop (`HTTPResponse.awaitsCommit`); `commit` appends every line in
/// one `write` and counts them, or counts the failure and returns the 503 that replaces each of
/// those answers. So every 200 still has its line in the log before it is sent, and a batch of
/// a few dozen requests costs one system call instead of one each.
struct PendingPredictions {
    private var entries: [PredictionLogEntry] = []
    /// The numbers of `entries[i]` as its answer formatted them.
    private var numbers: [PredictionNumbers] = []
    private var requests = 0
    private var predictions = 0
    private var alertPredictions = 0
    private var batchRequests = 0
    private var batchItems = 0

    /// A `/predict` answer's line.
    mutating func addPrediction(_ entry: PredictionLogEntry, numbers: PredictionNumbers) {
        entries.append(entry)
        self.numbers.append(numbers)
        requests += 1
        predictions += 1
    }

    /// A `/predict-with-alert` answer's line.
    mutating func addAlertPrediction(_ entry: PredictionLogEntry, numbers: PredictionNumbers) {
        entries.append(entry)
        self.numbers.append(numbers)
        requests += 1
        alertPredictions += 1
    }

    /// A `/predict/batch` answer's lines (logged whole or not at all, with the rest).
    mutating func addBatch(_ lines: [PredictionLogEntry], numbers: [PredictionNumbers]) {
        entries.append(contentsOf: lines)
        self.numbers.append(contentsOf: numbers)
        requests += 1
        batchRequests += 1
        batchItems += lines.count
    }

    /// Logs the lines in one append; nil when they are on disk, else the answer that replaces
    /// each waiting one (503 `log_unavailable`, naming the log's error).
    mutating func commit(to state: ServiceState, loop: Int) -> HTTPResponse? {
        guard !entries.isEmpty else { return nil }
        defer { reset() }
        let shard = state.metrics.shards[loop]
        do {
            try state.log.append(entries, numbers: numbers)
        } catch {
            shard.logFailures.wrappingAdd(requests, ordering: .relaxed)
            return HTTPError.serviceUnavailable(code: "log_unavailable", message: error.description).response
        }
        shard.predictions.wrappingAdd(predictions, ordering: .relaxed)
        shard.alertPredictions.wrappingAdd(alertPredictions, ordering: .relaxed)
        shard.batchRequests.wrappingAdd(batchRequests, ordering: .relaxed)
        shard.batchItems.wrappingAdd(batchItems, ordering: .relaxed)
        return nil
    }

    /// Empty again, keeping the storage for the next batch.
    private mutating func reset() {
        entries.removeAll(keepingCapacity: true)
        numbers.removeAll(keepingCapacity: true)
        requests = 0
        predictions = 0
        alertPredictions = 0
        batchRequests = 0
        batchItems = 0
    }
}
