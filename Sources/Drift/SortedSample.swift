/// Samples in ascending order, sorted only when they are not already: the statistics that need
/// order (KS, Wasserstein) share one sort per sample.
enum SortedSample {
    /// `values` itself when already ascending (checked in one pass), else a sorted copy.
    static func ascending(_ values: [Double]) -> [Double] {
        for index in values.indices.dropFirst() where values[index] < values[index - 1] {
            return values.sorted()
        }
        return values
    }
}
