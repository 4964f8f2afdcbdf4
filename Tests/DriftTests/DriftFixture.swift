import Foundation

/// One JSON fixture written by scripts/make_drift_fixtures.py: two samples and what scipy
/// computed on them.
struct DriftFixture: Decodable {
    let name: String
    let reference: [Double]
    let current: [Double]
    let ksStatistic: Double
    let ksPvalue: Double
    let wasserstein: Double
    let referenceStd: Double
    let psi: Double

    enum CodingKeys: String, CodingKey {
        case name, reference, current, wasserstein, psi
        case ksStatistic = "ks_statistic"
        case ksPvalue = "ks_pvalue"
        case referenceStd = "reference_std"
    }

    static let names = [
        "exact_equal_sizes", "exact_unequal_sizes", "exact_ties", "exact_large_lattice",
        "asymptotic_smirnov_tail", "asymptotic_durbin_small_n", "asymptotic_durbin_large_n",
        "asymptotic_pelz_good", "asymptotic_pomeranz", "wasserstein_rule", "constant_reference",
    ]

    static func load(_ name: String) throws -> DriftFixture {
        guard let url = Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Fixtures") else {
            throw CocoaError(.fileNoSuchFile)
        }
        return try JSONDecoder().decode(DriftFixture.self, from: Data(contentsOf: url))
    }
}
