/// The first Wasserstein ("earth mover's") distance between two samples, equal to scipy's
/// `scipy.stats.wasserstein_distance(u, v)`: the integral of |U(x) − V(x)| over x, where U and V
/// are the right-continuous empirical CDFs. In the samples' own unit.
public enum Wasserstein {
    /// - Throws: `DriftError.emptySample` when either sample is empty.
    public static func distance(_ first: [Double], _ second: [Double]) throws(DriftError) -> Double {
        guard !first.isEmpty, !second.isEmpty else { throw DriftError.emptySample }
        guard first.allSatisfy(\.isFinite), second.allSatisfy(\.isFinite) else { throw DriftError.nonFiniteValue }
        let u = SortedSample.ascending(first)
        let v = SortedSample.ascending(second)
        let uCount = Double(u.count)
        let vCount = Double(v.count)
        var i = 0
        var j = 0
        var total = 0.0
        // Walk the pooled sorted values; between two successive pooled values both CDFs are flat.
        var current = min(u[0], v[0])
        while i < u.count || j < v.count {
            while i < u.count, u[i] <= current { i += 1 }
            while j < v.count, v[j] <= current { j += 1 }
            let next: Double
            switch (i < u.count, j < v.count) {
            case (true, true): next = min(u[i], v[j])
            case (true, false): next = u[i]
            case (false, true): next = v[j]
            case (false, false): return total
            }
            total += abs(Double(i) / uCount - Double(j) / vCount) * (next - current)
            current = next
        }
        return total
    }
}
