import Foundation
@testable import Forest

/// Seeded synthetic regression data for tests: y = 10·sin(x0) + x1 + noise, extra features noise.
enum Synthetic {
    static func make(rows: Int, features: Int, seed: UInt64, spread: Double = 1) throws -> (FeatureMatrix, [Double]) {
        var random = SeededGenerator(seed: seed)
        func uniform() -> Double { Double(random.next() >> 11) / Double(1 << 53) }
        var data: [[Double]] = []
        var targets: [Double] = []
        for _ in 0..<rows {
            let row = (0..<features).map { _ in (uniform() * 6 - 3) * spread }
            data.append(row)
            targets.append(10 * sin(row[0]) + (features > 1 ? row[1] : 0) + uniform() * 0.5)
        }
        return (try FeatureMatrix(rows: data, featureCount: features), targets)
    }
}
