import Foundation

extension KolmogorovDistribution {
    /// P(D_n ≤ d) by Durbin's matrix method (Durbin 1968) as Marsaglia, Tsang & Wang (2003)
    /// compute it: the (k, k) entry of Hⁿ times n!/nⁿ, with exponents tracked separately.
    static func durbinMatrixCDF(n: Int, d: Double) -> Double {
        if d >= 1 { return 1 }
        let nd = Double(n) * d
        if nd <= 0.5 { return 0 }
        let k = Int(nd.rounded(.up))
        let h = Double(k) - nd
        let m = 2 * k - 1
        var v = (1...m).map { 1 - pow(h, Double($0)) }
        var w = [Double](repeating: 0, count: m)
        var factorial = 1.0
        for j in 1...m {
            w[j - 1] = factorial
            factorial /= Double(j)
            v[j - 1] *= factorial
        }
        let correction = pow(max(2 * h - 1, 0), Double(m)) - 2 * pow(h, Double(m))
        v[m - 1] = (1 + correction) * factorial
        var matrix = [Double](repeating: 0, count: m * m)
        for column in 1..<max(m, 1) {
            for row in (column - 1)..<m { matrix[row * m + column] = w[row - column + 1] }
        }
        for row in 0..<m { matrix[row * m] = v[row] }
        for column in 0..<m { matrix[(m - 1) * m + column] = v[m - 1 - column] }

        var power = [Double](repeating: 0, count: m * m)
        for i in 0..<m { power[i * m + i] = 1 }
        var remaining = n
        var exponent = 0
        var matrixExponent = 0
        while remaining > 0 {
            if remaining % 2 == 1 {
                power = multiply(power, matrix, size: m)
                exponent += matrixExponent
            }
            matrix = multiply(matrix, matrix, size: m)
            matrixExponent *= 2
            if abs(matrix[(k - 1) * m + (k - 1)]) > scaleUp {
                for index in matrix.indices { matrix[index] /= scaleUp }
                matrixExponent += 128
            }
            remaining /= 2
        }
        var probability = power[(k - 1) * m + (k - 1)]
        for i in 1...n {
            probability = Double(i) * probability / Double(n)
            if abs(probability) < scaleDown {
                probability *= scaleUp
                exponent -= 128
            }
        }
        if exponent != 0 { probability = scalbn(probability, exponent) }
        return clip(probability)
    }

    /// Row-major product of two square matrices.
    private static func multiply(_ a: [Double], _ b: [Double], size: Int) -> [Double] {
        var product = [Double](repeating: 0, count: size * size)
        for row in 0..<size {
            for inner in 0..<size {
                let left = a[row * size + inner]
                if left == 0 { continue }
                for column in 0..<size { product[row * size + column] += left * b[inner * size + column] }
            }
        }
        return product
    }
}
