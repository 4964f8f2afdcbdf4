/// Exact null distribution of the two-sample KS statistic by counting lattice paths
/// (Hodges 1958, "The significance probability of the Smirnov two-sample test"), in the forms
/// scipy uses so that p-values agree to rounding.
enum SmirnovPathCount {
    /// P(D ≥ h/n) for two samples of equal size n: the proportion of paths from (0,0) to (n,n)
    /// that touch x − y = ±h. The alternating sum 2·Σ ±C(2n, n−kh)/C(2n, n) is evaluated from
    /// the innermost term outwards (a Horner scheme) to avoid cancellation.
    static func outsideSquare(n: Int, h: Int) -> Double {
        var total = 0.0
        var k = n / h
        while k >= 0 {
            var ratio = 1.0
            for j in 0..<h {
                ratio = Double(n - k * h - j) * ratio / Double(n + k * h + j + 1)
            }
            total = ratio * (1.0 - total)
            k -= 1
        }
        return 2 * total
    }

    /// P(D ≥ h/lcm(m, n)) for sizes m ≠ n: one minus the proportion of paths that stay strictly
    /// inside |x/m − y/n| < h/lcm. Computed column by column as the probability of having left
    /// the band (Viehmann 2021, arXiv:2102.08037), keeping only the sliding window of rows the
    /// band allows.
    static func outsideBand(m first: Int, n second: Int, g: Int, h: Int) -> Double {
        let (m, n) = first >= second ? (first, second) : (second, first)
        let mg = m / g
        let ng = n / g
        var minJ = 0
        var maxJ = min(Int((Double(h) / Double(mg)).rounded(.up)), n + 1)
        var currentLength = maxJ - minJ
        let length = min(2 * maxJ + 2, n + 1)
        var column = [Double](repeating: 1, count: length)
        for index in minJ..<maxJ { column[index] = 0 }
        for i in 1...m {
            let lastMinJ = minJ
            let lastLength = currentLength
            minJ = min(max(Int((Double(ng * i - h) / Double(mg)).rounded(.down)) + 1, 0), n)
            maxJ = min(Int((Double(ng * i + h) / Double(mg)).rounded(.up)), n + 1)
            if maxJ <= minJ { return 1 }
            var value = minJ == 0 ? 0.0 : 1.0
            for offset in 0..<(maxJ - minJ) {
                let j = offset + minJ
                value = (column[offset + minJ - lastMinJ] * Double(i) + value * Double(j)) / Double(i + j)
                column[offset] = value
            }
            currentLength = maxJ - minJ
            if lastLength > currentLength {
                for index in (maxJ - minJ)..<(maxJ - minJ + lastLength - currentLength) { column[index] = 1 }
            }
        }
        return column[maxJ - minJ - 1]
    }
}
