/// Why a model file or the registry could not be used; one line naming the problem and the fix.
public enum ModelFileError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file is not JSON or ends early.
    case unreadable(path: String, reason: String)
    /// A field is missing, has the wrong type or an impossible value.
    case invalid(String)
    /// A checksum does not match: the file was damaged or edited by hand.
    case checksumMismatch(String)
    /// Written by a newer build of forecast.
    case newerFormat(found: Int, supported: Int)
    /// No such version in the registry.
    case unknownVersion(String, available: [String])
    /// The registry has no current model.
    case noCurrentModel(directory: String)
    /// Nothing to roll back to.
    case nothingToRollBack
    /// The registry's files are inconsistent or could not be written.
    case registry(String)

    /// One line naming the problem and the fix.
    public var description: String {
        switch self {
        case let .unreadable(path, reason):
            "cannot read model file \(path): \(reason); it is truncated or not a model file, train a new model or 'forecast models use' another version"
        case let .invalid(reason):
            "invalid model file: \(reason); it was damaged or edited, train a new model or 'forecast models use' another version"
        case let .checksumMismatch(part):
            "model file checksum mismatch in \(part): the file was damaged or edited by hand; train a new model or 'forecast models use' another version"
        case let .newerFormat(found, supported):
            "model file format \(found) is newer than this build reads (\(supported)); upgrade forecast or train a new model"
        case let .unknownVersion(version, available):
            "no model version '\(version)'"
                + (available.isEmpty ? "; no model is registered yet, run 'forecast train'" : "; see 'forecast models list' (latest: \(available.last!))")
        case let .noCurrentModel(directory):
            "no current model in \(directory); run 'forecast train' first"
        case .nothingToRollBack:
            "no earlier current model to roll back to; use 'forecast models use VERSION' to pick one"
        case let .registry(reason):
            "model registry: \(reason)"
        }
    }
}
