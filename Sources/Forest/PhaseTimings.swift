import Dispatch
import Synchronization

/// Wall-clock time per phase of a whole command (`forecast train --json` prints it as
/// `timings`), so what the user waits for beyond the fit is measured rather than guessed.
///
/// Code marks a phase with `PhaseTimings.measure("name") { … }` wherever it is; the time is
/// recorded only while a recorder is active on this task (`recording`), so library callers pay
/// nothing. Nested phases are keyed by their path (`other_feature_set/fit`) and each key holds
/// its own time without its nested phases', so the keys add up to the total.
public final class PhaseTimings: Sendable {
    @TaskLocal static var active: PhaseTimings?

    private struct State {
        var seconds: [String: Double] = [:]
        var order: [String] = []
        /// Open phases: path and time spent in their nested phases so far.
        var open: [(path: String, nested: Double)] = []
    }

    private let state = Mutex(State())

    public init() {}

    /// Runs `body` with this recorder active (phases measured inside, on this task, land here).
    public func recording<T>(_ body: () throws -> T) rethrows -> T {
        try PhaseTimings.$active.withValue(self) { try body() }
    }

    /// Times `body` as phase `name` when a recorder is active; otherwise just runs it.
    public static func measure<T, Failure: Error>(_ name: String, _ body: () throws(Failure) -> T) throws(Failure) -> T {
        guard let recorder = active else { return try body() }
        recorder.begin(name)
        let start = DispatchTime.now().uptimeNanoseconds
        defer { recorder.end(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9) }
        return try body()
    }

    /// Seconds per phase path, in the order the phases first started.
    public var phases: [(name: String, seconds: Double)] {
        state.withLock { state in state.order.map { ($0, state.seconds[$0] ?? 0) } }
    }

    private func begin(_ name: String) {
        state.withLock { state in
            let path = state.open.last.map { $0.path + "/" + name } ?? name
            state.open.append((path, 0))
            if state.seconds[path] == nil { state.order.append(path) }
        }
    }

    private func end(_ elapsed: Double) {
        state.withLock { state in
            guard let (path, nested) = state.open.popLast() else { return }
            state.seconds[path, default: 0] += elapsed - nested
            if !state.open.isEmpty { state.open[state.open.count - 1].nested += elapsed }
        }
    }
}
