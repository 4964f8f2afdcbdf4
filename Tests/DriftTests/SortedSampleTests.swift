import Testing
@testable import Drift

@Suite struct SortedSampleTests {
    @Test func radixSort_GivesTheStandardOrder_WithNegativesZerosAndDuplicates() {
        var generator = SystemRandomNumberGenerator()
        var values = (0..<10_000).map { _ in Double.random(in: -1e6...1e6, using: &generator) }
        values += [0, -0.0, .leastNonzeroMagnitude, -.leastNonzeroMagnitude, 1e308, -1e308, 42, 42, 42] + (0..<500).map { Double($0 % 7) }
        values.shuffle(using: &generator)
        let sorted = SortedSample.radixSorted(values)
        #expect(sorted.count == values.count)
        #expect(sorted == values.sorted())
        #expect(SortedSample.ascending(values) == values.sorted())
    }

    @Test func alreadySorted_IsReturnedAsIs() {
        let values = (0..<5000).map(Double.init)
        #expect(SortedSample.ascending(values) == values)
    }
}
