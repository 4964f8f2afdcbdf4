/// Why a drift statistic could not be computed; the message names the problem and the fix.
public enum DriftError: Error, Equatable, Sendable, CustomStringConvertible {
    case emptySample
    case nonFiniteValue
    /// The values are so far apart that a statistic overflowed (e.g. −1e308 and 1e308).
    case outOfRange(feature: String)

    public var description: String {
        switch self {
        case .emptySample:
            "a drift test needs at least one value on each side; log some predictions and check the reference file"
        case .nonFiniteValue:
            "a value is NaN or infinite; drift statistics need finite numbers, fix the input file"
        case .outOfRange(let feature):
            "\(feature) values are too far apart to compare (a statistic overflowed); check the log for absurd values"
        }
    }
}
