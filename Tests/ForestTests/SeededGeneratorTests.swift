import Testing
import Forest

@Suite struct SeededGeneratorTests {
    @Test func sameSeed_SameSequence_DifferentSeed_Different() {
        var a = SeededGenerator(seed: 42), b = SeededGenerator(seed: 42), c = SeededGenerator(seed: 43)
        let first = (0..<8).map { _ in a.next() }
        #expect(first == (0..<8).map { _ in b.next() })
        #expect(first != (0..<8).map { _ in c.next() })
    }

    @Test func boundedDraws_StayInRange_AndCoverIt() {
        var random = SeededGenerator(seed: 7)
        var seen = Set<Int>()
        for _ in 0..<2000 {
            let value = random.next(below: 10)
            #expect((0..<10).contains(value))
            seen.insert(value)
        }
        #expect(seen.count == 10)
    }
}
