import Testing
@testable import HTTPCore

/// Counters sum across loop shards and render as Prometheus text.
struct ServerMetricsTests {
    @Test func recordsSumAcrossLoopsByStatusAndBucket() {
        let metrics = ServerMetrics(loops: 2)
        metrics.record(loop: 0, status: 200, micros: 30)
        metrics.record(loop: 1, status: 200, micros: 3000)
        metrics.record(loop: 1, status: 418, micros: 1)
        #expect(metrics.requests(status: 200) == 2)
        let text = metrics.prometheusText()
        #expect(text.contains("http_requests_total{status=\"200\"} 2\n"))
        #expect(text.contains("http_requests_total{status=\"other\"} 1\n"))
        #expect(text.contains("http_request_duration_seconds_bucket{le=\"5e-05\"} 2\n"))
        #expect(text.contains("http_request_duration_seconds_bucket{le=\"+Inf\"} 3\n"))
        #expect(text.contains("http_request_duration_seconds_count 3\n"))
    }
}
