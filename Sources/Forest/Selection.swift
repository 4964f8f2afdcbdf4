/// Hoare's quickselect ("Algorithm 65: Find", 1961) with a median-of-three pivot: puts the
/// k-th smallest value at index k, smaller-or-equal ones before it, greater-or-equal after.
/// Deterministic (no random pivot), so percentiles are reproducible.
enum Selection {
    static func select(_ k: Int, in values: UnsafeMutableBufferPointer<Double>) -> Double {
        var low = 0, high = values.count - 1
        while high > low {
            let middle = low + (high - low) / 2
            // Median of three as the pivot, so sorted or reversed input is not quadratic.
            if values[middle] < values[low] { values.swapAt(middle, low) }
            if values[high] < values[low] { values.swapAt(high, low) }
            if values[high] < values[middle] { values.swapAt(high, middle) }
            let pivot = values[middle]
            var i = low, j = high
            while i <= j {
                while values[i] < pivot { i += 1 }
                while values[j] > pivot { j -= 1 }
                if i <= j {
                    values.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            if k <= j {
                high = j
            } else if k >= i {
                low = i
            } else {
                break
            }
        }
        return values[k]
    }
}
