import Dispatch
import Synchronization

/// Runs independent jobs (the backtest's fold refits) on up to `jobs` threads and returns their
/// results in index order: job i fills slot i only, so the result never depends on scheduling
/// (STYLE.md §5), and every fit inside is itself identical for any thread count.
enum ParallelWork {
    static func map<T: Sendable>(count: Int, jobs: Int, _ work: @Sendable (Int) throws -> T) throws -> [T] {
        let workers = max(1, min(jobs, count))
        if workers == 1 { return try (0..<count).map(work) }
        let slots = Mutex<[Result<T, any Error>?]>(Array(repeating: nil, count: count))
        let next = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                let index = next.add(1, ordering: .relaxed).oldValue
                if index >= count { return }
                let result = Result { try work(index) }
                slots.withLock { $0[index] = result }
            }
        }
        // The lowest failing index reports, whatever order the threads ran in.
        return try slots.withLock { $0 }.map { try $0!.get() }
    }
}
