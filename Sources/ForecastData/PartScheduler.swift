import Dispatch
import Synchronization

/// Reads the parts of a file on `jobs` threads and merges their results in file order.
///
/// The file is cut in many parts (16 MiB each by default), more than threads: each thread takes
/// the next part when it is free, so a thread slowed down by other work on the machine simply
/// reads fewer parts, instead of the whole run waiting for its half. A part's result is merged
/// as soon as every part before it is, which keeps only a few results in memory at a time and
/// the merge order (so the sums) the same on every run.
enum PartScheduler {
    private struct State: Sendable {
        var merge: DailyMerge
        var pending: [Int: Result<ChunkResult, ETLError>] = [:]
        var nextToMerge = 0
        /// Lines of the parts merged so far (a failed part's line numbers are relative to it).
        var lines = 0
        var failure: ETLError?
        /// A part read to the end of the file: later parts are speculative and dropped.
        var finished = false
    }

    /// Scans the parts starting at `starts` and adds them to `merge` in order.
    static func run(plan: ScanPlan, descriptor: Int32, starts: [Int], size: Int, jobs: Int, into merge: inout DailyMerge,
                    progress: @escaping @Sendable (Int) -> Void) throws(ETLError) {
        let state = Mutex(State(merge: merge))
        let nextPart = Atomic<Int>(0)
        let stop = Atomic<Bool>(false)
        DispatchQueue.concurrentPerform(iterations: max(1, min(jobs, starts.count))) { _ in
            let storage = ReadBuffer()
            while !stop.load(ordering: .relaxed) {
                let index = nextPart.wrappingAdd(1, ordering: .relaxed).oldValue
                guard index < starts.count else { return }
                let end = index + 1 < starts.count ? starts[index + 1] : size
                let outcome = Result { () throws(ETLError) -> ChunkResult in
                    try ChunkScanner(plan: plan, descriptor: descriptor)
                        .scan(start: starts[index], stop: end, fileEnd: size, storage: storage, progress: progress)
                }
                let done = state.withLock { state in
                    state.pending[index] = outcome
                    mergeReady(&state)
                    return state.finished || state.failure != nil
                }
                if done { stop.store(true, ordering: .relaxed) }
            }
        }
        let final = state.withLock { state in
            let result = (state.merge, state.failure)
            state.merge = DailyMerge(headerLines: 0)  // release the shared copy
            return result
        }
        if let failure = final.1 { throw failure }
        merge = final.0
    }

    /// Merges the pending results that continue the merged prefix of the file.
    private static func mergeReady(_ state: inout State) {
        while !state.finished, state.failure == nil, let ready = state.pending.removeValue(forKey: state.nextToMerge) {
            switch ready {
            case let .success(part):
                state.merge.add(part)
                state.lines += part.lineBreaks
                state.finished = part.ranToEnd
            case let .failure(error):
                state.failure = error.movingLine(by: state.lines)
            }
            state.nextToMerge += 1
        }
        if state.finished { state.pending.removeAll() }
    }
}
