import Testing
@testable import ForecastData

@Suite struct SplitMix64Tests {
    @Test func knownSequence_ForSeedZero() {
        // Reference outputs of SplitMix64 for seed 0 (Vigna's splitmix64.c).
        var random = SplitMix64(seed: 0)
        #expect(random.next() == 0xE220_A839_7B1D_CDAF)
        #expect(random.next() == 0x6E78_9E6A_A1B9_65F4)
    }

    @Test func boundedDraws_StayInRange() {
        var random = SplitMix64(seed: 9)
        for bound in [1, 2, 7, 1000] {
            for _ in 0..<200 { #expect((0..<bound).contains(random.nextInt(below: bound))) }
        }
        for _ in 0..<200 { #expect((0..<1).contains(random.nextUnit())) }
    }
}
