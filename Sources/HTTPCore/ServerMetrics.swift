import Synchronization

/// Request and connection counters, sharded per event loop and read by `GET /metrics`.
///
/// Each loop increments only its own shard with relaxed atomics (no lock, no shared cache line
/// between cores); a scrape sums the shards. Counts are monotonic, so a scrape that races an
/// increment is at most one request behind.
public final class ServerMetrics: Sendable {
    /// Status codes counted separately; anything else is counted as `other`.
    static let trackedStatuses = [200, 400, 401, 404, 405, 408, 411, 413, 414, 415, 417, 422, 431, 500, 503, 505]
    /// Upper bounds of the duration histogram, in microseconds (the target is p50 ≤ 100 µs).
    static let bucketBoundsMicros = [25, 50, 100, 250, 500, 1000, 2500, 10000, 100000]

    final class Shard: Sendable {
        let statuses: [Counter]
        let buckets: [Counter]
        let durationMicros = Counter()
        let accepted = Counter()
        let evicted = Counter()
        let timedOut = Counter()

        init() {
            statuses = (0...ServerMetrics.trackedStatuses.count).map { _ in Counter() }
            buckets = (0...ServerMetrics.bucketBoundsMicros.count).map { _ in Counter() }
        }
    }

    final class Counter: Sendable {
        let value = Atomic<Int>(0)
        func add(_ amount: Int = 1) { value.wrappingAdd(amount, ordering: .relaxed) }
        var current: Int { value.load(ordering: .relaxed) }
    }

    let shards: [Shard]
    /// Open connections across loops (also enforces `maxConnections`).
    let openConnections = Atomic<Int>(0)
    /// The access log's writer, kept here so `/metrics` can report the lines it dropped.
    let accessLogWriter: LineWriter

    /// Metrics for `loops` event loops; access lines go to `accessLogWriter` (stderr by default).
    public init(loops: Int, accessLogWriter: LineWriter = LineWriter()) {
        shards = (0..<max(1, loops)).map { _ in Shard() }
        self.accessLogWriter = accessLogWriter
    }

    /// Counts one answered request on `loop`.
    func record(loop: Int, status: Int, micros: Int) {
        let shard = shards[loop]
        let statusIndex = ServerMetrics.trackedStatuses.firstIndex(of: status) ?? ServerMetrics.trackedStatuses.count
        shard.statuses[statusIndex].add()
        var bucket = 0
        while bucket < ServerMetrics.bucketBoundsMicros.count, micros > ServerMetrics.bucketBoundsMicros[bucket] {
            bucket += 1
        }
        shard.buckets[bucket].add()
        shard.durationMicros.add(micros)
    }

    /// Requests answered so far with `status`, summed over loops.
    public func requests(status: Int) -> Int {
        let index = ServerMetrics.trackedStatuses.firstIndex(of: status) ?? ServerMetrics.trackedStatuses.count
        return shards.reduce(0) { $0 + $1.statuses[index].current }
    }

    /// The counters in Prometheus text exposition format 0.0.4, each family with HELP and TYPE.
    public func prometheusText() -> String {
        var text = "# HELP http_requests_total Requests answered, by status code.\n# TYPE http_requests_total counter\n"
        for (index, status) in ServerMetrics.trackedStatuses.enumerated() {
            text += "http_requests_total{status=\"\(status)\"} \(sum { $0.statuses[index] })\n"
        }
        text += "http_requests_total{status=\"other\"} \(sum { $0.statuses[ServerMetrics.trackedStatuses.count] })\n"
        text += "# HELP http_request_duration_seconds Time from a decoded request to its encoded response.\n"
        text += "# TYPE http_request_duration_seconds histogram\n"
        var cumulative = 0
        for (index, bound) in ServerMetrics.bucketBoundsMicros.enumerated() {
            cumulative += sum { $0.buckets[index] }
            text += "http_request_duration_seconds_bucket{le=\"\(Double(bound) / 1_000_000)\"} \(cumulative)\n"
        }
        cumulative += sum { $0.buckets[ServerMetrics.bucketBoundsMicros.count] }
        text += "http_request_duration_seconds_bucket{le=\"+Inf\"} \(cumulative)\n"
        text += "http_request_duration_seconds_sum \(Double(sum { $0.durationMicros }) / 1_000_000)\n"
        text += "http_request_duration_seconds_count \(cumulative)\n"
        text += "# HELP http_connections_open Connections open now.\n# TYPE http_connections_open gauge\n"
        text += "http_connections_open \(openConnections.load(ordering: .relaxed))\n"
        text += "# HELP http_connections_accepted_total Connections accepted.\n# TYPE http_connections_accepted_total counter\n"
        text += "http_connections_accepted_total \(sum { $0.accepted })\n"
        text += "# HELP http_connections_evicted_total Idle or slow connections closed to make room at the connection limit.\n"
        text += "# TYPE http_connections_evicted_total counter\nhttp_connections_evicted_total \(sum { $0.evicted })\n"
        text += "# HELP http_connections_timed_out_total Connections closed for idling or sending too slowly.\n"
        text += "# TYPE http_connections_timed_out_total counter\nhttp_connections_timed_out_total \(sum { $0.timedOut })\n"
        text += "# HELP http_access_log_dropped_lines_total Access and message lines dropped because stderr was not being read.\n"
        text += "# TYPE http_access_log_dropped_lines_total counter\nhttp_access_log_dropped_lines_total \(accessLogWriter.droppedLines)\n"
        return text
    }

    private func sum(_ counter: (Shard) -> Counter) -> Int {
        shards.reduce(0) { $0 + counter($1).current }
    }
}
