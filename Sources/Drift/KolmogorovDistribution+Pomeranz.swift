import Foundation

extension KolmogorovDistribution {
    /// P(D_n ≤ x) by Pomeranz's recursion (Pomeranz 1974), used by scipy for n ≤ 140 and
    /// 0.754693 < n·x² ≤ 4: each step convolves the previous row with (c/n)^m/m! terms.
    static func pomeranzCDF(n: Int, x: Double) -> Double {
        let t = Double(n) * x
        let whole = Int(t.rounded(.down))
        let fraction = t - Double(whole)
        let g = min(fraction, 1 - fraction)
        let ceilFraction = fraction > 0 ? 1 : 0
        let roundFraction = fraction > 0.5 ? 1 : 0
        let powerCount = 2 * (whole + 1)
        // (g/n)^m/m!, (2g/n)^m/m!, ((1−2g)/n)^m/m!
        var gPowers = [Double](repeating: 1, count: powerCount)
        var twoGPowers = [Double](repeating: 1, count: powerCount)
        var restPowers = [Double](repeating: 1, count: powerCount)
        let size = Double(n)
        for m in 1..<powerCount {
            gPowers[m] = gPowers[m - 1] * (g / size) / Double(m)
            twoGPowers[m] = twoGPowers[m - 1] * (2 * g / size) / Double(m)
            restPowers[m] = restPowers[m - 1] * ((1 - 2 * g) / size) / Double(m)
        }
        var previous = [Double](repeating: 0, count: powerCount)
        var current = [Double](repeating: 0, count: powerCount)
        current[0] = 1
        var previousStart = 0
        var currentStart = 0
        var exponent = 0
        var (j1, j2) = bounds(row: 0, n: n, whole: whole, ceilFraction: ceilFraction, roundFraction: roundFraction)
        for i in 1...(2 * n + 1) {
            let k1 = j1
            swap(&previous, &current)
            swap(&previousStart, &currentStart)
            for index in current.indices { current[index] = 0 }
            (j1, j2) = bounds(row: i, n: n, whole: whole, ceilFraction: ceilFraction, roundFraction: roundFraction)
            let powers = (i == 1 || i == 2 * n + 1) ? gPowers : (i % 2 == 1 ? twoGPowers : restPowers)
            let span = j2 - k1 + 1
            guard span > 0 else { continue }
            let sourceStart = k1 - previousStart
            let sourceEnd = min(sourceStart + span, previous.count)
            let source = sourceStart < sourceEnd ? Array(previous[sourceStart..<sourceEnd]) : []
            let kernel = Array(powers[0..<min(span, powers.count)])
            let convolution = convolve(source, kernel)
            let start = j1 - k1
            let length = j2 - j1 + 1
            if length > 0 {
                for offset in 0..<length where start + offset < convolution.count {
                    current[offset] = convolution[start + offset]
                }
            }
            let largest = current.max() ?? 0
            if largest > 0, largest < scaleDown {
                for index in current.indices { current[index] *= scaleUp }
                exponent -= 128
            }
            currentStart = previousStart + j1 - k1
        }
        var answer = current[n - currentStart]
        for m in 1...n {
            if abs(answer) > scaleUp {
                answer *= scaleDown
                exponent += 128
            }
            answer *= Double(m)
        }
        if exponent != 0 { answer = scalbn(answer, exponent) }
        return clip(answer)
    }

    /// The first and last column of row `row` of Pomeranz's recursion.
    private static func bounds(row i: Int, n: Int, whole: Int, ceilFraction: Int, roundFraction: Int) -> (Int, Int) {
        var j1: Int
        var j2: Int
        if i == 0 {
            (j1, j2) = (-whole - ceilFraction - 1, whole + ceilFraction - 1)
        } else {
            let half = (i + 1) / 2
            if (i + 1) % 2 == 0 {
                if half == n + 1 {
                    (j1, j2) = (n - whole - ceilFraction - 1, n + whole + ceilFraction - 1)
                } else {
                    (j1, j2) = (half - 1 - whole - roundFraction - 1, half + whole - 1 + ceilFraction - 1)
                }
            } else {
                (j1, j2) = (half - 1 - whole - 1, half + whole + roundFraction - 1)
            }
        }
        return (max(j1 + 2, 0), min(j2, n))
    }

    /// Full discrete convolution (length a + b − 1), as `numpy.convolve` in its default mode.
    private static func convolve(_ a: [Double], _ b: [Double]) -> [Double] {
        guard !a.isEmpty, !b.isEmpty else { return [] }
        var result = [Double](repeating: 0, count: a.count + b.count - 1)
        for i in a.indices where a[i] != 0 {
            for j in b.indices { result[i + j] += a[i] * b[j] }
        }
        return result
    }
}
