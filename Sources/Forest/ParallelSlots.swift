import Dispatch
import Synchronization

/// Runs `count` independent jobs on up to `jobs` threads and returns their results in index
/// order: job i writes only slot i, so the output never depends on scheduling (STYLE.md §5).
enum ParallelSlots {
    static func map<T: Sendable>(count: Int, jobs: Int, _ work: @Sendable (Int) -> T) -> [T] {
        let workers = max(1, min(jobs, count))
        if workers == 1 { return (0..<count).map(work) }
        let slots = Slots<T>(count: count)
        let next = Atomic<Int>(0)
        // Workers pull the next index, so a slow tree does not leave a thread idle.
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                let index = next.add(1, ordering: .relaxed).oldValue
                if index >= count { return }
                slots.store(work(index), at: index)
            }
        }
        return slots.values()
    }
}

/// One write-once slot per job. Each index is written by exactly one worker and read only after
/// `concurrentPerform` has returned (which orders those writes before the reads), so the slots
/// need no lock; that invariant is why this type may be `@unchecked Sendable`.
private final class Slots<T>: @unchecked Sendable {
    private let storage: UnsafeMutablePointer<T?>
    private let count: Int

    init(count: Int) {
        self.count = count
        storage = UnsafeMutablePointer<T?>.allocate(capacity: count)
        storage.initialize(repeating: nil, count: count)
    }

    deinit {
        storage.deinitialize(count: count)
        storage.deallocate()
    }

    func store(_ value: T, at index: Int) {
        storage[index] = value
    }

    func values() -> [T] {
        // Every index below `count` was stored before `concurrentPerform` returned.
        (0..<count).compactMap { storage[$0] }
    }
}
