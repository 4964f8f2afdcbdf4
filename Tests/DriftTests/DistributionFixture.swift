import Foundation

/// `Fixtures/distributions.json`: scipy's `kstwo.sf(x, n)` and `special.smirnov(n, x)` on a grid.
struct DistributionFixture: Decodable {
    struct Point: Decodable {
        let n: Int
        let x: Double
        let kolmogorovSf: Double
        let smirnovSf: Double

        enum CodingKeys: String, CodingKey {
            case n, x
            case kolmogorovSf = "kolmogorov_sf"
            case smirnovSf = "smirnov_sf"
        }
    }

    let points: [Point]

    static func load() throws -> DistributionFixture {
        guard let url = Bundle.module.url(forResource: "distributions", withExtension: "json", subdirectory: "Fixtures") else {
            throw CocoaError(.fileNoSuchFile)
        }
        return try JSONDecoder().decode(DistributionFixture.self, from: Data(contentsOf: url))
    }
}
