/// Order statistics of a small array without sorting it: the percentile interval needs only the
/// two values around a rank near either end (10th / 90th percentile), so a bounded heap of the
/// smallest (or largest) values finds them in about one pass with mostly predictable branches.
/// Exact whatever the ties, so percentiles are reproducible.
enum Selection {
    /// The values of rank `k` and `k + 1` (0-based, ascending; `k + 1` clamped to the last
    /// rank) among `values` (non-empty, `0 <= k < count`).
    static func ranks(_ k: Int, of values: UnsafeBufferPointer<Double>) -> (Double, Double) {
        let count = values.count
        let upper = min(k + 1, count - 1)
        if upper < count - k {
            // Keep the `upper + 1` smallest in a max-heap: its top is rank `upper`, and the larger
            // child of the top is rank `upper - 1`.
            let size = upper + 1
            return withUnsafeTemporaryAllocation(of: Double.self, capacity: size) { heap in
                fill(heap, from: values, size: size, keepsSmallest: true)
                let top = heap[0]
                let second = size > 2 ? max(heap[1], heap[2]) : (size == 2 ? heap[1] : top)
                return upper == k ? (top, top) : (second, top)
            }
        }
        // Keep the `count - k` largest in a min-heap: its top is rank `k`, and the smaller child
        // of the top is rank `k + 1`.
        let size = count - k
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: size) { heap in
            fill(heap, from: values, size: size, keepsSmallest: false)
            let top = heap[0]
            let second = size > 2 ? min(heap[1], heap[2]) : (size == 2 ? heap[1] : top)
            return upper == k ? (top, top) : (top, second)
        }
    }

    /// Fills `heap` with the `size` smallest (max-heap) or largest (min-heap) of `values`.
    private static func fill(
        _ heap: UnsafeMutableBufferPointer<Double>, from values: UnsafeBufferPointer<Double>, size: Int,
        keepsSmallest: Bool
    ) {
        // `before(a, b)`: a belongs nearer the top than b.
        @inline(__always) func before(_ a: Double, _ b: Double) -> Bool { keepsSmallest ? a > b : a < b }
        for index in 0..<size {
            heap[index] = values[index]
            var child = index
            while child > 0 {
                let parent = (child - 1) / 2
                guard before(heap[child], heap[parent]) else { break }
                heap.swapAt(child, parent)
                child = parent
            }
        }
        for index in size..<values.count {
            let value = values[index]
            guard before(heap[0], value) else { continue }
            // Replace the top and sift it down.
            var parent = 0
            while true {
                let left = 2 * parent + 1
                if left >= size { break }
                let right = left + 1
                let child = right < size && before(heap[right], heap[left]) ? right : left
                guard before(heap[child], value) else { break }
                heap[parent] = heap[child]
                parent = child
            }
            heap[parent] = value
        }
    }
}
