import Testing
@testable import Drift

/// Exact two-sample probabilities on lattices small enough to count by hand.
@Suite struct SmirnovPathCountTests {
    @Test func equalSizes_FullGap() {
        // n = m = 3, D = 1: only the 2 orderings aaabbb and bbbaaa of C(6, 3) = 20.
        #expect(abs(SmirnovPathCount.outsideSquare(n: 3, h: 3) - 0.1) < 1e-15)
    }

    @Test func equalSizes_SmallestGapIsCertain() {
        // Any two samples of 4 have a gap of at least 1/4.
        #expect(abs(SmirnovPathCount.outsideSquare(n: 4, h: 1) - 1) < 1e-15)
    }

    @Test func unequalSizes_FullGap() {
        // m = 3, n = 4, D = 1 (h = lcm = 12): 2 of C(7, 3) = 35 orderings.
        #expect(abs(SmirnovPathCount.outsideBand(m: 3, n: 4, g: 1, h: 12) - 2.0 / 35.0) < 1e-15)
    }

    @Test func unequalSizes_AgreesWithEnumeration() {
        // Every ordering of 2 a's and 3 b's, its largest ECDF gap, and the share with gap ≥ 2/3.
        var count = 0
        var total = 0
        for mask in 0..<32 where mask.nonzeroBitCount == 2 {
            total += 1
            var a = 0.0, b = 0.0, gap = 0.0
            for position in 0..<5 {
                if mask & (1 << position) != 0 { a += 1 } else { b += 1 }
                gap = max(gap, abs(a / 2 - b / 3))
            }
            if gap >= 2.0 / 3.0 - 1e-12 { count += 1 }
        }
        let exact = SmirnovPathCount.outsideBand(m: 2, n: 3, g: 1, h: 4)  // 4/6 = 2/3
        #expect(abs(exact - Double(count) / Double(total)) < 1e-15)
    }
}
