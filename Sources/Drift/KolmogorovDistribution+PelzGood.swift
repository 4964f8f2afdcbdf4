import Foundation

extension KolmogorovDistribution {
    /// The Pelz–Good (1976) approximation of P(D_n ≤ x): Li-Chien/Korolyuk's expansion
    /// K0 + K1/√n + K2/n + K3/n^1.5 in z = x√n, each term rewritten with Jacobi theta functions
    /// so that it converges for small z. scipy uses it for large n where Durbin is too slow.
    static func pelzGoodCDF(n: Int, x: Double) -> Double {
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        let piSquared = Double.pi * Double.pi
        let piFour = piSquared * piSquared
        let piSix = piFour * piSquared
        let root2Pi = (2 * Double.pi).squareRoot()
        let z = Double(n).squareRoot() * x
        let z2 = z * z, z3 = z2 * z, z4 = z2 * z2, z6 = z4 * z2
        let qLog = -piSquared / 8 / z2
        if qLog < -708 { return 0 }
        var q = exp(qLog)
        let k1a = -z2
        let k1b = piSquared / 4
        let k2a = 6 * z6 + 2 * z4
        let k2b = (2 * z4 - 5 * z2) * piSquared / 4
        let k2c = piFour * (1 - 2 * z2) / 16
        let k3d = piSix * (5 - 30 * z2) / 64
        let k3c = piFour * (-60 * z2 + 212 * z4) / 16
        let k3b = piSquared * (135 * z4 - 96 * z6) / 4
        let k3a = -30 * z6 - 90 * pow(z, 8)
        var terms = [0.0, 0.0, 0.0, 0.0]
        let maxK = Int((16 * z / Double.pi).rounded(.up))
        if maxK >= 1 {
            for k in stride(from: maxK, through: 1, by: -1) {
                let m = Double(2 * k - 1)
                let m2 = m * m, m4 = m2 * m2, m6 = m4 * m2
                let qPower = pow(q, Double(8 * k))
                let coefficients = [
                    1.0, k1a + k1b * m2, k2a + k2b * m2 + k2c * m4, k3a + k3b * m2 + k3c * m4 + k3d * m6,
                ]
                for index in 0..<4 { terms[index] = terms[index] * qPower + coefficients[index] }
            }
        }
        let denominators = [z, 6 * z4, 72 * pow(z, 7), 6480 * pow(z, 10)]
        for index in 0..<4 { terms[index] = terms[index] * q * root2Pi / denominators[index] }
        q = exp(-piSquared / 2 / z2)
        var sum2 = 0.0
        var sum3 = 0.0
        let root3z = 3.0.squareRoot() * z
        if maxK >= 1 {
            for k in stride(from: maxK, through: 1, by: -1) {
                let kk = Double(k * k)
                let qPower = pow(q, kk)
                sum2 += kk * qPower
                let kPi = Double.pi * Double(k)
                sum3 += (root3z + kPi) * (root3z - kPi) * kk * qPower
            }
        }
        terms[2] += sum2 * (piSquared * root2Pi / (-36 * z3))
        terms[3] += sum3 * (piSquared * root2Pi / (216 * z6))
        var total = 0.0
        for index in 0..<4 { total += terms[index] / pow(Double(n), Double(index) / 2) }
        return total
    }
}
