import Testing
@testable import ForecastData

@Suite struct OrderIDSetTests {
    private func hash(_ text: String) -> UInt64 {
        Array(text.utf8).withUnsafeBufferPointer(OrderIDHash.hash)
    }

    @Test func set_CountsDistinctHashesAcrossGrowth() {
        var set = OrderIDSet()
        for index in 0..<10_000 { set.insert(hash("O\(index % 2500)")) }
        #expect(set.count == 2500)
        var other = OrderIDSet()
        for index in 2000..<3000 { other.insert(hash("O\(index)")) }
        set.formUnion(other)
        #expect(set.count == 3000)
    }

    @Test func hash_DiffersForDifferentIdsAndLengths() {
        let ids = ["", "A", "A\u{0}", "AB", "O0000001", "O00000001", "O00000002", "a-much-longer-order-identifier-1",
                   "a-much-longer-order-identifier-2"]
        #expect(Set(ids.map(hash)).count == ids.count)
        #expect(!ids.map(hash).contains(0))
    }
}
